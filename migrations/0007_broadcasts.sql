CREATE TABLE `broadcasts` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`status` text NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`audience` text NOT NULL,
	`texts` text NOT NULL,
	`fallback_language` text NOT NULL,
	`source` text NOT NULL,
	`created_by` text NOT NULL,
	`confirm_contact_id` text,
	`confirm_code` text,
	`confirm_expires_at` text,
	`idempotency_key` text,
	`scheduled_at` text NOT NULL,
	`expansion_cursor` text,
	`expanded_at` text,
	`recipients` integer DEFAULT 0 NOT NULL,
	`started_at` text,
	`cancelled_at` text,
	`finished_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`confirm_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcasts_ref_unique` ON `broadcasts` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `broadcasts_idempotency_unique` ON `broadcasts` (`idempotency_key`) WHERE "broadcasts"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX `broadcasts_status` ON `broadcasts` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `broadcasts_confirm` ON `broadcasts` (`confirm_contact_id`,`status`);--> statement-breakpoint
DROP INDEX `messages_outbox_due`;--> statement-breakpoint
ALTER TABLE `messages` ADD `broadcast_id` text;--> statement-breakpoint
CREATE INDEX `messages_outbox_lane` ON `messages` (`status`,`priority`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_broadcast_contact_unique` ON `messages` (`broadcast_id`,`contact_id`) WHERE "messages"."broadcast_id" is not null;--> statement-breakpoint
CREATE INDEX `messages_broadcast_status` ON `messages` (`broadcast_id`,`status`) WHERE "messages"."broadcast_id" is not null;