CREATE TABLE `alert_recipients` (
	`alert_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`message_id` text NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_recipients_unique` ON `alert_recipients` (`alert_id`,`contact_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`committee_area_code` text NOT NULL,
	`level` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_report_level_unique` ON `alerts` (`report_id`,`level`);--> statement-breakpoint
CREATE INDEX `alerts_status` ON `alerts` (`status`,`created_at`);