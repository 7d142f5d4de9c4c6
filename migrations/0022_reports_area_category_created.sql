DROP INDEX `reports_area_created`;--> statement-breakpoint
CREATE INDEX `reports_area_category_created` ON `reports` (`area_code`,`category`,`created_at`);