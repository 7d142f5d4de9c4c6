import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, RefusalError } from '../../src/config';
import { createPhoneVault } from '../../src/contacts/phone-vault';
import { atomically } from '../../src/db/client';
import { KEY_MISMATCH } from '../../src/data-safety/key-guard';
import { createGateway } from '../../src/gateway';
import { createLogger } from '../../src/lib/logger';
import { PROJECT_ROOT, runScript, startChildGateway } from '../support/child-gateway';
import { crowdNumber, seedPeople } from '../support/people';

const OLD_KEY = Buffer.alloc(32, 3).toString('base64');
const NEW_KEY = Buffer.alloc(32, 4).toString('base64');

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'phone-key-'));
  dbPath = join(dir, 'gateway.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (key?: string) => createGateway(loadConfig({ NODE_ENV: 'test', DATABASE_PATH: dbPath, ...(key ? { PHONE_KEY: key } : {}) }), { logger: createLogger('silent') });

/** A pilot's database: people, reports with descriptions, messages, made with `key`. */
async function pilotDatabase(key: string | undefined, people: number) {
  const gateway = open(key);
  seedPeople(gateway, people, { areaCode: 'KE-30' });
  atomically(gateway.db, () => {
    for (let i = 0; i < people; i++) {
      const { contact } = gateway.services.contacts.findOrCreate({ kind: 'mobile', value: crowdNumber(i) });
      if (i % 4 === 0) gateway.services.reports.create({ source: 'sms', status: 'new', language: 'en', category: 'violence', areaCode: null, urgent: false, description: `Pilot report number ${i} near the market`, reporterContactId: contact.id, receipt: false });
      gateway.services.outbox.enqueue({ contactId: contact.id, text: `Peace message ${i}` });
    }
  });
  await gateway.close();
}

describe('the key guard', () => {
  it('when the gateway starts with another PHONE_KEY than its database was made with, then it refuses with exit 78 and says so, and nothing is changed', async () => {
    await pilotDatabase(undefined, 20); // a pilot on the development key
    const before = new Database(dbPath, { readonly: true });
    const contactsBefore = before.prepare('select count(*) from contacts').pluck().get();
    before.close();

    const refusal = (() => {
      try {
        open(NEW_KEY);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(RefusalError);
    expect(refusal).toMatchObject({ exitCode: 78, message: expect.stringContaining(KEY_MISMATCH) });
    const started = await runScript('src/main.ts', [], { NODE_ENV: 'test', DATABASE_PATH: dbPath, PHONE_KEY: NEW_KEY, PORT: '0' });
    expect(started.code).toBe(78);
    expect(started.output).toContain('PHONE_KEY does not match the key this database was created with');
    expect(started.output).not.toContain('    at '); // one clear line, no stack

    const after = new Database(dbPath, { readonly: true });
    expect(after.prepare('select count(*) from contacts').pluck().get()).toBe(contactsBefore);
    after.close();
    // The right key still opens it.
    await open(undefined).close();
  });
});

describe('key rotation', () => {
  it('when a rotation is killed midway, then the gateway refuses to start, a second run resumes where it stopped, and afterwards every value opens with the new key and none with the old', async () => {
    const PEOPLE = 12_000;
    await pilotDatabase(OLD_KEY, PEOPLE);
    const env = { NODE_ENV: 'test', DATABASE_PATH: dbPath, PHONE_KEY: OLD_KEY, PHONE_KEY_NEW: NEW_KEY, PATH: process.env.PATH ?? '' };

    // First run: killed once it is well into the contacts.
    // node itself with tsx's loader (not the tsx wrapper), so that the kill reaches the rotation.
    const first = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'cli.ts'), 'keys', 'rotate'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstOutput = '';
    await new Promise<void>((resolve) => {
      first.stdout.on('data', (chunk) => {
        firstOutput += chunk;
        if (/contacts: [3-9]\d{3}\//.test(firstOutput)) first.kill('SIGKILL');
      });
      first.on('exit', () => resolve());
    });
    expect(firstOutput).not.toContain('Rotated');
    const killedAt = Number(/contacts: (\d+)\/\d+\s*$/.exec(firstOutput.trim())![1]);

    // Half-rotated: neither key may start the gateway.
    expect(() => open(OLD_KEY)).toThrow(/rotation was started and not finished/);
    expect(() => open(NEW_KEY)).toThrow(/rotation was started and not finished/);

    const second = await runScript('scripts/cli.ts', ['keys', 'rotate'], env);
    expect(second.code).toBe(0);
    const resumedFrom = Number(/contacts: (\d+)\//.exec(second.output)![1]);
    expect(resumedFrom).toBeGreaterThan(killedAt); // went on, did not start again
    expect(second.output).toContain('Rotated');

    expect(() => open(OLD_KEY)).toThrow(KEY_MISMATCH);
    const gateway = open(NEW_KEY);
    try {
      const oldVault = createPhoneVault(OLD_KEY);
      const newVault = createPhoneVault(NEW_KEY);
      const sealed = gateway.db.$client
        .prepare("select phone_enc as v from contacts union all select text_enc from messages union all select description_enc from reports where description_enc is not null")
        .pluck()
        .all() as string[];
      expect(sealed.length).toBeGreaterThan(PEOPLE * 2);
      const opensWith = (vault: typeof newVault) => sealed.filter((v) => {
        try {
          vault.decrypt(v);
          return true;
        } catch {
          return false;
        }
      }).length;
      expect(opensWith(newVault)).toBe(sealed.length);
      expect(opensWith(oldVault)).toBe(0);
      // People are still recognised (their look-up hash was recomputed) and the reports read.
      expect(gateway.services.contacts.findByAddress({ kind: 'mobile', value: crowdNumber(7) })?.role).toBe('member');
      const report = gateway.db.$client.prepare('select id from reports limit 1').pluck().get() as string;
      expect(gateway.services.reports.description(gateway.services.reports.findById(report)!)).toMatch(/^Pilot report number \d+ near the market$/);
    } finally {
      await gateway.close();
    }
    // And the running gateway serves with the new key.
    const child = await startChildGateway({ NODE_ENV: 'test', DATABASE_PATH: dbPath, PHONE_KEY: NEW_KEY });
    expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 120_000);
});
