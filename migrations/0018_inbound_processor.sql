ALTER TABLE `messages` ADD `processed_at` text;--> statement-breakpoint
-- Every inbound message stored before this version was read in the webhook's own transaction.
UPDATE `messages` SET `processed_at` = `updated_at` WHERE `direction` = 'in';--> statement-breakpoint
CREATE INDEX `messages_unprocessed` ON `messages` (`created_at`) WHERE "messages"."direction" = 'in' and "messages"."processed_at" is null;
