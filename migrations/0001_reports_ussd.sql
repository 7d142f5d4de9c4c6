CREATE TABLE `areas` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`level` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `areas_parent` ON `areas` (`parent_code`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`category` text,
	`area_code` text,
	`urgent` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`language` text NOT NULL,
	`description_enc` text,
	`occurred_when` text,
	`occurred_at` text,
	`reporter_contact_id` text,
	`ussd_session_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`reporter_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_ref_unique` ON `reports` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_ussd_session_unique` ON `reports` (`ussd_session_id`);--> statement-breakpoint
CREATE INDEX `reports_status_created` ON `reports` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_area` ON `reports` (`area_code`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`contact_id` text PRIMARY KEY NOT NULL,
	`area_code` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ussd_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`contact_id` text NOT NULL,
	`service_code` text,
	`consumed_text` text NOT NULL,
	`state_enc` text NOT NULL,
	`last_response_enc` text NOT NULL,
	`status` text NOT NULL,
	`has_draft` integer DEFAULT false NOT NULL,
	`draft_closed_at` text,
	`hops` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ussd_sessions_contact` ON `ussd_sessions` (`contact_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `ussd_sessions_draft` ON `ussd_sessions` (`has_draft`,`draft_closed_at`,`updated_at`);