import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { Router } from 'express';
import { z } from 'zod';
import type { AreaDirectory } from '../areas/area-directory';
import type { Db } from '../db/client';
import { forbidden, HttpError, notFound } from '../lib/errors';
import type { ReportRow, ReportService } from '../reports/report-service';
import { REPORT_STATUSES, type ReportQueries } from '../reports/report-queries';
import { parseQuery, requireRole } from './api-routes';
import type { Principal } from '../access/token-service';
import type { AreaScope } from '../access/area-scope';
import type { AuditLog } from '../access/audit-log';
import { exportReports } from '../reports/report-export';

const listQuery = z.object({
  status: z.enum(REPORT_STATUSES).optional(),
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
  queries: ReportQueries;
}): Router {
  const { db, areas } = deps;
  const router = Router();

  const canSee = (principal: Principal, report: ReportRow) => deps.scope.covers(principal, report.areaCode);
  const { view } = deps.queries;

  function findVisible(principal: Principal, ref: string): ReportRow {
    const report = deps.reports.findByRef(ref);
    if (!report || !canSee(principal, report)) throw notFound(`no report ${ref}`);
    return report;
  }

  router.get('/reports', (req, res) => {
    const query = parseQuery(listQuery, req.query);
    res.json(deps.queries.list(deps.scope.visibleCodes(req.principal!, query.area), query));
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
    res.json({ ...view(report), timeline: deps.queries.timeline(report) });
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

  /** The coordinators' triage list: every open report that no committee receives (see ReportQueries.triage). */
  router.get('/triage', (req, res) => {
    res.json({ items: deps.queries.triage(deps.scope.visibleCodes(req.principal!)) });
  });

  router.get('/alerts', (req, res) => {
    const query = parseQuery(z.object({ status: z.enum(['open', 'acknowledged', 'escalated', 'unanswered']).optional() }), req.query);
    res.json({
      items: deps.queries.alertBoard(deps.scope.visibleCodes(req.principal!), query.status).map((a) => ({
        report: a.report,
        committee: a.committee,
        level: a.level,
        status: a.status,
        sentAt: a.sentAt,
        acknowledgedAt: a.acknowledgedAt,
        escalations: a.escalations,
      })),
    });
  });

  return router;
}
