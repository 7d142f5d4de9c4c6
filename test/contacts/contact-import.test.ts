import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError } from '../../src/areas/area-import';
import { importContactsCsv } from '../../src/contacts/contact-import';
import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
beforeEach(() => {
  t = startTestGateway();
  loadSampleAreas(t);
});
afterEach(() => t.close());

const importCsv = (csv: string) => importContactsCsv(t.gateway.db, t.gateway.services.contacts, 'KE', csv);

describe('import contacts', () => {
  it('when the sample contacts are imported twice, then they exist once with their roles, and numbers are stored only encrypted', () => {
    const csv = readFileSync(join(__dirname, '..', '..', 'scripts', 'sample-data', 'contacts-sample.csv'), 'utf8');
    expect(importCsv(csv)).toEqual({ inserted: 12, updated: 0, unchanged: 0 });
    expect(importCsv(csv)).toEqual({ inserted: 0, updated: 0, unchanged: 12 });
    expect(t.gateway.db.$client.prepare("select count(*) from contacts where role in ('member', 'chair')").pluck().get()).toBe(8);
    const chair = t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: '+254700000101' })!;
    expect(chair).toMatchObject({ name: 'Amina Otieno', role: 'chair', areaCode: 'KE-17-01', language: 'sw' });
    expect(countRows(t, "select count(*) from contacts where phone_enc like '%254700000101%'")).toBe(0);
  });

  it('when a number written locally is imported again with a new role, then the same contact is updated', () => {
    importCsv('phone,name,role,area_code,language\n+254722000222,Peter,reporter,,\n');
    expect(importCsv('phone,name,role,area_code,language\n0722000222,Peter,member,KE-17-01,sw\n')).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: '+254722000222' })).toMatchObject({ role: 'member', areaCode: 'KE-17-01' });
  });

  it('when a line is wrong, then nothing is imported and every problem is named', () => {
    let problems: string[] = [];
    try {
      importCsv('phone,name,role,area_code,language\n+254711000111,Ok,member,KE-17-01,en\n12,Bad,boss,NOPE,fr\n+254711000111,Twice,member,,\n');
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([
      'line 3: phone is not a valid mobile number',
      'line 3: role "boss" is not one of reporter, monitor, member, chair, coordinator',
      'line 3: area_code "NOPE" is not imported (import areas first)',
      'line 3: language "fr" is not one of en, sw, ru, ky, es',
      'line 4: the same phone appears twice',
    ]);
    expect(countRows(t, 'select count(*) from contacts')).toBe(0);
  });
});
