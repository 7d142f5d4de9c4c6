import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/area-directory';
import type { Db } from '../db/client';
import { alerts, auditLog, contacts, reports } from '../db/schema';
import { HttpError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { ReportRow, ReportService } from './report-service';

export const REPORT_STATUSES = ['new', 'incomplete', 'unparsed', 'verified', 'actioned', 'resolved', 'rejected'] as const;
export type AlertStatus = 'open' | 'acknowledged' | 'escalated' | 'unanswered';

/** Area codes a reader may see: null is everything (and reports with no place); [] is nothing. */
export type Visible = string[] | null;

export interface ReportFilter {
  status?: (typeof REPORT_STATUSES)[number];
  category?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit: number;
}

export type ReportView = ReturnType<ReturnType<typeof createReportQueries>['view']>;
export type TimelineEntry = { at: string; type: string; by: string; detail: string | null };

/** Opaque "where to go on from": the created_at and id of the last item of a page. */
function encodeCursor(report: ReportRow): string {
  return Buffer.from(`${report.createdAt}|${report.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt))) throw new HttpError(400, 'invalid_query', 'cursor: not a cursor this API gave');
  return { createdAt, id };
}

const inVisible = (visible: Visible): SQL | undefined => (visible ? inArray(reports.areaCode, visible.length ? visible : ['-']) : undefined);

/**
 * What coordinators read about reports and alerts, for the API and the dashboard alike: one query
 * per question, always limited to the reader's visible areas, so that the two can never disagree.
 */
export function createReportQueries(deps: {
  db: Db;
  reports: ReportService;
  areas: AreaDirectory;
  clock: Clock;
  /** Every area some committee receives reports for (its own area and below). */
  coveredAreaCodes: () => Set<string>;
}) {
  const { db, areas } = deps;

  // Prepared once: a page of 50 reports (refreshed every 2 s on an open dashboard) reads 50 pseudonyms.
  const pseudonymOf = db.select({ pseudonym: contacts.pseudonym }).from(contacts).where(eq(contacts.id, sql.placeholder('id'))).prepare();

  function view(report: ReportRow) {
    const area = report.areaCode ? areas.get(report.areaCode) : undefined;
    const reporter = report.reporterContactId ? pseudonymOf.get({ id: report.reporterContactId }) : undefined;
    return {
      ref: report.ref,
      category: report.category,
      area: area ? { code: area.code, name: area.name, path: areas.path(area.code).map((a) => a.name) } : null,
      urgent: report.urgent,
      status: report.status,
      source: report.source,
      language: report.language,
      description: deps.reports.description(report),
      reporter: reporter?.pseudonym ?? null,
      /** Beyond URGENT_PER_SENDER urgent reports in the window: the sender's first, whose alert covers this one. */
      groupedWith: report.groupedWithRef,
      /** The reporter's data was erased on request: no description, no reporter; category, area and time stay. */
      erased: report.erasedAt !== null,
      createdAt: report.createdAt,
      occurredAt: report.occurredAt,
    };
  }

  /** Newest first, a page at a time. */
  function list(visible: Visible, filter: ReportFilter): { items: ReportView[]; nextCursor: string | null } {
    const conditions: SQL[] = [];
    if (filter.status) conditions.push(eq(reports.status, filter.status));
    if (filter.category) conditions.push(eq(reports.category, filter.category));
    if (filter.since) conditions.push(gte(reports.createdAt, new Date(filter.since).toISOString()));
    if (filter.until) conditions.push(lt(reports.createdAt, new Date(filter.until).toISOString()));
    const scope = inVisible(visible);
    if (scope) conditions.push(scope);
    if (filter.cursor) {
      const after = decodeCursor(filter.cursor);
      conditions.push(or(lt(reports.createdAt, after.createdAt), and(eq(reports.createdAt, after.createdAt), lt(reports.id, after.id)))!);
    }
    const rows = db
      .select()
      .from(reports)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(reports.createdAt), desc(reports.id))
      .limit(filter.limit + 1)
      .all();
    const page = rows.slice(0, filter.limit);
    return { items: page.map(view), nextCursor: rows.length > filter.limit ? encodeCursor(page.at(-1)!) : null };
  }

  /** Received, status changes, alerts and escalations, acknowledgements and notes, oldest first. */
  function timeline(report: ReportRow): TimelineEntry[] {
    const statusChanges = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subject, report.ref), inArray(auditLog.action, ['report_status', 'report_acknowledged'])))
      .orderBy(auditLog.id)
      .all()
      .map((entry) => ({ at: entry.at, type: entry.action === 'report_status' ? 'status' : 'acknowledged', by: entry.actor, detail: entry.detail }));
    const alertEvents = db
      .select()
      .from(alerts)
      .where(eq(alerts.reportId, report.id))
      .orderBy(alerts.level)
      .all()
      .flatMap((alert) => [
        { at: alert.createdAt, type: alert.level === 0 ? 'alert' : 'escalation', by: 'gateway', detail: `level ${alert.level}, committee of ${alert.committeeAreaCode}` },
        ...(alert.acknowledgedAt ? [{ at: alert.acknowledgedAt, type: 'alert_acknowledged', by: 'committee', detail: `level ${alert.level}` }] : []),
      ]);
    const notes = deps.reports.notes(report).map((note) => ({ at: note.at, type: 'note', by: note.actor, detail: note.text }));
    return [{ at: report.createdAt, type: 'received', by: report.source, detail: null }, ...statusChanges, ...alertEvents, ...notes].sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Every open report that no committee receives, whenever it came: its place is unknown, no
   * committee sits anywhere above it, or it is urgent and never alerted anyone. Newest first.
   */
  function triage(visible: Visible, limit = 500): ReportView[] {
    return triageRows(visible).limit(limit).all().map(view);
  }

  function triageRows(visible: Visible) {
    const covered = [...deps.coveredAreaCodes()];
    const unreached = or(
      isNull(reports.areaCode),
      covered.length ? notInArray(reports.areaCode, covered) : undefined,
      and(
        eq(reports.urgent, true),
        isNull(reports.groupedWithRef),
        sql`not exists (select 1 from alerts a where a.report_id = ${reports.id} and a.kind = 'urgent' and a.level = 0)`,
      ),
    );
    return db
      .select()
      .from(reports)
      .where(and(inArray(reports.status, ['new', 'unparsed', 'verified', 'actioned']), unreached, inVisible(visible)))
      .orderBy(desc(reports.createdAt), desc(reports.id));
  }

  /** Alerts newest first, with who took each and how long it has been open. */
  function alertBoard(visible: Visible, status?: AlertStatus, limit = 200) {
    const rows = db
      .select({ alert: alerts, report: reports, takenBy: contacts.name, takenByPseudonym: contacts.pseudonym })
      .from(alerts)
      .innerJoin(reports, eq(reports.id, alerts.reportId))
      .leftJoin(contacts, eq(contacts.id, alerts.acknowledgedBy))
      .where(and(status ? eq(alerts.status, status) : undefined, inVisible(visible)))
      .orderBy(desc(alerts.createdAt))
      .limit(limit)
      .all();
    const now = deps.clock.now().getTime();
    return rows.map(({ alert, report, takenBy, takenByPseudonym }) => ({
      report: report.ref,
      category: report.category,
      area: report.areaCode ? (areas.get(report.areaCode)?.name ?? report.areaCode) : null,
      committee: { code: alert.committeeAreaCode, name: areas.get(alert.committeeAreaCode)?.name ?? null },
      level: alert.level,
      status: alert.status,
      sentAt: alert.createdAt,
      acknowledgedAt: alert.acknowledgedAt,
      /** The committee member who acknowledged it (their name, else their pseudonym). */
      takenBy: takenBy ?? takenByPseudonym ?? null,
      minutesOpen: Math.max(0, Math.floor(((alert.acknowledgedAt ? Date.parse(alert.acknowledgedAt) : now) - Date.parse(alert.createdAt)) / 60_000)),
      escalations: rows.filter((other) => other.alert.reportId === alert.reportId && other.alert.level > alert.level).length,
    }));
  }

  /** The overview's figures: reports per day and category, alerts, silent areas, triage. */
  function overview(visible: Visible, days: number) {
    const now = deps.clock.now();
    const firstDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
    const perDay = db
      .select({ day: sql<string>`substr(${reports.createdAt}, 1, 10)`, category: reports.category, count: sql<number>`count(*)` })
      .from(reports)
      .where(and(gte(reports.createdAt, firstDay.toISOString()), inVisible(visible)))
      .groupBy(sql`1`, reports.category)
      .all();
    const dayList = Array.from({ length: days }, (_, i) => new Date(firstDay.getTime() + i * 86_400_000).toISOString().slice(0, 10));
    const categories = [...new Set(perDay.map((r) => r.category ?? 'unknown'))].sort();
    const series = categories.map((category) => ({
      category,
      counts: dayList.map((day) => perDay.filter((r) => r.day === day && (r.category ?? 'unknown') === category).reduce((sum, r) => sum + r.count, 0)),
    }));
    const alertCounts = db
      .select({ status: alerts.status, count: sql<number>`count(*)` })
      .from(alerts)
      .innerJoin(reports, eq(reports.id, alerts.reportId))
      .where(and(inArray(alerts.status, ['open', 'escalated', 'unanswered']), inVisible(visible)))
      .groupBy(alerts.status)
      .all();
    const silentMonitors = db
      .select({ areaCode: contacts.areaCode })
      .from(contacts)
      .where(and(eq(contacts.role, 'monitor'), isNotNull(contacts.checkInReminderAt), visible ? inArray(contacts.areaCode, visible.length ? visible : ['-']) : isNotNull(contacts.areaCode)))
      .all();
    const silentAreas = [...new Set(silentMonitors.map((m) => m.areaCode!))].map((code) => ({ code, name: areas.get(code)?.name ?? code }));
    const triageCount = db.select({ n: sql<number>`count(*)` }).from(triageRows(visible).as('t')).get()?.n ?? 0;
    const perArea = db
      .select({ areaCode: reports.areaCode, count: sql<number>`count(*)` })
      .from(reports)
      .where(and(gte(reports.createdAt, firstDay.toISOString()), isNotNull(reports.areaCode), inVisible(visible)))
      .groupBy(reports.areaCode)
      .all();
    return {
      days: dayList,
      series,
      alerts: Object.fromEntries(alertCounts.map((a) => [a.status, a.count])) as Partial<Record<AlertStatus, number>>,
      silentAreas,
      triageCount,
      points: mapPoints(perArea.map((r) => ({ areaCode: r.areaCode!, count: r.count }))),
    };
  }

  /** Report counts per placed area: an area without a centroid counts at its nearest placed ancestor. */
  function mapPoints(counts: { areaCode: string; count: number }[]) {
    const points = new Map<string, { code: string; name: string; lat: number; lon: number; count: number }>();
    for (const { areaCode, count } of counts) {
      const placed = areas
        .path(areaCode)
        .slice()
        .reverse()
        .find((a) => a.lat !== null && a.lon !== null);
      if (!placed) continue;
      const point = points.get(placed.code) ?? { code: placed.code, name: placed.name, lat: placed.lat!, lon: placed.lon!, count: 0 };
      point.count += count;
      points.set(placed.code, point);
    }
    return [...points.values()].sort((a, b) => b.count - a.count);
  }

  return { view, list, timeline, triage, alertBoard, overview };
}

export type ReportQueries = ReturnType<typeof createReportQueries>;
