import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/child-gateway';

/** The operator's commands as the README shows them, on a real database file. */
let dir: string;
let env: Record<string, string>;
const cli = (...args: string[]) => runScript('scripts/cli.ts', args, env);
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'operator-'));
  env = { NODE_ENV: 'test', DATABASE_PATH: join(dir, 'gateway.db') };
  for (const file of ['areas-kenya.csv', 'areas-kyrgyzstan.csv']) expect((await cli('import', 'areas', `scripts/sample-data/${file}`)).code).toBe(0);
  expect((await cli('import', 'contacts', 'scripts/sample-data/contacts-sample.csv')).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('operator commands say clearly what went wrong', () => {
  it('when the CSV file is missing, then one line says so (exit 66), no stack trace', async () => {
    const result = await cli('import', 'areas', join(dir, 'no-such.csv'));
    expect(result.code).toBe(66);
    expect(result.output.trim()).toBe(`Cannot read ${join(dir, 'no-such.csv')}: no such file.`);
  });

  it('when the CSV header is wrong, then the expected and found columns are named and no line-by-line errors follow', async () => {
    const file = join(dir, 'contacts-wrong.csv');
    writeFileSync(file, 'number,full name,role\n+254711000001,Amina,member\n+254711000002,Baraka,member\n');
    const result = await cli('import', 'contacts', file);
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe('Nothing was imported:\n  - the header must be phone,name,role,area_code,language (missing: phone; found: number,full name,role)');
  });

  it('when flows:check is given a folder that does not exist, then it says so', async () => {
    const result = await runScript('scripts/flows-check.ts', [join(dir, 'no-flows')]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`flows: ${join(dir, 'no-flows')} is not a folder.`);
  });

  it('when reports are exported with --out, then the file holds only the CSV (no npm banner) and is readable by its owner only; it never overwrites', async () => {
    const out = join(dir, 'reports.csv');
    const result = await cli('reports', 'export', '--out', out);
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^ref,/);
    expect((statSync(out).mode & 0o777).toString(8)).toBe('600');
    const again = await cli('reports', 'export', '--out', out);
    expect(again.code).toBe(73);
    expect(again.output).toContain('it exists');
  });

  it('when contacts are listed and one is removed from a committee, then the list shows it and the change is audited', async () => {
    const listed = await cli('contacts', 'list', '--area', 'KE-17');
    expect(listed.code).toBe(0);
    const lines = listed.output.trim().split('\n');
    expect(lines[0]).toMatch(/^pseudonym\s+name\s+role\s+area\s+language\s+state$/);
    expect(listed.output).not.toMatch(/\+254/); // never numbers
    const member = lines.slice(1).find((line) => /\smember\s/.test(line))!;
    const pseudonym = member.split(/\s+/)[0]!;

    const removed = await cli('contacts', 'remove', pseudonym);
    expect(removed.code).toBe(0);
    expect(removed.output).toMatch(new RegExp(`^${pseudonym} \\(.*\\) is no longer member of KE-17-01`));
    const db = new Database(env.DATABASE_PATH!, { readonly: true });
    expect(db.prepare("select actor, subject, detail from audit_log where action = 'contact_remove'").all()).toEqual([{ actor: 'cli', subject: pseudonym, detail: 'was member KE-17-01' }]);
    db.close();
    expect((await cli('contacts', 'list', '--area', 'KE-17')).output).not.toContain(pseudonym);
    expect((await cli('contacts', 'remove', 'C-NOONE')).code).toBe(1);
  });

  it('when a backup is asked for a file that exists, then it refuses; otherwise it reports what the copy holds', async () => {
    const file = join(dir, 'backup.db');
    const made = await cli('backup', file);
    expect(made.code).toBe(0);
    expect(made.output).toMatch(/integrity ok, 0 reports, 0 messages, \d+ contacts/);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect((await cli('backup', file)).code).toBe(73);
  });
});
