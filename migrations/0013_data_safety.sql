CREATE TABLE `gateway_meta` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `reports` ADD `erased_at` text;--> statement-breakpoint
ALTER TABLE `ussd_sessions` ADD `consumed_hash` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `ussd_sessions` ADD `consumed_length` integer DEFAULT 0 NOT NULL;