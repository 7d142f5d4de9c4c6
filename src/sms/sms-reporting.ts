import { eq, sql } from 'drizzle-orm';
import type { AlertService } from '../alerts/alert-service';
import type { SilenceWatch } from '../alerts/silence-watch';
import type { AuditLog } from '../access/audit-log';
import type { AreaDirectory } from '../areas/area-directory';
import { countryOf, languageForNumber } from '../contacts/phone-number';
import type { Subscriptions } from '../contacts/subscriptions';
import { foldForMatching } from '../areas/text-match';
import { measureSms } from '../outbox/segments';
import { LANGUAGES, type Language } from '../config';
import type { Contact, ContactRepository } from '../contacts/contact-repository';
import type { Db } from '../db/client';
import { reports as reportsTable, smsConversations } from '../db/schema';
import type { Content, ReplyKey } from '../flows/content';
import type { Flow } from '../flows/flow-schema';
import type { Clock } from '../lib/clock';
import type { Metrics } from '../ops/metrics';
import type { ReportRow, ReportService } from '../reports/report-service';
import { REF_PATTERN } from '../reports/report-refs';
import type { ReportParser } from './report-parser';
import type { LookupLimit } from '../reports/lookup-limit';

export interface SmsReportingResult {
  reply: string;
  language: Language;
  /** Set when the reply is a plain receipt for this new report (several can be combined into one SMS). */
  receiptRef?: string;
}

/** Kyrgyz letters that Russian does not have. */
const KYRGYZ_LETTERS = /[ңөүҢӨҮ]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Area names in numbered choices are cut to this, so that a question fits one SMS. */
const CHOICE_NAME_MAX = 18;

/**
 * What an SMS that is not an opt-out becomes: a command (HELP, STATUS ref, LANG xx), the answer to an
 * open question about an earlier report, or a new report. A report is stored at once with whatever
 * was understood; if its place or category is missing, the sender gets one short question, and the
 * reply completes the same report.
 */
