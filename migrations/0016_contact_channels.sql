ALTER TABLE `contacts` ADD `last_channel` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `country` text;