import { parse } from 'csv-parse/sync';
import { exportReports } from '../../src/reports/report-export';
import { loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
beforeEach(() => {
  t = startTestGateway();
  loadSampleAreas(t);
});
afterEach(() => t.close());

function exported(format: 'csv' | 'json', since?: string): string {
  return [...exportReports({ db: t.gateway.db, reports: t.gateway.services.reports, areas: t.gateway.services.areas }, { format, since })].join('');
}

describe('reports export', () => {
  it('when 501 reports are exported, then every one comes out once, oldest first, in CSV and in JSON, with no reporter column', () => {
    const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254711000111' });
    for (let i = 0; i < 501; i++) {
      t.gateway.services.reports.create({ source: 'api', status: 'new', language: 'en', category: 'violence', areaCode: 'KE-17-01-05', description: `report ${i}, with "quotes"`, reporterContactId: contact.id, receipt: false });
    }
    const rows = parse(exported('csv'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(501);
    expect(rows[0]).toMatchObject({ description: 'report 0, with "quotes"', area_path: 'Kenya > Kisumu > Kisumu Central > Kondele', urgent: 'no' });
    expect(rows[500]!.description).toBe('report 500, with "quotes"');
    expect(Object.keys(rows[0]!)).not.toContain('reporter');
    const json = JSON.parse(exported('json')) as { ref: string }[];
    expect(json.map((r) => r.ref)).toEqual(rows.map((r) => r.ref));
    expect(exported('csv')).not.toContain('254711000111');
    expect(JSON.parse(exported('json', '2999-01-01T00:00:00.000Z'))).toEqual([]);
  });
});
