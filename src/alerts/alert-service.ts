import { and, asc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/area-directory';
import { PRIORITY, type Outbox } from '../outbox/outbox-repository';
import type { Language } from '../config';
import type { Contact } from '../contacts/contact-repository';
import { atomically, type Db } from '../db/client';
import { alertRecipients, alerts, contacts, reports } from '../db/schema';
import type { Content } from '../flows/content';
import type { AlertRules, ClusterRule, Taxonomy } from '../flows/flow-schema';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import type { ReportRow } from '../reports/report-service';
import { ALERT_NAME_MAX, ALERT_PLACE_MAX, cut } from './alert-texts';

/** Who sits on a committee: members and chairs attached to its area. */
const COMMITTEE_ROLES = ['member', 'chair'] as const;
/** Who an escalation may reach: a committee above, or the coordinators of an area above. */
const ESCALATION_ROLES = ['member', 'chair', 'coordinator'] as const;

export interface Committee {
  areaCode: string;
  members: Contact[];
}

/**
 * Rapid alerts: an urgent report goes, within the same transaction that stored it, to the committee
 * of its area or of the nearest area above it that has one, as one SMS per member in the member's
 * language, in the outbox's fastest lane. An alert names what and where, never who reported.
 */
export function createAlertService(deps: {
  db: Db;
  areas: AreaDirectory;
  outbox: Outbox;
  content: Content;
  taxonomy: Taxonomy;
  clock: Clock;
  logger: Logger;
  defaultLanguage: Language;
  /** How long an urgent alert waits for an ACK before it goes one level up. */
  escalateAfterMinutes: number;
  rules: AlertRules;
  /** Rapid alerts one sender can raise in `urgentWindowMinutes`; their further urgent reports alert nobody new. */
  urgentPerSender: number;
  urgentWindowMinutes: number;
}) {
  const { db, areas, outbox, content, taxonomy, clock, logger, defaultLanguage } = deps;
  const escalateAfterMs = deps.escalateAfterMinutes * 60_000;

  // Prepared once per role set: routing runs for every report that names a place.
  const membersQueries = new Map<string, { all: (values: { areaCode: string }) => Contact[] }>();
  function membersOf(areaCode: string, roles: readonly string[] = COMMITTEE_ROLES): Contact[] {
    const key = roles.join(',');
    let query = membersQueries.get(key);
    if (!query) {
      query = db
        .select()
        .from(contacts)
        .where(and(eq(contacts.areaCode, sql.placeholder('areaCode')), inArray(contacts.role, [...roles] as Contact['role'][]), eq(contacts.kind, 'mobile')))
        .prepare();
      membersQueries.set(key, query);
    }
    return query.all({ areaCode });
  }

  /** The committee responsible for a place: its own, or the nearest ancestor's. */
  function committeeFor(areaCode: string): Committee | null {
    const lineage = areas.path(areaCode);
    for (let i = lineage.length - 1; i >= 0; i--) {
      const members = membersOf(lineage[i]!.code);
      if (members.length > 0) return { areaCode: lineage[i]!.code, members };
    }
    return null;
  }

  /** Every area some committee receives reports for: each committee's area and everything below it. */
  function coveredAreaCodes(): Set<string> {
    const seats = db
      .selectDistinct({ areaCode: contacts.areaCode })
      .from(contacts)
      .where(and(inArray(contacts.role, [...COMMITTEE_ROLES] as Contact['role'][]), eq(contacts.kind, 'mobile')))
      .all();
    const covered = new Set<string>();
    for (const { areaCode } of seats) if (areaCode) for (const code of areas.subtreeCodes(areaCode)) covered.add(code);
    return covered;
  }

  /**
   * Urgent reports of the last 24 hours that alerted nobody because no committee existed for their
   * place when they came: once one is imported, they are alerted then (run by the maintenance loop).
   */
  const unalertedUrgent = db.$client.prepare(
    `select id from reports r where r.urgent = 1 and r.area_code is not null and r.grouped_with_ref is null and r.status in ('new', 'unparsed', 'verified', 'actioned')
       and r.created_at >= ? and not exists (select 1 from alerts a where a.report_id = r.id and a.kind = 'urgent' and a.level = 0) order by r.created_at limit 200`,
  );
  function alertLateCommittees(): number {
    const since = new Date(clock.now().getTime() - 24 * 3_600_000).toISOString();
    const pending = unalertedUrgent.pluck().all(since) as string[];
    if (pending.length === 0) return 0;
    const covered = coveredAreaCodes();
    let alerted = 0;
    for (const id of pending) {
      const report = db.select().from(reports).where(eq(reports.id, id)).get();
      if (!report?.areaCode || !covered.has(report.areaCode)) continue;
      const committee = committeeFor(report.areaCode);
      if (!committee) continue;
      atomically(db, () => send(report, committee, 0, { kind: 'urgent', escalateAfterMs, text: (language) => alertText(report, language) }));
      logger.info({ report: report.ref, committee: committee.areaCode }, 'urgent report alerted late: its committee was added after it came');
      alerted += 1;
    }
    return alerted;
  }

  function alertText(report: ReportRow, language: Language): string {
    const category = taxonomy.categories.find((c) => c.id === report.category)?.label[language] ?? '?';
    const place = report.areaCode ? cut(areas.get(report.areaCode)?.name ?? report.areaCode, ALERT_PLACE_MAX) : '?';
    return content.replies.alert_urgent[language].replaceAll('{ref}', report.ref).replace('{category}', category).replace('{place}', place);
  }

  /** Urgent reports of one sender that raised a rapid alert since a moment, oldest first. */
  const alertedBySender = db
    .select({ ref: reports.ref })
    .from(alerts)
    .innerJoin(reports, eq(reports.id, alerts.reportId))
    .where(
      and(
        eq(reports.reporterContactId, sql.placeholder('contactId')),
        eq(alerts.kind, 'urgent'),
        eq(alerts.level, 0),
        gte(alerts.createdAt, sql.placeholder('since')),
      ),
    )
    .orderBy(asc(alerts.createdAt))
    .prepare();

  /**
   * The sender's first alerted report of the window when they already raised `urgentPerSender` rapid
   * alerts in it (one phone must not be able to flood a committee), else null.
   */
  function floodGroup(report: ReportRow): string | null {
    if (!report.reporterContactId) return null;
    const since = new Date(clock.now().getTime() - deps.urgentWindowMinutes * 60_000).toISOString();
    const alerted = alertedBySender.all({ contactId: report.reporterContactId, since });
    return alerted.length >= deps.urgentPerSender ? alerted[0]!.ref : null;
  }

  /**
   * Alerts the committee if the report is urgent and its place is known; once per report (a report
   * completed later by SMS is considered again, and alerted then). Call inside the report's transaction.
   */
  function consider(report: ReportRow): void {
    if (!report.areaCode || report.status === 'incomplete') return;
    const committee = committeeFor(report.areaCode);
    if (report.urgent && !report.groupedWithRef && !db.select({ id: alerts.id }).from(alerts).where(and(eq(alerts.reportId, report.id), eq(alerts.kind, 'urgent'), eq(alerts.level, 0))).get()) {
      const groupedWith = floodGroup(report);
      if (groupedWith) {
        db.update(reports).set({ groupedWithRef: groupedWith }).where(eq(reports.id, report.id)).run();
        logger.warn({ report: report.ref, groupedWith }, 'sender past URGENT_PER_SENDER in the window: stored, no new alert');
      } else if (committee) send(report, committee, 0, { kind: 'urgent', escalateAfterMs, text: (language) => alertText(report, language) });
      else logger.warn({ report: report.ref }, 'urgent report in an area without a committee: left for the coordinators');
    }
    if (committee && report.category) for (const rule of deps.rules.clusters) if (rule.categories.includes(report.category)) considerCluster(report, committee, rule);
  }

  /**
   * A cluster: `rule.reports` reports of the rule's categories in the committee's whole area within
   * `rule.within_hours`. It alerts the committee and the coordinators of the area above, once per
   * window: a further report in the same window does not alert again.
   */
  /** How many reports of the rule's categories the area's subtree had within the rule's window. */
  function clusterCount(rule: ClusterRule, areaCode: string): number {
    const since = new Date(clock.now().getTime() - rule.within_hours * 3_600_000).toISOString();
    // Counted in SQL over the area's subtree (index reports_area_category_created): reading every report of the
    // window and filtering here made each report cost more than the last on a busy day.
    const row = db
      .select({ n: sql<number>`count(*)` })
      .from(reports)
      .where(and(inArray(reports.areaCode, areas.subtreeCodes(areaCode)), inArray(reports.category, rule.categories), gte(reports.createdAt, since), ne(reports.status, 'incomplete')))
      .get();
    return row?.n ?? 0;
  }

  function clusterText(report: ReportRow, rule: ClusterRule, areaCode: string, count: number, language: Language): string {
    const place = cut(areas.get(areaCode)?.name ?? areaCode, ALERT_PLACE_MAX);
    return content.replies.alert_cluster[language]
      .replaceAll('{ref}', report.ref)
      .replace('{count}', String(count))
      .replace('{place}', place)
      .replace('{hours}', String(rule.within_hours))
      .replace('{category}', taxonomy.categories.find((c) => c.id === report.category)?.label[language] ?? '');
  }

  function considerCluster(report: ReportRow, committee: Committee, rule: ClusterRule): void {
    const since = new Date(clock.now().getTime() - rule.within_hours * 3_600_000).toISOString();
    // Once per cluster and window: on a busy day most reports stop here, before anything is counted.
    const already = db
      .select({ id: alerts.id })
      .from(alerts)
      .where(and(eq(alerts.kind, 'cluster'), eq(alerts.committeeAreaCode, committee.areaCode), eq(alerts.rule, rule.name), gte(alerts.createdAt, since)))
      .get();
    if (already) return;
    const count = clusterCount(rule, committee.areaCode);
    if (count < rule.reports) return;
    const coordinators = nextLevelFor(committee.areaCode, ['coordinator']);
    const recipients = { areaCode: committee.areaCode, members: [...committee.members, ...(coordinators?.members ?? [])] };
    send(report, recipients, 0, {
      kind: 'cluster',
      rule: rule.name,
      escalateAfterMs: rule.escalate_after_minutes * 60_000,
      text: (language) => clusterText(report, rule, committee.areaCode, count, language),
    });
  }

  interface Sending {
    kind: 'urgent' | 'cluster';
    rule?: string;
    escalateAfterMs: number;
    text: (language: Language) => string;
  }

  /** Creates the alert of a level and queues one SMS per recipient. */
  function send(report: ReportRow, committee: Committee, level: number, how: Sending): void {
    const alertId = newId();
    const now = clock.now();
    db.insert(alerts)
      .values({
        id: alertId,
        reportId: report.id,
        committeeAreaCode: committee.areaCode,
        level,
        kind: how.kind,
        rule: how.rule ?? null,
        status: 'open',
        escalateAt: new Date(now.getTime() + how.escalateAfterMs).toISOString(),
        createdAt: now.toISOString(),
      })
      .run();
    const seen = new Set<string>();
    for (const member of committee.members) {
      if (seen.has(member.id)) continue;
      seen.add(member.id);
      const language = (member.language as Language | null) ?? defaultLanguage;
      // Essential: a committee duty that a STOP text does not end.
      const messageId = outbox.enqueue({ contactId: member.id, text: how.text(language), priority: PRIORITY.alert, essential: true });
      db.insert(alertRecipients).values({ alertId, contactId: member.id, messageId }).run();
    }
  }

  /** The first area above `areaCode` with a committee or coordinators, up to the national level. */
  function nextLevelFor(areaCode: string, roles: readonly string[] = ESCALATION_ROLES): Committee | null {
    const lineage = areas.path(areaCode);
    for (let i = lineage.length - 2; i >= 0; i--) {
      const members = membersOf(lineage[i]!.code, roles);
      if (members.length > 0) return { areaCode: lineage[i]!.code, members };
    }
    return null;
  }

  /**
   * The escalation ladder, run by the gateway's scheduler: every open alert past its time goes one
   * level up. Each step is one transaction that first claims the alert (open → escalated), so a step
   * is never taken twice, even by two gateways on one database, and a restart resumes where it was.
   * Returns how many alerts moved.
   */
  function escalateDue(): number {
    const now = clock.now().toISOString();
    const due = db
      .select()
      .from(alerts)
      .where(and(eq(alerts.status, 'open'), lte(alerts.escalateAt, now)))
      .orderBy(asc(alerts.escalateAt))
      .limit(100)
      .all();
    let moved = 0;
    for (const alert of due) if (atomically(db, () => escalate(alert))) moved += 1;
    return moved;
  }

  /** One step up the ladder for an open alert; false when it was no longer open (taken meanwhile). */
  function escalate(alert: typeof alerts.$inferSelect): boolean {
    const above = nextLevelFor(alert.committeeAreaCode);
    const claimed = db
      .update(alerts)
      .set({ status: above ? 'escalated' : 'unanswered' })
      .where(and(eq(alerts.id, alert.id), eq(alerts.status, 'open')))
      .run().changes;
    if (claimed === 0) return false;
    const report = db.select().from(reports).where(eq(reports.id, alert.reportId)).get();
    if (!above || !report) {
      logger.warn({ report: report?.ref, level: alert.level }, 'urgent alert unanswered at the top of the ladder');
      return true;
    }
    const rule = alert.kind === 'cluster' ? deps.rules.clusters.find((r) => r.name === alert.rule) : undefined;
    const how: Sending = rule
      ? {
          kind: 'cluster',
          rule: rule.name,
          escalateAfterMs: rule.escalate_after_minutes * 60_000,
          text: (language) => clusterText(report, rule, alert.committeeAreaCode, clusterCount(rule, alert.committeeAreaCode), language),
        }
      : { kind: 'urgent', escalateAfterMs, text: (language) => alertText(report, language) };
    send(report, above, alert.level + 1, how);
    logger.info({ report: report.ref, level: alert.level + 1, area: above.areaCode }, 'alert escalated');
    return true;
  }

  const alertsOfMessage = db
    .select({ alert: alerts })
    .from(alertRecipients)
    .innerJoin(alerts, eq(alerts.id, alertRecipients.alertId))
    .where(and(eq(alertRecipients.messageId, sql.placeholder('messageId')), eq(alerts.status, 'open')))
    .prepare();
  const undeliveredOf = db.$client.prepare(
    "select count(*) from alert_recipients r join messages m on m.id = r.message_id where r.alert_id = ? and m.status <> 'failed'",
  );

  /**
   * Told of outbound messages that failed for good (inside the transaction that marked them): an open
   * alert none of whose recipients can be reached (opted out at the provider, invalid numbers,
   * permanent failures) goes one level up at once instead of waiting out its escalation time.
   * Returns how many alerts moved.
   */
  function messagesFailed(messageIds: string[]): number {
    let moved = 0;
    for (const messageId of messageIds) {
      for (const { alert } of alertsOfMessage.all({ messageId })) {
        if ((undeliveredOf.pluck().get(alert.id) as number) > 0) continue;
        logger.warn({ level: alert.level }, 'no recipient of an alert could be reached: escalating now');
        if (escalate(alert)) moved += 1;
      }
    }
    return moved;
  }

  /**
   * A member took the report: the open alert is acknowledged, and the other recipients are told who
   * (by name, or pseudonym when no name is known; never a number). Returns false when nothing was open.
   */
  function acknowledge(report: ReportRow, by: Contact): boolean {
    const open = db
      .select()
      .from(alerts)
      .where(and(eq(alerts.reportId, report.id), inArray(alerts.status, ['open', 'escalated'])))
      .all();
    if (open.length === 0) return false;
    const now = clock.now().toISOString();
    for (const alert of open) {
      db.update(alerts).set({ status: 'acknowledged', acknowledgedBy: by.id, acknowledgedAt: now }).where(eq(alerts.id, alert.id)).run();
      const others = db
        .select({ contact: contacts })
        .from(alertRecipients)
        .innerJoin(contacts, eq(contacts.id, alertRecipients.contactId))
        .where(and(eq(alertRecipients.alertId, alert.id), ne(alertRecipients.contactId, by.id)))
        .all();
      const name = cut(by.name ?? by.pseudonym, ALERT_NAME_MAX);
      for (const { contact } of others) {
        const language = (contact.language as Language | null) ?? defaultLanguage;
        outbox.enqueue({ contactId: contact.id, text: content.replies.alert_taken[language].replace('{name}', name).replace('{ref}', report.ref), priority: PRIORITY.notice, essential: true });
      }
    }
    return true;
  }

  return { committeeFor, coveredAreaCodes, alertLateCommittees, consider, acknowledge, escalateDue, messagesFailed };
}

export type AlertService = ReturnType<typeof createAlertService>;