export function createSmsReporting(deps: {
  db: Db;
  clock: Clock;
  reports: ReportService;
  contacts: ContactRepository;
  areas: AreaDirectory;
  parser: ReportParser;
  content: Content;
  flow: Flow;
  metrics: Metrics;
  audit: AuditLog;
  subscriptions: Subscriptions;
  alerts: AlertService;
  silenceWatch: SilenceWatch;
  lookups: LookupLimit;
  conversationMinutes: number;
  defaultLanguage: Language;
  /** Coordinators' "BC <area> <message>" and "YES <code>" (see broadcast/sms-broadcast.ts). */
  broadcastCommands?: { handle(contact: Contact, text: string, language: Language): string | null };
}) {
  const { db, clock, reports, contacts, areas, parser, content, flow, metrics, audit, subscriptions, defaultLanguage } = deps;
  const fold = foldForMatching;
  // Command words, each with the language it belongs to (the reply's language for a new sender).
  const commandWords = (key: 'help' | 'status' | 'language' | 'join' | 'leave' | 'ack' | 'verify' | 'resolve' | 'false' | 'check_in') => new Map(LANGUAGES.flatMap((l) => content.keywords[key][l].map((w) => [fold(w), l] as const)));
  const helpWords = commandWords('help');
  const statusWords = commandWords('status');
  const languageWords = commandWords('language');
  const joinWords = commandWords('join');
  const checkInWords = commandWords('check_in');
  const leaveWords = commandWords('leave');
  /** Committee commands and the status each sets (ACK sets none: it says "I am on it"). */
  const committeeCommands: [Map<string, Language>, 'verified' | 'resolved' | 'rejected' | null][] = [
    [commandWords('ack'), null],
    [commandWords('verify'), 'verified'],
    [commandWords('resolve'), 'resolved'],
    [commandWords('false'), 'rejected'],
  ];
  const COMMITTEE_ROLES = new Set(['member', 'chair', 'coordinator']);

  const conversationOf = db.select().from(smsConversations).where(eq(smsConversations.contactId, sql.placeholder('contactId'))).prepare();
  const upsertConversation = db.$client.prepare(
    `insert into sms_conversations (contact_id, report_id, awaiting, choices, expires_at, created_at) values (?, ?, ?, ?, ?, ?)
     on conflict (contact_id) do update set report_id = excluded.report_id, awaiting = excluded.awaiting, choices = excluded.choices,
       expires_at = excluded.expires_at, created_at = excluded.created_at`,
  );
  const deleteConversation = db.$client.prepare('delete from sms_conversations where contact_id = ?');

  const say = (key: ReplyKey, language: Language, values: Record<string, string> = {}) =>
    content.replies[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

  /** Their choice; else the language of the words understood; else the script; else their number's country. */
  function languageOf(contact: Contact, phone: string, text: string, detected: Language | null): Language {
    if (contact.language) return contact.language as Language;
    if (detected) return detected;
    if (CYRILLIC.test(text)) return KYRGYZ_LETTERS.test(text) ? 'ky' : 'ru';
    return languageForNumber(phone, defaultLanguage);
  }

  /** Places are looked for in the sender's own country first (as the USSD picker starts there). */
  function rootAreaFor(phone: string): string | null {
    return areas.rootFor(countryOf(phone));
  }

  function closeConversation(contactId: string): void {
    deleteConversation.run(contactId);
  }

  function openConversation(contactId: string, reportId: string, awaiting: 'area' | 'category', choices: string[]): void {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + deps.conversationMinutes * 60_000).toISOString();
    upsertConversation.run(contactId, reportId, awaiting, JSON.stringify(choices), expiresAt, now.toISOString());
  }

  /** The question for what a report still lacks, opening the conversation; or null when it is complete. */
  function askForMissing(contact: Contact, report: ReportRow, language: Language, candidates: string[]): string | null {
    if (!report.areaCode) {
      openConversation(contact.id, report.id, 'area', candidates);
      if (candidates.length > 1) {
        const choices = candidates
          .map((code, i) => {
            const area = areas.get(code)!;
            const parent = area.parentCode ? areas.get(area.parentCode) : undefined;
            const name = parent ? `${area.name} (${parent.name})` : area.name;
            return `${i + 1} ${name.length > CHOICE_NAME_MAX ? `${name.slice(0, CHOICE_NAME_MAX - 1)}.` : name}`;
          })
          .join(', ');
        const question = say('ask_place_choices', language, { ref: report.ref, choices });
        // Numbered choices only when they fit one SMS in this language; otherwise the open question.
        if (measureSms(question).segments === 1) return question;
      }
      return say('ask_place', language, { ref: report.ref });
    }
    if (!report.category) {
      openConversation(contact.id, report.id, 'category', []);
      return say('ask_category', language, { ref: report.ref });
    }
    closeConversation(contact.id);
    return null;
  }

  function update(report: ReportRow, changes: { areaCode?: string; category?: string }): ReportRow {
    const next = { ...report, ...changes };
    const status = next.status === 'unparsed' && next.areaCode && next.category ? 'new' : next.status;
    db.update(reportsTable)
      .set({ ...changes, status, updatedAt: clock.now().toISOString() })
      .where(eq(reportsTable.id, report.id))
      .run();
    const updated = { ...next, status };
    // An urgent report whose place was only now given is alerted now.
    deps.alerts.consider(updated);
    return updated;
  }

  /** Tries the text as the answer to the open question; null when it is not one. */
  function answer(contact: Contact, conversation: typeof smsConversations.$inferSelect, text: string, phone: string, language: Language): string | null {
    const report = reports.findById(conversation.reportId);
    if (!report) return null;
    let updated: ReportRow | null = null;
    // A message that is a whole report of its own (what and where, in several words) is not an answer.
    const rootArea = rootAreaFor(phone);
    const own = parser.parse(text, { rootArea });
    if (own.category && (own.area || own.candidates.length > 0) && text.trim().split(/\s+/).length > 3) return null;
    if (conversation.awaiting === 'area') {
      const choices = JSON.parse(conversation.choices) as string[];
      const number = /^\s*(\d)\s*$/.exec(text);
      if (number && choices[Number(number[1]) - 1]) updated = update(report, { areaCode: choices[Number(number[1]) - 1]! });
      else {
        if (own.area) updated = update(report, { areaCode: own.area.code });
        else if (own.candidates.length > 1) return askForMissing(contact, report, language, own.candidates.map((a) => a.code));
        else {
          // The answer to "where?" is a place's name even when it is an everyday word, which free text does
          // not take for a place ("Hospital", a ward of Mathare): looked up whole, exactly, as USSD does.
          const exact = areas.search(text, { within: rootArea, limit: 2 }).filter((match) => match.score === 0);
          if (exact.length === 1) updated = update(report, { areaCode: exact[0]!.area.code });
        }
      }
    } else {
      const category = parser.parseCategory(text, { rootArea });
      if (category) updated = update(report, { category });
    }
    if (!updated) return null;
    return askForMissing(contact, updated, language, []) ?? say('report_completed', language, { ref: updated.ref });
  }

  function newReport(contact: Contact, text: string, phone: string): SmsReportingResult {
    const parsed = parser.parse(text, { rootArea: rootAreaFor(phone) });
    const language = languageOf(contact, phone, text, parsed.language);
    // A monitor's all-clear in words ("Polling day, Lurambi: voting peaceful, no incidents") is a
    // check-in, like "OK": not a report whose sender is asked what happened.
    if (parsed.allClear && contact.role === 'monitor') return { reply: deps.silenceWatch.checkIn(contact), language };
    // Anyone else's all-clear or good news ("thank you, the committee came and talked to both sides") is
    // kept as a report of category "other", for the committee's digest (or the coordinators' triage when
    // it names no place), and answered with the receipt: its sender is not asked what happened.
    const category = parsed.allClear ? parser.otherCategory : parsed.category;
    const complete = !!(category && parsed.area);
    const report = reports.create({
      source: 'sms',
      status: complete ? 'new' : 'unparsed',
      language,
      category,
      areaCode: parsed.area?.code ?? null,
      urgent: parsed.urgent,
      description: text,
      reporterContactId: contact.id,
      receipt: false,
    });
    metrics.reports.inc({ source: 'sms', status: report.status });
    const question = parsed.allClear ? null : askForMissing(contact, report, language, parsed.candidates.map((a) => a.code));
    if (question) return { reply: question, language };
    return { reply: say(reports.receiptKey({ areaCode: report.areaCode, urgent: report.urgent }), language, { ref: report.ref }), language, receiptRef: report.ref };
  }

  /** Whether a committee member (their committee's area) or coordinator (their subtree) may act on the report. */
  function withinSendersArea(contact: Contact, report: ReportRow): boolean {
    return COMMITTEE_ROLES.has(contact.role) && !!contact.areaCode && !!report.areaCode && areas.isWithin(report.areaCode, contact.areaCode);
  }

  /**
   * ACK / VERIFY / RESOLVE / FALSE <ref> [note] from a member of the committee responsible (or a
   * coordinator above it). A sender who is on no committee, a ref that does not exist and a report
   * outside the sender's area all get the same reply: nobody learns who sits on a committee, nor which
   * refs exist elsewhere. A sender number is trusted only because its webhook was authenticated.
   */
  function committeeCommand(contact: Contact, ref: string, status: 'verified' | 'resolved' | 'rejected' | null, language: Language, note: string): string {
    const report = reports.findByRef(ref);
    if (!report || !withinSendersArea(contact, report)) return say('status_unknown', language, { ref });
    const actor = `${contact.role} ${contact.pseudonym}`;
    if (!status) {
      deps.alerts.acknowledge(report, contact);
      audit.record({ actor, action: 'report_acknowledged', subject: report.ref });
      if (note) reports.addNote(report, actor, note);
      return say('acknowledged', language, { ref: report.ref });
    }
    reports.changeStatus(report, status, actor, note);
    return say('status_changed', language, { ref: report.ref, status: flow.statuses[status][language] });
  }

  function handle(contact: Contact, phone: string, text: string): SmsReportingResult {
    const words = fold(text).split(' ').filter(Boolean);
    const first = words[0] ?? '';
    const commandLanguage = [helpWords, statusWords, languageWords, joinWords, leaveWords, ...committeeCommands.map(([w]) => w)].map((w) => w.get(first)).find(Boolean);
    const baseLanguage = languageOf(contact, phone, text, commandLanguage ?? null);

    const broadcastReply = deps.broadcastCommands?.handle(contact, text, baseLanguage);
    if (broadcastReply) return { reply: broadcastReply, language: baseLanguage };

    for (const [commandWordsOf, status] of committeeCommands) {
      // Only "WORD <ref>" is a command: "false alarm at the market" is a report.
      if (!commandWordsOf.has(first) || words.length < 2 || !REF_PATTERN.test(words[1]!.toUpperCase())) continue;
      // Everything after the ref, as typed: "RESOLVE K7Q2M elders met both families" keeps the note.
      const note = text.trim().split(/\s+/).slice(2).join(' ');
      return { reply: committeeCommand(contact, words[1]!.toUpperCase(), status, baseLanguage, note), language: baseLanguage };
    }

    // A monitor's check-in ("OK", "OK Kondele"): only monitors check in; from anyone else it is a message.
    if (checkInWords.has(first) && words.length <= 3 && contact.role === 'monitor') {
      return { reply: deps.silenceWatch.checkIn(contact), language: baseLanguage };
    }

    if (joinWords.has(first) && words.length >= 2) {
      const place = text.trim().split(/\s+/).slice(1).join(' ');
      const found = areas.search(place, { within: rootAreaFor(phone), limit: 1 })[0];
      if (!found) return { reply: say('join_unknown', baseLanguage, { place: place.slice(0, 30) }), language: baseLanguage };
      subscriptions.subscribe(contact.id, found.area.code);
      // Peace messages come in the language they asked in ("JIUNGE" is Kiswahili), unless they chose one.
      if (!contact.language) contacts.setLanguage(contact.id, baseLanguage);
      return { reply: say('joined', baseLanguage, { area: found.area.name }), language: baseLanguage };
    }
    if (leaveWords.has(first) && words.length === 1) {
      subscriptions.unsubscribe(contact.id);
      return { reply: say('left', baseLanguage), language: baseLanguage };
    }
    if (words.length === 0 || (helpWords.has(first) && words.length === 1)) return { reply: say('help', baseLanguage), language: baseLanguage };

    if (statusWords.has(first) && words.length >= 2) {
      const ref = words.slice(1).join('').toUpperCase();
      // Limited per sender: refs are short, and guessing them one after another must not map every report.
      if (!deps.lookups.allow(contact.id)) return { reply: say('status_limited', baseLanguage), language: baseLanguage };
      const report = reports.findByRef(ref);
      const reply = report ? say('status_reply', baseLanguage, { ref: report.ref, status: flow.statuses[report.status][baseLanguage] }) : say('status_unknown', baseLanguage, { ref });
      return { reply, language: baseLanguage };
    }

    if (languageWords.has(first)) {
      const chosen = (words[1] ?? '').slice(0, 2) as Language;
      if (!(LANGUAGES as readonly string[]).includes(chosen)) return { reply: say('language_usage', baseLanguage), language: baseLanguage };
      contacts.setLanguage(contact.id, chosen);
      return { reply: say('language_set', chosen), language: chosen };
    }

    const conversation = conversationOf.get({ contactId: contact.id });
    if (conversation) {
      if (conversation.expiresAt > clock.now().toISOString()) {
        // The conversation goes on in the language it started in ("Kondele" says nothing of a language).
        const report = reports.findById(conversation.reportId);
        const language = (contact.language as Language | null) ?? (report?.language as Language | undefined) ?? baseLanguage;
        const reply = answer(contact, conversation, text, phone, language);
        if (reply) return { reply, language };
        // Not an answer: a short reply gets the question again; a longer text is a new report.
        const again = report && words.length <= 3 ? askForMissing(contact, report, language, JSON.parse(conversation.choices) as string[]) : null;
        if (again) return { reply: again, language };
      }
      closeConversation(contact.id);
    }
    return newReport(contact, text, phone);
  }

  return { handle };
}

export type SmsReporting = ReturnType<typeof createSmsReporting>;
