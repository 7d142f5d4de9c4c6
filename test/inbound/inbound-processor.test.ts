import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildGateway, runScript, type ChildGateway } from '../support/child-gateway';
import { countRows, loadSampleAreas, startTestGateway } from '../support/test-gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue #17: the webhook stores, the inbound processor reads after the 200, in arrival order; a
 * crash between the two loses nothing and reads nothing twice.
 */
describe('the inbound processor', () => {
  it('when the gateway is SIGKILLed with stored messages still unread, then after a restart every message is read exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inbound-crash-'));
    const env = { NODE_ENV: 'test', DATABASE_PATH: join(dir, 'gateway.db'), LOG_LEVEL: 'info' };
    let gateway: ChildGateway | undefined;
    try {
      expect((await runScript('scripts/cli.ts', ['import', 'areas', 'scripts/sample-data/areas-kenya.csv'], env)).code).toBe(0);
      gateway = await startChildGateway(env);
      let url = gateway.url;
      const unread = () => {
        const db = new Database(env.DATABASE_PATH, { readonly: true });
        try {
          return db.prepare("select count(*) from messages where direction = 'in' and processed_at is null").pluck().get() as number;
        } finally {
          db.close();
        }
      };
      // A burst (autocannon, 50 connections) of distinct reports from distinct people, until a kill
      // falls while some are stored but not yet read (watched in the database, not timed).
      let sent = 0;
      let answered = 0;
      let killedWithUnread = 0;
      const bodyOf = (i: number) => `from=%2B25472${String(10000000 + (i % 9000)).slice(1)}&to=21525&text=Vijana+wanapigana+sokoni+Kondele+${i}&id=ATXid_crash_${i}`;
      let burstDone: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (burstDone = resolve));
      const burst = autocannon({
        url,
        connections: 50,
        duration: 20,
        requests: [
          {
            method: 'POST',
            path: '/webhooks/africastalking/sms',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            setupRequest: (request) => ({ ...request, body: bodyOf(sent++) }),
          },
        ],
      }, () => burstDone());
      burst.on('response', (_client: unknown, status: number) => {
        if (status === 200) answered += 1;
      });
      while (killedWithUnread === 0) {
        await sleep(20);
        const waiting = unread();
        if (process.env.DEBUG_CRASH) console.log('poll', sent, waiting, answered);
        if (waiting >= 50) {
          gateway.process.kill('SIGKILL');
          killedWithUnread = waiting;
        }
        if (sent > 60_000) break;
      }
      burst.stop();
      if (process.env.DEBUG_CRASH) console.log('stopping burst', sent, killedWithUnread);
      await finished;
      if (process.env.DEBUG_CRASH) console.log('burst done');
      const post = async (i: number) => {
        const response = await fetch(`${url}/webhooks/africastalking/sms`, { method: 'POST', body: bodyOf(i), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(response.status).toBe(200);
      };
      expect(killedWithUnread).toBeGreaterThan(0);
      await gateway.exited;

      // Restarted: it reads what the crash left, then the providers' retries come (the same ids).
      gateway = await startChildGateway(env);
      url = gateway.url;
      for (let i = 0; i < sent; i += 100) await Promise.all(Array.from({ length: Math.min(100, sent - i) }, (_, k) => post(i + k)));
      for (let tries = 0; tries < 300 && unread() > 0; tries++) await sleep(100);
      if (process.env.DEBUG_CRASH) console.log(gateway.output().split('\n').filter((l) => !/request completed/.test(l)).slice(-15).join('\n'));

      const db = new Database(env.DATABASE_PATH, { readonly: true });
      try {
        const count = (sql: string) => db.prepare(sql).pluck().get() as number;
        const stored = count("select count(*) from messages where direction = 'in'");
        expect(stored).toBe(sent); // every id stored once, retries recognised
        expect(count("select count(*) from messages where direction = 'in' and processed_at is null")).toBe(0);
        // Each message read once: one report and one reply each, never two.
        expect(count('select count(*) from reports')).toBe(stored);
        expect(count("select count(*) from messages where direction = 'out' and in_reply_to is not null")).toBe(stored);
        expect(count("select count(*) from (select in_reply_to from messages where direction = 'out' and in_reply_to is not null group by in_reply_to having count(*) > 1)")).toBe(0);
        console.log(`inbound crash test: killed with ${killedWithUnread} stored messages unread after ${sent} sent; ${stored} stored, ${count('select count(*) from reports')} reports, ${answered} answered 200`);
      } finally {
        db.close();
      }
      expect(gateway.output()).toMatch(/reading inbound messages stored before the start/);
    } finally {
      gateway?.process.kill('SIGKILL');
      await gateway?.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reads in arrival order, and a later copy of the same text does not silence the first', async () => {
    const t = startTestGateway({ INBOUND_READING: 'deferred' });
    try {
      loadSampleAreas(t);
      const { storeSms } = t.gateway.services.inbound;
      // Stored back to back (one commit), read afterwards: as under a burst.
      const stored = [
        storeSms({ provider: 'africastalking', from: '+254733000001', to: '21525', text: 'Vijana wanapigana sasa hivi', providerMessageId: 'o1' }),
        storeSms({ provider: 'africastalking', from: '+254733000001', to: '21525', text: 'Kondele', providerMessageId: 'o2' }),
        storeSms({ provider: 'africastalking', from: '+254733000002', to: '21525', text: 'Vijana wanapigana Kondele', providerMessageId: 'o3' }),
        storeSms({ provider: 'africastalking', from: '+254733000002', to: '21525', text: 'Vijana wanapigana Kondele', providerMessageId: 'o4' }),
      ];
      expect(stored.every((s) => !s.duplicate)).toBe(true);
      expect(countRows(t, 'select count(*) from reports')).toBe(0);
      expect(t.gateway.services.inboundProcessor.drain()).toBe(4);
      const reportsOf = (phone: string) =>
        t.gateway.db.$client.prepare('select r.area_code from reports r join contacts c on c.id = r.reporter_contact_id where c.phone_hash = ?').pluck().all(t.gateway.services.vault.lookupHash(phone)) as string[];
      // The first person's place came in their second message, read after the question it answers: one report, placed.
      expect(reportsOf('+254733000001')).toEqual([expect.stringMatching(/^KE-17-01/)]);
      // The second person's repeat makes no second report.
      expect(reportsOf('+254733000002')).toHaveLength(1);
      // The second person's first copy is answered; the repeat is not.
      const replies = t.gateway.db.$client
        .prepare("select i.provider_message_id from messages m join messages i on i.id = m.in_reply_to where m.direction = 'out' order by i.provider_message_id")
        .pluck()
        .all();
      expect(replies).toContain('o3');
      expect(replies).not.toContain('o4');
    } finally {
      await t.close();
    }
  });

  it('a message that cannot be read is logged and set aside, and the ones after it are read', async () => {
    const t = startTestGateway();
    try {
      loadSampleAreas(t);
      const { storeSms } = t.gateway.services.inbound;
      storeSms({ provider: 'africastalking', from: '+254733000011', to: '21525', text: 'Vijana wanapigana Kondele', providerMessageId: 'p1' });
      storeSms({ provider: 'africastalking', from: '+254733000012', to: '21525', text: 'Land dispute in Kibra', providerMessageId: 'p2' });
      // The first one's text was damaged on disk: it cannot be decrypted.
      t.gateway.db.$client.prepare("update messages set text_enc = 'v1:damaged' where provider_message_id = 'p1'").run();
      expect(t.gateway.services.inboundProcessor.drain()).toBe(2);
      expect(countRows(t, "select count(*) from messages where direction = 'in' and processed_at is null")).toBe(0);
      expect(countRows(t, 'select count(*) from reports')).toBe(1);
      expect(t.logs.join('')).toContain('inbound message could not be read');
    } finally {
      await t.close();
    }
  });
});
