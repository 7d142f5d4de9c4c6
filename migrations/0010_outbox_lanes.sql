-- Five lanes instead of three (see PRIORITY in outbox-repository.ts): rapid alerts and escalations 0,
-- replies 1, notices and digests 2, urgent broadcasts 3, bulk 4. Rows already stored move to theirs.
UPDATE `messages` SET `priority` = 4 WHERE `direction` = 'out' AND `priority` = 2;--> statement-breakpoint
UPDATE `messages` SET `priority` = 3 WHERE `direction` = 'out' AND `priority` = 1 AND `broadcast_id` IS NOT NULL;--> statement-breakpoint
UPDATE `messages` SET `priority` = 2 WHERE `direction` = 'out' AND `priority` = 1 AND `broadcast_id` IS NULL;--> statement-breakpoint
UPDATE `messages` SET `priority` = 1 WHERE `direction` = 'out' AND `priority` = 0;--> statement-breakpoint
UPDATE `messages` SET `priority` = 0 WHERE `id` IN (SELECT `message_id` FROM `alert_recipients`);
