import { ImportError, importAreasCsv } from '../../src/areas/area-import';
import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
beforeEach(() => {
  t = startTestGateway();
});
afterEach(() => t.close());

const clock = { now: () => new Date('2026-11-20T08:00:00Z') };
const HEADER = 'code,name,parent_code,level,aliases\n';

function problemsOf(csv: string): string[] {
  try {
    importAreasCsv(t.gateway.db, clock, HEADER + csv);
  } catch (error) {
    if (error instanceof ImportError) return error.problems;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('import areas', () => {
  it('when the sample data is imported, then Kenya has 47 counties and names and aliases in any script are searchable', () => {
    loadSampleAreas(t);
    expect(t.gateway.services.areas.childrenOf('KE')).toHaveLength(47);
    expect(t.gateway.services.areas.search('Кибера')[0]!.area.name).toBe('Kibra');
    expect(t.gateway.services.areas.search('kbra')[0]!.area.name).toBe('Kibra');
    expect(t.gateway.services.areas.search('Баткен облусу')[0]!.area.code).toBe('KG-B');
    expect(t.gateway.services.areas.search('Osh')[0]!.area.code).toBe('KG-GO');
    expect(t.gateway.services.areas.path('KE-17-01-05').map((a) => a.name)).toEqual(['Kenya', 'Kisumu', 'Kisumu Central', 'Kondele']);
  });

  it('when a name is typed with a slip, then it is found, but not from words typed across its spaces', () => {
    loadSampleAreas(t);
    expect(t.gateway.services.areas.search('Garisa')[0]!.area.code).toBe('KE-07');
    expect(t.gateway.services.areas.search('karasuu')[0]!.area.code).toBe('KG-O-01');
    // "gari la" (a car of) is two letters from "garissa" only if its space counts as a letter.
    expect(t.gateway.services.areas.search('gari la')).toEqual([]);
  });

  it('when a file is imported again with a changed name, then that area is updated in place and the rest is unchanged', () => {
    expect(importAreasCsv(t.gateway.db, clock, `${HEADER}KE,Kenya,,country,\nKE-30,Nairobi,KE,county,Nai\n`)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(importAreasCsv(t.gateway.db, clock, `${HEADER}KE,Kenya,,country,\nKE-30,Nairobi City,KE,county,Nai|Найроби\n`)).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    t.gateway.services.areas.reload();
    expect(t.gateway.services.areas.get('KE-30')).toMatchObject({ name: 'Nairobi City', aliases: ['Nai', 'Найроби'] });
    expect(countRows(t, 'select count(*) from areas')).toBe(2);
  });

  it.each([
    ['a parent that exists nowhere', 'KE-99,Somewhere,XX,county,', 'line 3: parent_code "XX" is not in the file nor already imported'],
    ['a code with spaces', 'KE 1,Somewhere,,county,', 'line 3: code "KE 1" must be 1–40 letters, digits, dot, dash or underscore'],
    ['an empty name', 'KE-1,,,county,', 'line 3: name is empty'],
    ['a cycle', 'A,Alpha,B,x,\nB,Beta,A,x,', 'line 3: "A" is its own ancestor'],
  ])('when the file has %s, then nothing is imported and the line is named', (_case, rows, problem) => {
    expect(problemsOf(`KE,Kenya,,country,\n${rows}\n`)).toContain(problem);
    expect(countRows(t, 'select count(*) from areas')).toBe(0);
  });
});
