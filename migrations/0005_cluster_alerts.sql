DROP INDEX `alerts_report_level_unique`;--> statement-breakpoint
ALTER TABLE `alerts` ADD `kind` text DEFAULT 'urgent' NOT NULL;--> statement-breakpoint
ALTER TABLE `alerts` ADD `rule` text;--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_report_kind_level_unique` ON `alerts` (`report_id`,`kind`,`level`);--> statement-breakpoint
CREATE INDEX `alerts_cluster` ON `alerts` (`kind`,`committee_area_code`,`rule`,`created_at`);