import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmsSender } from '../../src/channels/channel-types';
import { PRIORITY } from '../../src/outbox/outbox-repository';
import { atomically } from '../../src/db/client';
import { createManualClock } from '../../src/lib/clock';
import { PROJECT_ROOT, runScript, startChildGateway } from '../support/child-gateway';
import { crowdNumber } from '../support/people';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingSender() {
  const sent: string[] = [];
  const sender: SmsSender = {
    provider: 'console',
    maxBatch: 100,
    async send(text, recipients) {
      for (let i = 0; i < recipients.length; i++) sent.push(text);
      return recipients.map((r) => ({ messageId: r.messageId, ok: true as const, providerMessageId: `c-${r.messageId}`, providerStatus: 'recorded' }));
    },
  };
  return { sender, sent };
}

describe('quarantine, not a jam', () => {
  let t: TestGateway;
  afterEach(() => t.close());

  it('when one outbox row cannot be decrypted, then it is quarantined with the reason, the next 100 messages go out, and /healthz and /metrics say so', async () => {
    const provider = recordingSender();
    t = startTestGateway({}, { sender: provider.sender });
    const ids = atomically(t.gateway.db, () =>
      Array.from({ length: 101 }, (_, i) => {
        const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: crowdNumber(i) });
        return t.gateway.services.outbox.enqueue({ contactId: contact.id, text: `Notice ${i}`, priority: PRIORITY.reply });
      }),
    );
    // The oldest row, first in line, is damaged (sealed with another key, or corrupt on disk).
    t.gateway.db.$client.prepare("update messages set text_enc = 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA' where id = ?").run(ids[0]);

    while ((await t.gateway.services.dispatcher.runOnce()) > 0);
    expect(provider.sent).toHaveLength(100);
    expect(t.gateway.db.$client.prepare('select status, failure_reason as reason from messages where id = ?').get(ids[0])).toEqual({
      status: 'quarantined',
      reason: expect.stringMatching(/^cannot decrypt the text: /),
    });
    const health = await t.http.get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', reasons: ['outbox: 1 messages quarantined (cannot be decrypted or built; see GET /api/messages)'] });
    expect((await t.http.get('/metrics')).text).toContain('gateway_outbox_quarantined 1');
  });
});

describe('/healthz says when the gateway is unwell', () => {
  let t: TestGateway;
  afterEach(() => t.close());

  it('when the database is read-only, then /healthz is 503 unavailable with the reason', async () => {
    t = startTestGateway({});
    expect((await t.http.get('/healthz')).status).toBe(200);
    t.gateway.db.$client.pragma('query_only = ON');
    const health = await t.http.get('/healthz');
    t.gateway.db.$client.pragma('query_only = OFF');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'unavailable', reasons: ['database: cannot be written, it is read-only'] });
  });

  it('when the disk fills up, then webhooks answer 503 (the provider retries) instead of 500, and /healthz says the disk is full', async () => {
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
    const pages = t.gateway.db.$client.pragma('page_count', { simple: true }) as number;
    t.gateway.db.$client.pragma(`max_page_count = ${pages + 2}`);
    let status = 200;
    for (let i = 0; i < 500 && status === 200; i++) {
      const body = new URLSearchParams({ from: crowdNumber(i, '73'), to: '21525', text: `Report ${i} ${'x'.repeat(100)}`, id: `ATXid_full_${i}` }).toString();
      status = (await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status;
    }
    expect(status).toBe(503);
    const health = await t.http.get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('unavailable');
    expect(health.body.reasons[0]).toMatch(/^database: cannot be written, the disk is full \(requests failed, the last at /);
  });

  it('when the dispatcher fails every round for a minute, then /healthz is 503 with the reason', async () => {
    const clock = createManualClock(new Date('2026-11-29T08:00:00Z'));
    const broken: SmsSender = { provider: 'console', maxBatch: 100, send: async () => [] };
    t = startTestGateway({ DISPATCH_INTERVAL_MS: '10' }, { clock, sender: broken });
    const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: crowdNumber(1) });
    t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'hello', priority: PRIORITY.reply });
    // Every round fails (the sender answers nothing for the row: recording the outcome throws).
    t.gateway.db.$client.exec('create trigger jam before update on messages begin select raise(abort, \'jammed\'); end');
    t.gateway.services.dispatcher.start();
    try {
      await sleep(100);
      expect((await t.http.get('/healthz')).status).toBe(200);
      clock.advance(61_000);
      await sleep(100);
      const health = await t.http.get('/healthz');
      expect(health.status).toBe(503);
      expect(health.body.reasons).toEqual([expect.stringMatching(/^dispatcher: every round has failed since 2026-11-29T08:00:00/)]);
      // Logged once at first, not once per round.
      expect(t.logs.filter((line) => line.includes('dispatcher cycle failed')).length).toBeLessThanOrEqual(2);
    } finally {
      t.gateway.db.$client.exec('drop trigger jam');
      await t.gateway.services.dispatcher.stop();
    }
  });
});

