DROP INDEX `ussd_sessions_contact`;--> statement-breakpoint
DROP INDEX `ussd_sessions_draft`;--> statement-breakpoint
CREATE INDEX `ussd_sessions_by_contact` ON `ussd_sessions` (`contact_id`);--> statement-breakpoint
CREATE INDEX `ussd_sessions_open_drafts` ON `ussd_sessions` (`updated_at`) WHERE "ussd_sessions"."has_draft" = 1 and "ussd_sessions"."draft_closed_at" is null;