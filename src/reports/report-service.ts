import { eq, sql } from 'drizzle-orm';
import type { AuditLog } from '../access/audit-log';
import type { Language } from '../config';
import type { Outbox } from '../outbox/outbox-repository';
import { PRIORITY } from '../outbox/outbox-repository';
import type { ContactRepository } from '../contacts/contact-repository';
import type { PhoneVault } from '../contacts/phone-vault';
import type { Db } from '../db/client';
import { reportNotes, reports } from '../db/schema';
import type { Content } from '../flows/content';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { newRef, normalizeRef } from './report-refs';

export type ReportRow = typeof reports.$inferSelect;
export type ReportStatus = ReportRow['status'];

export interface NewReport {
  source: 'ussd' | 'sms' | 'api';
  status: 'new' | 'incomplete' | 'unparsed';
  language: Language;
  category?: string | null;
  areaCode?: string | null;
  urgent?: boolean;
  description?: string | null;
  occurredWhen?: string | null;
  reporterContactId?: string | null;
  ussdSessionId?: string | null;
  /** Queue the SMS receipt with the ref (default). SMS reports answer in the same reply instead. */
  receipt?: boolean;
}

const DAY_MS = 86_400_000;

/** The moment a "when" answer stands for, as near as it can be told. */
function occurredAt(when: string | null | undefined, now: Date): string | null {
  switch (when) {
    case 'now':
    case 'today':
      return now.toISOString();
    case 'yesterday':
      return new Date(now.getTime() - DAY_MS).toISOString();
    default:
      return null;
  }
}

