import { eq } from 'drizzle-orm';
import { LANGUAGES } from '../config';
import { atomically, type Db } from '../db/client';
import { areas, contacts } from '../db/schema';
import { ImportError, type ImportResult } from '../areas/area-import';
import type { ContactRepository } from './contact-repository';
import { parseAddress } from './phone-number';
import { readCsvRecords } from '../lib/csv-records';

const ROLES = ['reporter', 'monitor', 'member', 'chair', 'coordinator'] as const;
type Role = (typeof ROLES)[number];

/**
 * `import contacts FILE.csv`: columns phone,name,role,area_code,language. Numbers are normalized and
 * stored like every other (encrypted, looked up by keyed hash), so a re-import updates the same
 * person by phone. All or nothing: every line is checked first.
 */
export function importContactsCsv(
  db: Db,
  repository: ContactRepository,
  defaultCountry: string,
  csvText: string,
  /** Who imports may place people only here (the dashboard's area-limited tokens): else the line is refused. */
  mayPlace: (areaCode: string | null) => boolean = () => true,
): ImportResult {
  const records = readCsvRecords(csvText, { expected: ['phone', 'name', 'role', 'area_code', 'language'], required: ['phone', 'role'] });
  const problems: string[] = [];
  const knownAreas = new Set(db.select({ code: areas.code }).from(areas).all().map((a) => a.code));
  const seen = new Set<string>();
  const rows = records.map((record, index) => {
    const line = index + 2;
    const address = parseAddress(record.phone ?? '', defaultCountry);
    if (!address || address.kind !== 'mobile') problems.push(`line ${line}: phone is not a valid mobile number`);
    else if (seen.has(address.value)) problems.push(`line ${line}: the same phone appears twice`);
    else seen.add(address.value);
    const role = (record.role || 'reporter').toLowerCase();
    if (!(ROLES as readonly string[]).includes(role)) problems.push(`line ${line}: role "${role}" is not one of ${ROLES.join(', ')}`);
    const areaCode = record.area_code || null;
    if (areaCode && !knownAreas.has(areaCode)) problems.push(`line ${line}: area_code "${areaCode}" is not imported (import areas first)`);
    else if (!mayPlace(areaCode)) problems.push(`line ${line}: area_code "${areaCode ?? ''}" is outside the areas you may manage`);
    const language = (record.language || '').toLowerCase() || null;
    if (language && !(LANGUAGES as readonly string[]).includes(language)) problems.push(`line ${line}: language "${language}" is not one of ${LANGUAGES.join(', ')}`);
    return { address, name: record.name || null, role: role as Role, areaCode, language };
  });
  if (problems.length > 0) throw new ImportError(problems);

  const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0 };
  atomically(db, () => {
    for (const row of rows) {
      const { contact, created } = repository.findOrCreate(row.address!);
      const changes = { name: row.name, role: row.role, areaCode: row.areaCode, language: row.language };
      const same = contact.name === changes.name && contact.role === changes.role && contact.areaCode === changes.areaCode && contact.language === changes.language;
      if (!same) db.update(contacts).set({ ...changes, updatedAt: new Date().toISOString() }).where(eq(contacts.id, contact.id)).run();
      if (created) result.inserted += 1;
      else if (same) result.unchanged += 1;
      else result.updated += 1;
    }
  });
  return result;
}
