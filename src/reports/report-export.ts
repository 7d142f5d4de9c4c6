import { and, asc, eq, gt, gte, or, type SQL } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/area-directory';
import type { Db } from '../db/client';
import { reports } from '../db/schema';
import type { ReportService } from './report-service';

export const EXPORT_COLUMNS = ['ref', 'created_at', 'occurred_at', 'status', 'urgent', 'category', 'area_code', 'area_name', 'area_path', 'source', 'language', 'description'] as const;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * `reports export`: every report (since a date), oldest first, as CSV or JSON lines of the same
 * columns. Descriptions are decrypted for the operator; reporters appear in no column at all.
 */
export function* exportReports(deps: { db: Db; reports: ReportService; areas: AreaDirectory }, options: { since?: string; format: 'csv' | 'json' }): Generator<string> {
  // Read 500 at a time (keyset pages): an export of any size never holds every report in memory.
  function* rows() {
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const conditions: SQL[] = [];
      if (options.since) conditions.push(gte(reports.createdAt, options.since));
      if (after) conditions.push(or(gt(reports.createdAt, after.createdAt), and(eq(reports.createdAt, after.createdAt), gt(reports.id, after.id)))!);
      const page = deps.db
        .select()
        .from(reports)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(asc(reports.createdAt), asc(reports.id))
        .limit(500)
        .all();
      yield* page;
      if (page.length < 500) return;
      after = { createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
    }
  }
  if (options.format === 'csv') yield `${EXPORT_COLUMNS.join(',')}\n`;
  else yield '[\n';
  let first = true;
  for (const report of rows()) {
    const path = report.areaCode ? deps.areas.path(report.areaCode).map((a) => a.name) : [];
    const record = {
      ref: report.ref,
      created_at: report.createdAt,
      occurred_at: report.occurredAt ?? '',
      status: report.status,
      urgent: report.urgent ? 'yes' : 'no',
      category: report.category ?? '',
      area_code: report.areaCode ?? '',
      area_name: path.at(-1) ?? '',
      area_path: path.join(' > '),
      source: report.source,
      language: report.language,
      description: deps.reports.description(report) ?? '',
    };
    if (options.format === 'csv') yield `${EXPORT_COLUMNS.map((c) => csvCell(record[c])).join(',')}\n`;
    else {
      yield `${first ? '' : ',\n'}  ${JSON.stringify(record)}`;
      first = false;
    }
  }
  if (options.format === 'json') yield `${first ? '' : '\n'}]\n`;
}
