import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importAreasCsv } from '../../src/areas/area-import';
import { loadConfig } from '../../src/config';
import { createPhoneVault } from '../../src/contacts/phone-vault';
import { createGateway } from '../../src/gateway';
import { createLogger } from '../../src/lib/logger';
import { PROJECT_ROOT, startChildGateway, type ChildGateway } from '../support/child-gateway';
import { startFakeAfricasTalking } from '../support/fake-africastalking';
import { seedPeople } from '../support/people';

const PHONE_KEY = Buffer.alloc(32, 7).toString('base64');
const ADMIN = 'bootstrap-admin-token-0123456789';
const RECIPIENTS = 20_000;
const IN_FLIGHT_BATCH = 100; // Africa's Talking: one request carries up to 100 numbers
const KILLS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(gateway: ChildGateway | undefined, method: string, path: string, body?: object) {
  const response = await fetch(`${gateway!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { id: string; status: string } };
}

describe('a broadcast survives SIGKILL', () => {
  it(`when the gateway is killed ${KILLS} times while a ${RECIPIENTS}-recipient broadcast drains, then everyone has exactly one row, nobody got it twice, and unknown stays within the in-flight batches`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadcast-crash-'));
    const dbPath = join(dir, 'gateway.db');
    const provider = await startFakeAfricasTalking({ delayMs: 10 });
    const env = {
      NODE_ENV: 'test',
      DATABASE_PATH: dbPath,
      PHONE_KEY,
      BOOTSTRAP_ADMIN_TOKEN: ADMIN,
      SMS_PROVIDER: 'africastalking',
      AT_USERNAME: 'peacegw',
      AT_API_KEY: 'fake-at-key',
      AT_SEGMENTS_PER_SECOND: '1500',
      FAKE_AT_URL: provider.url,
    };
    const preload = join(PROJECT_ROOT, 'test', 'support', 'forward-africastalking.ts');
    let gateway: ChildGateway | undefined;
    try {
      // The audience: 20,000 committee members in Nairobi, made as first contact makes them.
      const seeding = createGateway(loadConfig(env), { logger: createLogger('silent') });
      importAreasCsv(seeding.db, { now: () => new Date() }, readFileSync(join(PROJECT_ROOT, 'scripts', 'sample-data', 'areas-kenya.csv'), 'utf8'));
      seedPeople(seeding, RECIPIENTS, { areaCode: 'KE-30', language: 'sw' });
      await seeding.close();

      gateway = await startChildGateway(env, { preload });
      const created = await api(gateway, 'POST', '/api/broadcasts', { audience: { areas: ['KE-30'] }, texts: { sw: 'Uchaguzi wa amani. Piga kura, rudi nyumbani, dumisha amani.' } });
      expect(created.status).toBe(201);

      // Kill it at points observed, not timed: first while the audience is being expanded (a cursor,
      // no expanded_at), then each time the provider has taken another 2,000 numbers mid-dispatch.
      const expansion = () => {
        const db = new Database(dbPath, { readonly: true });
        try {
          return db.prepare('select expansion_cursor as cursor, expanded_at as expandedAt from broadcasts where id = ?').get(created.body.id) as { cursor: string | null; expandedAt: string | null };
        } finally {
          db.close();
        }
      };
      const kills: { at: string; sentByProvider: number }[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        if (kill === 0) {
          for (let waited = 0; expansion().cursor === null && waited < 20_000; waited += 5) await sleep(5);
          const state = expansion();
          expect(state.cursor).not.toBeNull();
          expect(state.expandedAt).toBeNull(); // the kill falls during expansion
        } else {
          const target = provider.received.size + 2_000;
          for (let waited = 0; provider.received.size < target && waited < 30_000; waited += 20) await sleep(20);
        }
        gateway.process.kill('SIGKILL');
        expect(await gateway.exited).toBe('SIGKILL');
        kills.push({ at: kill === 0 ? 'during expansion' : `kill ${kill + 1}`, sentByProvider: provider.received.size });
        gateway = await startChildGateway(env, { preload });
      }
      expect(kills.at(-1)!.sentByProvider).toBeLessThan(RECIPIENTS); // the last kill came mid-dispatch
      expect(kills[1]!.sentByProvider).toBeGreaterThan(kills[0]!.sentByProvider); // and the others after sending began

      let view = (await api(gateway, 'GET', `/api/broadcasts/${created.body.id}`)).body;
      for (let waited = 0; view.status !== 'done' && waited < 60_000; waited += 250) {
        await sleep(250);
        view = (await api(gateway, 'GET', `/api/broadcasts/${created.body.id}`)).body;
      }
      gateway.process.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
      expect(view.status).toBe('done');

      // Count from the database file and from the provider's side.
      const db = new Database(dbPath, { readonly: true });
      const vault = createPhoneVault(PHONE_KEY);
      const rows = db
        .prepare('select c.phone_enc as phoneEnc, m.status from messages m join contacts c on c.id = m.contact_id where m.broadcast_id = ?')
        .all(created.body.id) as { phoneEnc: string; status: string }[];
      const people = db.prepare("select count(*) from contacts where area_code = 'KE-30'").pluck().get() as number;
      const rowsPerPerson = db.prepare('select max(n) from (select count(*) as n from messages where broadcast_id = ? group by contact_id)').pluck().get(created.body.id);
      db.close();

      const byStatus: Record<string, number> = {};
      for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      console.log(`broadcast crash test: ${KILLS} kills (${kills.map((k) => `${k.at} after ${k.sentByProvider} sent`).join(', ')}); rows ${JSON.stringify(byStatus)}; provider took ${provider.received.size} numbers in ${provider.requests()} requests`);

      expect(people).toBe(RECIPIENTS);
      expect(rows).toHaveLength(RECIPIENTS); // none missing
      expect(rowsPerPerson).toBe(1); // exactly one row each
      expect(Math.max(...provider.received.values())).toBe(1); // nobody was sent it twice
      expect(Object.keys(byStatus).sort()).toEqual(expect.arrayContaining(['sent']));
      expect((byStatus.queued ?? 0) + (byStatus.sending ?? 0) + (byStatus.failed ?? 0)).toBe(0);
      expect(byStatus.unknown ?? 0).toBeLessThanOrEqual(KILLS * IN_FLIGHT_BATCH);
      for (const row of rows) {
        const phone = vault.decrypt(row.phoneEnc);
        // A row marked sent reached the provider once; an unknown one reached it once or never.
        if (row.status === 'sent') expect(provider.received.get(phone)).toBe(1);
      }
      expect(provider.received.size).toBeGreaterThanOrEqual(byStatus.sent!);
      expect(provider.received.size).toBeLessThanOrEqual(byStatus.sent! + (byStatus.unknown ?? 0));
      expect(view).toMatchObject({ recipients: RECIPIENTS, summary: { reached: byStatus.sent, unknown: byStatus.unknown ?? 0, failed: 0 } });
    } finally {
      if (gateway && gateway.process.exitCode === null && gateway.process.signalCode === null) gateway.process.kill('SIGKILL');
      await provider.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
