import { sql } from 'drizzle-orm';
import { atomically, type Db } from '../db/client';
import { areas } from '../db/schema';
import type { Clock } from '../lib/clock';
import { markAreasChanged } from './area-directory';
import { ImportError, readCsvRecords } from '../lib/csv-records';

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

export { ImportError };

const CODE = /^[\p{L}\p{N}._-]{1,40}$/u;

/** The optional `lat,lon` centroid: both or neither, in degrees; otherwise what is wrong. */
function readCentroid(latText: string | undefined, lonText: string | undefined): { lat: number | null; lon: number | null } | string {
  if (!latText && !lonText) return { lat: null, lon: null };
  const lat = Number(latText);
  const lon = Number(lonText);
  if (!latText || !lonText) return 'lat and lon go together (give both, or neither)';
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) return `lat "${latText}" must be a number of degrees between -90 and 90`;
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) return `lon "${lonText}" must be a number of degrees between -180 and 180`;
  return { lat, lon };
}

/**
 * `import areas FILE.csv`: columns code,name,parent_code,level,aliases (aliases separated by `|`), and
 * optionally lat,lon (the area's centroid, for the dashboard's map).
 * All or nothing: every row is checked first (codes, parents that exist in the file or the
 * database, no cycles); then rows are inserted or updated by code in one transaction.
 */
export function importAreasCsv(db: Db, clock: Clock, csvText: string): ImportResult {
  const records = readCsvRecords(csvText, { expected: ['code', 'name', 'parent_code', 'level', 'aliases', 'lat', 'lon'], required: ['code', 'name'] });
  const problems: string[] = [];
  const rows = records.map((record, index) => {
    const line = index + 2;
    const code = record.code ?? '';
    const name = record.name ?? '';
    if (!CODE.test(code)) problems.push(`line ${line}: code "${code}" must be 1–40 letters, digits, dot, dash or underscore`);
    if (!name) problems.push(`line ${line}: name is empty`);
    const aliases = (record.aliases ?? '')
      .split('|')
      .map((a) => a.trim())
      .filter(Boolean);
    const centroid = readCentroid(record.lat, record.lon);
    if (typeof centroid === 'string') problems.push(`line ${line}: ${centroid}`);
    const { lat, lon } = typeof centroid === 'string' ? { lat: null, lon: null } : centroid;
    return { line, code, name, parentCode: record.parent_code || null, level: record.level || 'area', aliases, lat, lon };
  });

  const inFile = new Map(rows.map((r) => [r.code, r]));
  const existing = new Map(
    db
      .select()
      .from(areas)
      .all()
      .map((a) => [a.code, a]),
  );
  for (const row of rows) {
    if (row.parentCode && !inFile.has(row.parentCode) && !existing.has(row.parentCode)) {
      problems.push(`line ${row.line}: parent_code "${row.parentCode}" is not in the file nor already imported`);
    }
    const seen = new Set<string>([row.code]);
    for (let parent = row.parentCode; parent; parent = inFile.get(parent)?.parentCode ?? existing.get(parent)?.parentCode ?? null) {
      if (seen.has(parent)) {
        problems.push(`line ${row.line}: "${row.code}" is its own ancestor`);
        break;
      }
      seen.add(parent);
    }
  }
  if (problems.length > 0) throw new ImportError(problems);

  const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0 };
  const now = clock.now().toISOString();
  atomically(db, () => {
    // Running gateways see the new tree at their next look-up (area-directory: refreshIfChanged).
    markAreasChanged(db, clock.now());
    for (const row of rows) {
      const aliases = JSON.stringify(row.aliases);
      const before = existing.get(row.code);
      if (before && before.name === row.name && before.parentCode === row.parentCode && before.level === row.level && before.aliases === aliases && before.lat === row.lat && before.lon === row.lon) {
        result.unchanged += 1;
        continue;
      }
      db.insert(areas)
        .values({ code: row.code, name: row.name, parentCode: row.parentCode, level: row.level, aliases, lat: row.lat, lon: row.lon, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: areas.code,
          set: { name: row.name, parentCode: row.parentCode, level: row.level, aliases, lat: row.lat, lon: row.lon, updatedAt: sql`${now}` },
        })
        .run();
      if (before) result.updated += 1;
      else result.inserted += 1;
    }
  });
  return result;
}
