ALTER TABLE `alerts` ADD `escalate_at` text;--> statement-breakpoint
CREATE INDEX `alerts_due` ON `alerts` (`status`,`escalate_at`);