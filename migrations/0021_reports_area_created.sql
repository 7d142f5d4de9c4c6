DROP INDEX `reports_area`;--> statement-breakpoint
CREATE INDEX `reports_area_created` ON `reports` (`area_code`,`created_at`);