describe('one writer, backups, signals', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'operations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when a second gateway starts on the same database, then it refuses with who holds it; after the first stops, it starts', async () => {
    const dbPath = join(dir, 'gateway.db');
    const first = await startChildGateway({ DATABASE_PATH: dbPath });
    try {
      const second = await runScript('src/main.ts', [], { DATABASE_PATH: dbPath, PORT: '0' });
      expect(second.code).toBe(75);
      expect(second.output).toContain(`Another gateway (PID ${first.process.pid}`);
      expect(second.output).toContain(`is using ${dbPath}`);
      expect(second.output).not.toContain('    at ');
      // The first one did not lose its in-flight work to the refused start.
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      first.process.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }
    const again = await startChildGateway({ DATABASE_PATH: dbPath });
    // A lock left by a killed gateway does not block the next start.
    again.process.kill('SIGKILL');
    await again.exited;
    const third = await startChildGateway({ DATABASE_PATH: dbPath });
    third.process.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 60_000);

  it('when a backup is taken while reports keep arriving, then it is checked and counted, and a gateway started on it has every report answered 200 before the backup began', async () => {
    const dbPath = join(dir, 'gateway.db');
    const gateway = await startChildGateway({ DATABASE_PATH: dbPath, AT_WEBHOOK_TOKEN: 'hook-token-0123456789abcdef' });
    const answered: { id: string; at: number }[] = [];
    let stop = false;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const id = `ATXid_backup_${i}`;
        const body = new URLSearchParams({ from: crowdNumber(i % 500, '74'), to: '21525', text: `Fighting at the market, report ${i}`, id }).toString();
        const response = await fetch(`${gateway.url}/webhooks/africastalking/sms?token=hook-token-0123456789abcdef`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
        if (response.status === 200) answered.push({ id, at: Date.now() });
      }
    })();
    try {
      while (answered.length < 200) await sleep(20);
      const startedAt = Date.now();
      const backupFile = join(dir, 'backup.db');
      const backup = await runScript('scripts/cli.ts', ['backup', backupFile], { DATABASE_PATH: dbPath });
      expect(backup.code).toBe(0);
      expect(backup.output).toMatch(/^Backup .*backup\.db: integrity ok, \d+ reports, \d+ messages, \d+ contacts/);
      while (answered.length < answered.filter((a) => a.at < startedAt).length + 50) await sleep(20); // load went on meanwhile
      stop = true;
      await load;

      // Restore: the backup file becomes a database, opened by a gateway with the same key.
      const restoredPath = join(dir, 'restored.db');
      copyFileSync(backupFile, restoredPath);
      const restored = await startChildGateway({ DATABASE_PATH: restoredPath });
      restored.process.kill('SIGTERM');
      expect(await restored.exited).toBe(0);
      const db = new Database(restoredPath, { readonly: true });
      const stored = new Set(db.prepare("select provider_message_id from messages where direction = 'in'").pluck().all() as string[]);
      const reports = db.prepare('select count(*) from reports').pluck().get() as number;
      db.close();
      const before = answered.filter((a) => a.at < startedAt);
      expect(before.length).toBeGreaterThanOrEqual(200);
      expect(before.filter((a) => !stored.has(a.id))).toEqual([]);
      expect(reports).toBeGreaterThanOrEqual(before.length);
    } finally {
      stop = true;
      await load;
      gateway.process.kill('SIGTERM');
      await gateway.exited;
    }
  }, 90_000);

  it('when SIGTERM is sent to the PID of `npm start`, then the gateway itself stops gracefully within 10 s and nothing is left running', async () => {
    const dbPath = join(dir, 'gateway.db');
    const npm = spawn('npm', ['start'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, DATABASE_PATH: dbPath, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.on('data', (chunk) => (output += chunk));
    npm.stderr.on('data', (chunk) => (output += chunk));
    for (let i = 0; i < 200 && !output.includes('gateway listening'); i++) await sleep(100);
    expect(output).toContain('gateway listening');
    const gatewayPid = Number(/"pid":(\d+).*"msg":"gateway listening"/.exec(output)![1]);
    expect(gatewayPid).not.toBe(npm.pid);

    const sentAt = Date.now();
    npm.kill('SIGTERM');
    let alive = true;
    while (alive && Date.now() - sentAt < 10_000) {
      await sleep(100);
      try {
        process.kill(gatewayPid, 0);
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
    expect(output).toContain('"msg":"stopped"');
    expect(() => readFileSync(`${dbPath}.lock`)).toThrow(); // the lock went with it
  }, 30_000);
});

describe('starts that cannot go on say why', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'start-failure-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when the port is taken, then the fatal line carries the real reason (EADDRINUSE), not a redacted one', async () => {
    const first = await startChildGateway({ DATABASE_PATH: join(dir, 'a.db') });
    try {
      const port = new URL(first.url).port;
      const second = await runScript('src/main.ts', [], { DATABASE_PATH: join(dir, 'b.db'), PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'info' });
      expect(second.code).toBe(1);
      const fatal = second.output.split('\n').find((line) => line.includes('"msg":"cannot listen"'))!;
      expect(JSON.parse(fatal).err).toMatchObject({ code: 'EADDRINUSE', reason: expect.stringContaining('EADDRINUSE') });
      expect(fatal).not.toContain('[redacted]');
    } finally {
      first.process.kill('SIGTERM');
      await first.exited;
    }
  }, 30_000);

  it('when DATABASE_PATH cannot be a database (a file where a folder should be, or a damaged file), then one line says so with its exit code', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const misplaced = await runScript('src/main.ts', [], { DATABASE_PATH: join(dir, 'not-a-folder', 'gateway.db'), PORT: '0' });
    expect(misplaced.code).toBe(73);
    expect(misplaced.output.trim()).toMatch(/^The database .* cannot be created there \((ENOTDIR|EEXIST)\)/m);
    expect(misplaced.output).not.toContain('    at ');

    writeFileSync(join(dir, 'damaged.db'), 'this is not a database '.repeat(200));
    const damaged = await runScript('src/main.ts', [], { DATABASE_PATH: join(dir, 'damaged.db'), PORT: '0' });
    expect(damaged.code).toBe(74);
    expect(damaged.output).toMatch(/The database .*damaged\.db is damaged or not a database \(SQLITE_NOTADB\): restore it from a backup/);
    expect(damaged.output).not.toContain('    at ');
  }, 30_000);
});
