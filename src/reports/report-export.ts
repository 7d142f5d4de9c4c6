import { and, asc, eq, gt, gte, inArray, or, type SQL } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/area-directory';
import type { Db } from '../db/client';
import { reports } from '../db/schema';
import type { ReportService } from './report-service';

export const EXPORT_COLUMNS = ['ref', 'created_at', 'occurred_at', 'status', 'urgent', 'category', 'area_code', 'area_name', 'area_path', 'source', 'language', 'description'] as const;

/** C0/C1 control characters (escape sequences included) except tab and line breaks, which CSV quotes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Removes what a terminal or spreadsheet would act on rather than show (ANSI escapes, bells, NULs). */
export function stripControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '');
}

/**
 * One CSV cell, safe to open in a spreadsheet: a cell that starts with = + - @, a tab or a carriage
 * return is read as a formula by Excel, LibreOffice and Sheets, so it gets a leading ' (OWASP's rule
 * for CSV injection); control characters are removed; quoting as RFC 4180.
 */
export function csvCell(raw: string): string {
  let value = stripControlCharacters(raw);
  if (/^[=+\-@\t\r]/.test(value)) value = `'${value}`;
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * `reports export`: every report (since a date), oldest first, as CSV or JSON lines of the same
 * columns. Descriptions are decrypted for the operator; reporters appear in no column at all.
 */
export function* exportReports(
  deps: { db: Db; reports: ReportService; areas: AreaDirectory },
  /** `areaCodes`: only reports placed in these areas (an area-limited token); unset: every report. */
  options: { since?: string; format: 'csv' | 'json'; areaCodes?: string[] | null },
): Generator<string> {
  // Read 500 at a time (keyset pages): an export of any size never holds every report in memory.
  function* rows() {
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const conditions: SQL[] = [];
      if (options.since) conditions.push(gte(reports.createdAt, options.since));
      if (options.areaCodes) conditions.push(inArray(reports.areaCode, options.areaCodes.length ? options.areaCodes : ['-']));
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
      // JSON.stringify escapes C0 controls but passes C1 ones (\u009b opens a terminal escape): strip both.
      const clean = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, stripControlCharacters(record[c])]));
      yield `${first ? '' : ',\n'}  ${JSON.stringify(clean)}`;
      first = false;
    }
  }
  if (options.format === 'json') yield `${first ? '' : '\n'}]\n`;
}
