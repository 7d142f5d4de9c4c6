import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { Router } from 'express';
import { and, desc, eq, gte, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AreaDirectory } from '../areas/area-directory';
import type { Db } from '../db/client';
import { alerts, auditLog, contacts, reports } from '../db/schema';
import { forbidden, HttpError, notFound } from '../lib/errors';
import type { ReportRow, ReportService } from '../reports/report-service';
import { parseQuery, requireRole } from './api-routes';
import type { Principal } from './token-service';
import type { AreaScope } from './area-scope';
import type { AuditLog } from './audit-log';
import { exportReports } from '../reports/report-export';

const STATUSES = ['new', 'incomplete', 'unparsed', 'verified', 'actioned', 'resolved', 'rejected'] as const;

const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  area: z.string().min(1).max(40).optional(),
  category: z.string().min(1).max(40).optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const exportQuery = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});

const patchBody = z.object({ status: z.enum(['verified', 'actioned', 'resolved', 'rejected']), note: z.string().max(500).optional() }).strict();

/** Opaque "where to go on from": the created_at and id of the last item of a page. */
function encodeCursor(report: ReportRow): string {
  return Buffer.from(`${report.createdAt}|${report.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt))) throw new HttpError(400, 'invalid_query', 'cursor: not a cursor this API gave');
  return { createdAt, id };
}

/**
 * The coordinator API for reports and alerts. A token limited to an area sees and changes only the
 * reports of that area's subtree; a viewer reads but never changes.
 */
export function createReportRoutes(deps: {
  db: Db;
  reports: ReportService;
  areas: AreaDirectory;
  scope: AreaScope;
  audit: AuditLog;
  /** Every area some committee receives reports for (its own area and below). */
  coveredAreaCodes: () => Set<string>;
}): Router {
  const { db, areas } = deps;
  const router = Router();

  const canSee = (principal: Principal, report: ReportRow) => deps.scope.covers(principal, report.areaCode);
  /** The SQL condition limiting reports to a token's area (undefined: every report). */
  function withinScope(principal: Principal): SQL | undefined {
    const visible = deps.scope.visibleCodes(principal);
    return visible ? inArray(reports.areaCode, visible.length ? visible : ['-']) : undefined;
  }

  function view(report: ReportRow) {
    const area = report.areaCode ? areas.get(report.areaCode) : undefined;
    const reporter = report.reporterContactId ? db.select({ pseudonym: contacts.pseudonym }).from(contacts).where(eq(contacts.id, report.reporterContactId)).get() : undefined;
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

  function findVisible(principal: Principal, ref: string): ReportRow {
    const report = deps.reports.findByRef(ref);
    if (!report || !canSee(principal, report)) throw notFound(`no report ${ref}`);
    return report;
  }

  router.get('/reports', (req, res) => {
    const query = parseQuery(listQuery, req.query);
    const conditions: SQL[] = [];
    if (query.status) conditions.push(eq(reports.status, query.status));
    if (query.category) conditions.push(eq(reports.category, query.category));
    if (query.since) conditions.push(gte(reports.createdAt, new Date(query.since).toISOString()));
    const visible = deps.scope.visibleCodes(req.principal!, query.area);
    if (visible) conditions.push(inArray(reports.areaCode, visible.length ? visible : ['-']));
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      conditions.push(or(lt(reports.createdAt, after.createdAt), and(eq(reports.createdAt, after.createdAt), lt(reports.id, after.id)))!);
    }
    const rows = db
      .select()
      .from(reports)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(reports.createdAt), desc(reports.id))
      .limit(query.limit + 1)
      .all();
    const page = rows.slice(0, query.limit);
    res.json({ items: page.map(view), nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null });
  });

  /**
   * The same export as the CLI's `reports export`, for coordinators without shell access: streamed in
   * pages, limited to the token's area, audited, with formula cells neutralised.
   */
  router.get('/reports/export', async (req, res) => {
    const query = parseQuery(exportQuery, req.query);
    const principal = req.principal!;
    const since = query.since ? new Date(query.since).toISOString() : undefined;
    const areaCodes = deps.scope.visibleCodes(principal);
    deps.audit.record({ actor: `token ${principal.name}`, action: 'reports_export', detail: `${query.format} since ${since ?? 'the start'} area ${principal.areaCode ?? '*'}` });
    res.status(200).type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="reports.${query.format}"`);
    // Pulled page by page as the client reads: a slow link never makes the whole export sit in memory.
    try {
      await pipeline(Readable.from(exportReports({ db, reports: deps.reports, areas }, { format: query.format, since, areaCodes })), res);
    } catch (error) {
      // The coordinator closed the download: the access log already says "request aborted".
      if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    }
  });

  router.get('/reports/:ref', (req, res) => {
    const report = findVisible(req.principal!, String(req.params.ref));
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
    const timeline = [{ at: report.createdAt, type: 'received', by: report.source, detail: null }, ...statusChanges, ...alertEvents, ...notes].sort((a, b) => a.at.localeCompare(b.at));
    res.json({ ...view(report), timeline });
  });

  router.patch('/reports/:ref', express.json({ limit: '16kb' }), requireRole('admin', 'coordinator'), (req, res) => {
    const body = patchBody.safeParse(req.body);
    if (!body.success) throw new HttpError(422, 'invalid_body', body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const principal = req.principal!;
    const report = findVisible(principal, String(req.params.ref));
    if (report.status === 'incomplete' && body.data.status === 'verified') throw forbidden('an incomplete report cannot be verified');
    const updated = deps.reports.changeStatus(report, body.data.status, `token ${principal.name}`, body.data.note);
    res.json(view(updated));
  });

  /**
   * The coordinators' triage list: every open report that no committee receives, whenever it came:
   * its place is unknown, no committee sits anywhere above it, or it is urgent and never alerted
   * anyone (it came before its committee existed, more than a day before). Newest first.
   */
  router.get('/triage', (req, res) => {
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
    const rows = db
      .select()
      .from(reports)
      .where(and(inArray(reports.status, ['new', 'unparsed', 'verified', 'actioned']), unreached, withinScope(req.principal!)))
      .orderBy(desc(reports.createdAt), desc(reports.id))
      .limit(500)
      .all();
    res.json({ items: rows.map(view) });
  });

  router.get('/alerts', (req, res) => {
    const query = parseQuery(z.object({ status: z.enum(['open', 'acknowledged', 'escalated', 'unanswered']).optional() }), req.query);
    const rows = db
      .select({ alert: alerts, report: reports })
      .from(alerts)
      .innerJoin(reports, eq(reports.id, alerts.reportId))
      .where(and(query.status ? eq(alerts.status, query.status) : undefined, withinScope(req.principal!)))
      .orderBy(desc(alerts.createdAt))
      .limit(200)
      .all();
    res.json({
      items: rows.map(({ alert, report }) => ({
        report: report.ref,
        committee: { code: alert.committeeAreaCode, name: areas.get(alert.committeeAreaCode)?.name ?? null },
        level: alert.level,
        status: alert.status,
        sentAt: alert.createdAt,
        acknowledgedAt: alert.acknowledgedAt,
        escalations: rows.filter((other) => other.alert.reportId === alert.reportId && other.alert.level > alert.level).length,
      })),
    });
  });

  return router;
}
