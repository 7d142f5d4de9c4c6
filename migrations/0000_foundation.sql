CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`area_code` text,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`phone_hash` text NOT NULL,
	`phone_enc` text NOT NULL,
	`kind` text NOT NULL,
	`pseudonym` text NOT NULL,
	`name` text,
	`role` text DEFAULT 'reporter' NOT NULL,
	`area_code` text,
	`language` text,
	`opted_out_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_phone_hash_unique` ON `contacts` (`phone_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_pseudonym_unique` ON `contacts` (`pseudonym`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`channel` text DEFAULT 'sms' NOT NULL,
	`provider` text NOT NULL,
	`provider_message_id` text,
	`contact_id` text NOT NULL,
	`service_address` text,
	`text_enc` text NOT NULL,
	`text_hash` text,
	`status` text NOT NULL,
	`provider_status` text,
	`failure_reason` text,
	`failure_retryable` integer,
	`priority` integer DEFAULT 1 NOT NULL,
	`essential` integer DEFAULT false NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`segments` integer,
	`encoding` text,
	`in_reply_to` text,
	`sent_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_id_unique` ON `messages` (`direction`,`provider`,`provider_message_id`) WHERE "messages"."provider_message_id" is not null;--> statement-breakpoint
CREATE INDEX `messages_outbox_due` ON `messages` (`status`,`priority`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `messages_contact_created` ON `messages` (`contact_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_created` ON `messages` (`created_at`);