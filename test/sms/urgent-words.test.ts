import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAreaDirectory } from '../../src/areas/area-directory';
import { importAreasCsv } from '../../src/areas/area-import';
import { openDatabase, runMigrations } from '../../src/db/client';
import { loadContent } from '../../src/flows/content';
import { loadTaxonomy } from '../../src/flows/flow-schema';
import { createReportParser } from '../../src/sms/report-parser';

/**
 * Urgent words match as written or with a typo, never as the start of a longer word: in a phrase, word
 * by word (two words that only start like the phrase's are not one typo of it).
 */
describe('urgent words of several words', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urgent-words-'));
  const db = openDatabase(join(dir, 'urgent.db'));
  runMigrations(db);
  importAreasCsv(db, { now: () => new Date() }, readFileSync(join(__dirname, '..', '..', 'scripts', 'sample-data', 'areas-kenya.csv'), 'utf8'));
  const areas = createAreaDirectory({ db });
  const content = loadContent();
  // A phrase of two stems ("fire*", "house*"), as a coordinator may write one.
  const keywords = { ...content.keywords, urgent: { ...content.keywords.urgent, en: [...content.keywords.urgent.en, 'fire* house*'] } };
  const parser = createReportParser({ taxonomy: loadTaxonomy(), keywords, areas });
  afterAll(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the phrase is written as such, or with a typo in one word, then the report is urgent', () => {
    expect(parser.parse('fire house in Kibra', { rootArea: 'KE' }).urgent).toBe(true);
    expect(parser.parse('fire hoouse in Kibra', { rootArea: 'KE' }).urgent).toBe(true);
  });

  it('when both words only start like the phrase\'s ("firewood housekeeping"), then it is not urgent', () => {
    expect(parser.parse('firewood housekeeping in Kibra', { rootArea: 'KE' }).urgent).toBe(false);
  });
});
