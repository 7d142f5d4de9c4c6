ALTER TABLE `contacts` ADD `last_check_in_at` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `check_in_reminder_at` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `check_in_escalated_at` text;--> statement-breakpoint
CREATE INDEX `contacts_role` ON `contacts` (`role`);