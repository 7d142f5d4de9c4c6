import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../access/audit-log';
import { atomically, type Db } from '../db/client';
import type { Clock } from '../lib/clock';
import { unambiguousCode } from '../lib/ids';

/** '' in a sealed column: the value was erased or purged (phone-vault reads it as ''). */
export const ERASED = '';

export interface ErasureResult {
  /** The pseudonym the person had (what coordinators knew them by), and the one the tombstone has. */
  formerPseudonym: string;
  pseudonym: string;
  messages: number;
  cancelled: number;
  reports: number;
  notes: number;
  sessions: number;
}

/**
 * Erasure on request and retention. Erasing a person removes their number and every text they wrote
 * or received; their reports stay as category, area and time, marked erased, so that the picture of
 * what happened where is kept without them. What remains of the contact is a tombstone: a new random
 * pseudonym, no number, no name, no area, no role. The audit log records the erasure, not the number.
 */
export function createErasure(deps: { db: Db; clock: Clock; audit: AuditLog }) {
  const { db, clock, audit } = deps;
  const sql = db.$client;
  const contactById = sql.prepare('select id, pseudonym from contacts where id = ?');
  const cancelQueued = sql.prepare(
    "update messages set status = 'cancelled', failure_reason = 'recipient erased', text_enc = '', text_hash = null, reply_parts_enc = null, updated_at = @now where contact_id = @id and status in ('queued', 'held')",
  );
  const blankMessages = sql.prepare("update messages set text_enc = '', text_hash = null, reply_parts_enc = null, updated_at = @now where contact_id = @id and text_enc != ''");
  const blankReports = sql.prepare('update reports set description_enc = null, reporter_contact_id = null, erased_at = @now, updated_at = @now where reporter_contact_id = @id');
  // Committee notes are signed "<role> <pseudonym>" (sms-reporting.ts): the role may have changed since.
  const blankNotes = sql.prepare("update report_notes set note_enc = '' where (actor = @pseudonym or actor like '% ' || @pseudonym) and note_enc != ''");
  const deleteSessions = sql.prepare('delete from ussd_sessions where contact_id = @id');
  const deleteOthers = ['sms_conversations', 'subscriptions', 'sender_events'].map((table) => sql.prepare(`delete from ${table} where contact_id = @id`));
  const tombstone = sql.prepare(
    "update contacts set phone_enc = '', phone_hash = @hash, pseudonym = @pseudonym, name = null, role = 'reporter', area_code = null, language = null, opted_out_at = @now, last_check_in_at = null, check_in_reminder_at = null, check_in_escalated_at = null, updated_at = @now where id = @id",
  );

  function erase(contactId: string, actor: string): ErasureResult | null {
    const result = atomically(db, (): ErasureResult | null => {
      const contact = contactById.get(contactId) as { id: string; pseudonym: string } | undefined;
      if (!contact) return null;
      const now = clock.now().toISOString();
      const pseudonym = `X-${unambiguousCode(8, randomBytes(16))}`;
      const cancelled = cancelQueued.run({ id: contact.id, now }).changes;
      const messages = blankMessages.run({ id: contact.id, now }).changes + cancelled;
      const reports = blankReports.run({ id: contact.id, now }).changes;
      const notes = blankNotes.run({ pseudonym: contact.pseudonym }).changes;
      const sessions = deleteSessions.run({ id: contact.id }).changes;
      for (const statement of deleteOthers) statement.run({ id: contact.id });
      tombstone.run({ id: contact.id, hash: `erased:${contact.id}`, pseudonym, now });
      audit.record({ actor, action: 'contact_erase', subject: pseudonym, detail: `erased on request: ${messages} messages, ${reports} reports kept without their text, ${notes} notes, ${sessions} USSD sessions` });
      return { formerPseudonym: contact.pseudonym, pseudonym, messages, cancelled, reports, notes, sessions };
    });
    // Overwritten pages leave the write-ahead log at the next checkpoint: take it now.
    if (result) sql.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }

  const purgeOldTexts = sql.prepare(
    "update messages set text_enc = '', text_hash = null, reply_parts_enc = null where text_enc != '' and created_at < ? and status not in ('queued', 'held', 'sending') and rowid in (select rowid from messages where text_enc != '' and created_at < ? and status not in ('queued', 'held', 'sending') limit 2000)",
  );
  const purgeOldSessions = sql.prepare('delete from ussd_sessions where updated_at < ? and (has_draft = 0 or draft_closed_at is not null)');

  /** RETENTION_DAYS: message texts older than that are blanked (in pages of 2,000). Returns how many. */
  function purgeTexts(retentionDays: number): number {
    const before = new Date(clock.now().getTime() - retentionDays * 86_400_000).toISOString();
    let total = 0;
    for (;;) {
      const changed = atomically(db, () => purgeOldTexts.run(before, before).changes);
      total += changed;
      if (changed === 0) break;
    }
    return total;
  }

  /** USSD sessions whose resume window is over (a draft still open is kept until it is swept). */
  function purgeUssdSessions(resumeWindowMs: number): number {
    return purgeOldSessions.run(new Date(clock.now().getTime() - resumeWindowMs).toISOString()).changes;
  }

  return { erase, purgeTexts, purgeUssdSessions };
}

export type Erasure = ReturnType<typeof createErasure>;
