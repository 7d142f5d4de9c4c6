CREATE TABLE `sms_conversations` (
	`contact_id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`awaiting` text NOT NULL,
	`choices` text DEFAULT '[]' NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