export function createReportService(deps: {
  db: Db;
  vault: PhoneVault;
  clock: Clock;
  outbox: Outbox;
  contacts: ContactRepository;
  content: Content;
  /** Told of every new report inside its transaction (rapid alerts). */
  onCreated?: (report: ReportRow) => void;
  /** Whether some committee receives reports from this place (its own, or one above). */
  hasCommittee?: (areaCode: string) => boolean;
  audit: AuditLog;
}) {
  const { db, vault, clock, outbox, contacts, content } = deps;
  const byRef = db.select().from(reports).where(eq(reports.ref, sql.placeholder('ref'))).prepare();
  const byId = db.select().from(reports).where(eq(reports.id, sql.placeholder('id'))).prepare();
  const byUssdSession = db.select().from(reports).where(eq(reports.ussdSessionId, sql.placeholder('sessionId'))).prepare();
  const insertReport = db
    .insert(reports)
    .values({
      id: sql.placeholder('id'),
      ref: sql.placeholder('ref'),
      category: sql.placeholder('category'),
      areaCode: sql.placeholder('areaCode'),
      urgent: sql.placeholder('urgent'),
      status: sql.placeholder('status'),
      source: sql.placeholder('source'),
      language: sql.placeholder('language'),
      descriptionEnc: sql.placeholder('descriptionEnc'),
      occurredWhen: sql.placeholder('occurredWhen'),
      occurredAt: sql.placeholder('occurredAt'),
      reporterContactId: sql.placeholder('reporterContactId'),
      ussdSessionId: sql.placeholder('ussdSessionId'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .returning()
    .prepare();

  function findByRef(typed: string): ReportRow | undefined {
    return byRef.get({ ref: normalizeRef(typed) });
  }

  function findById(id: string): ReportRow | undefined {
    return byId.get({ id });
  }

  function findByUssdSession(sessionId: string): ReportRow | undefined {
    return byUssdSession.get({ sessionId });
  }

  /**
   * Stores a report (call inside the transaction that caused it) and, for a finished report from a
   * phone that can receive SMS, queues the receipt with its ref in the reporter's language.
   */
  function create(input: NewReport): ReportRow {
    const now = clock.now();
    let ref = newRef();
    while (byRef.get({ ref })) ref = newRef();
    const row = insertReport.get({
      id: newId(),
      ref,
      category: input.category ?? null,
      areaCode: input.areaCode ?? null,
      urgent: input.urgent ? 1 : 0,
      status: input.status,
      source: input.source,
      language: input.language,
      descriptionEnc: input.description ? vault.encrypt(input.description) : null,
      occurredWhen: input.occurredWhen ?? null,
      occurredAt: occurredAt(input.occurredWhen, now),
      reporterContactId: input.reporterContactId ?? null,
      ussdSessionId: input.ussdSessionId ?? null,
      now: now.toISOString(),
    })!;
    if (input.status !== 'incomplete' && input.receipt !== false && input.reporterContactId) {
      const reporter = contacts.findById(input.reporterContactId);
      if (reporter?.kind === 'mobile') {
        const text = content.replies[receiptKey({ areaCode: input.areaCode ?? null, urgent: !!input.urgent })][input.language].replaceAll('{ref}', ref);
        outbox.enqueueReply({ contactId: reporter.id, part: { text, language: input.language, receiptRef: ref } });
      }
    }
    deps.onCreated?.(row);
    return row;
  }

  /**
   * A committee's or coordinator's decision on a report (SMS or API): the status changes, the change is
   * audited, and when it is resolved the reporter gets one SMS (unless they opted out). A status set
   * again changes nothing.
   */
  function changeStatus(report: ReportRow, status: 'verified' | 'actioned' | 'resolved' | 'rejected', actor: string, note?: string): ReportRow {
    if (report.status === status) {
      if (note?.trim()) addNote(report, actor, note);
      return report;
    }
    const now = clock.now().toISOString();
    db.update(reports).set({ status, updatedAt: now }).where(eq(reports.id, report.id)).run();
    deps.audit.record({ actor, action: 'report_status', subject: report.ref, detail: `${report.status} -> ${status}` });
    if (note?.trim()) addNote(report, actor, note);
    if (status === 'resolved' && report.reporterContactId) {
      const reporter = contacts.findById(report.reporterContactId);
      if (reporter && reporter.kind === 'mobile' && !reporter.optedOutAt) {
        const language = (reporter.language as Language | null) ?? (report.language as Language);
        outbox.enqueue({ contactId: reporter.id, text: content.replies.resolved_for_reporter[language].replace('{ref}', report.ref), priority: PRIORITY.notice });
      }
    }
    return { ...report, status, updatedAt: now };
  }

  /** A note for the report's timeline, kept encrypted (it may name people or places). */
  function addNote(report: ReportRow, actor: string, note: string): void {
    db.insert(reportNotes).values({ reportId: report.id, at: clock.now().toISOString(), actor, noteEnc: vault.encrypt(note.trim()) }).run();
  }

  /** The report's notes, oldest first, decrypted for the people allowed to read the report. */
  function notes(report: ReportRow): { at: string; actor: string; text: string }[] {
    return db
      .select()
      .from(reportNotes)
      .where(eq(reportNotes.reportId, report.id))
      .orderBy(reportNotes.id)
      .all()
      .map((row) => ({ at: row.at, actor: row.actor, text: vault.decrypt(row.noteEnc) }));
  }

  function description(report: ReportRow): string | null {
    return report.descriptionEnc ? vault.decrypt(report.descriptionEnc) : null;
  }

  /**
   * The receipt that says what really happens next: the committee alerted now (urgent), or in the
   * day's digest; with no committee for the place, the coordinators' triage.
   */
  function receiptKey(report: { areaCode: string | null; urgent: boolean }): 'report_receipt' | 'report_receipt_urgent' | 'report_receipt_triage' {
    if (!report.areaCode || !(deps.hasCommittee?.(report.areaCode) ?? true)) return 'report_receipt_triage';
    return report.urgent ? 'report_receipt_urgent' : 'report_receipt';
  }

  return { create, receiptKey, findById, findByRef, findByUssdSession, changeStatus, addNote, notes, description };
}

export type ReportService = ReturnType<typeof createReportService>;
