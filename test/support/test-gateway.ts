import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { importAreasCsv } from '../../src/areas/area-import';
import { importContactsCsv } from '../../src/contacts/contact-import';
import type { SmsSender } from '../../src/channels/channel-types';
import { loadConfig, type Config } from '../../src/config';
import { createGateway, type GatewayOptions } from '../../src/gateway';
import type { Clock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';

export interface TestGateway {
  gateway: ReturnType<typeof createGateway>;
  config: Config;
  http: ReturnType<typeof request>;
  /** Every log line the gateway wrote, as raw JSON text. */
  logs: string[];
  dir: string;
  dbPath: string;
  close(): Promise<void>;
}

/**
 * The real gateway (real app, real SQLite file, real migrations) with a captured logger, on a
 * temporary folder. The dispatcher is not started: tests call `dispatcher.runOnce()` when they want.
 */
export function startTestGateway(env: Record<string, string> = {}, options: { clock?: Clock; sender?: SmsSender; senders?: SmsSender[]; dispatcher?: GatewayOptions['dispatcher'] } = {}): TestGateway {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const dbPath = join(dir, 'gateway.db');
  // Reading in the webhook's own turn: a test checks what an SMS did right after its 200. The deferred
  // mode (the default) has its own tests: test/inbound/inbound-processor.test.ts and bench:ingest.
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: dbPath, LOG_LEVEL: 'debug', INBOUND_READING: 'immediate', ...env });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const gateway = createGateway(config, { logger: createLogger(config.LOG_LEVEL, stream), ...options });
  return {
    gateway,
    config,
    http: request(gateway.app),
    logs,
    dir,
    dbPath,
    async close() {
      if (gateway.db.$client.open) assertReportersNeverDisclosed(gateway.db.$client, gateway.services.vault);
      else {
        // Closed by the test itself (a restart, a second gateway): the check still runs, on the file.
        const file = new Database(dbPath, { readonly: true });
        try {
          assertReportersNeverDisclosed(file, gateway.services.vault);
        } finally {
          file.close();
        }
      }
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function countRows(t: TestGateway, sql: string, ...params: unknown[]): number {
  return t.gateway.db.$client.prepare(sql).pluck().get(...params) as number;
}

/**
 * The reply to one inbound message (by its provider id), to its sender: '(no reply)' when the
 * gateway stayed silent, never someone else's newest message.
 */
export function replyToMessage(t: TestGateway, providerMessageId: string): string {
  const reply = t.gateway.db.$client
    .prepare("select m.id from messages m join messages i on i.id = m.in_reply_to where i.provider_message_id = ? and m.direction = 'out'")
    .pluck()
    .get(providerMessageId) as string | undefined;
  return reply ? t.gateway.services.messages.listRecent({ direction: 'out', limit: 200, reveal: false }).find((m) => m.id === reply)!.text : '(no reply)';
}

/** An outbound message already handed to a provider under `providerMessageId`, as the dispatcher leaves it. */
export function seedSentMessage(t: TestGateway, phone: string, provider: 'africastalking' | 'twilio', providerMessageId: string): string {
  const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: phone });
  const id = t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'Peace meeting at the chief camp, 10am.' });
  t.gateway.db.$client
    .prepare("update messages set status = 'sent', provider = ?, provider_message_id = ? where id = ?")
    .run(provider, providerMessageId, id);
  return id;
}

export function contactOptedOut(t: TestGateway, phone: string): boolean {
  const contact = t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: phone });
  return !!contact?.optedOutAt;
}

/** Loads the shipped sample areas (Kenya and Kyrgyzstan) into the gateway's database. */
export function loadSampleAreas(t: TestGateway): void {
  for (const file of ['areas-kenya.csv', 'areas-kyrgyzstan.csv']) {
    importAreasCsv(t.gateway.db, { now: () => new Date() }, readFileSync(join(__dirname, '..', '..', 'scripts', 'sample-data', file), 'utf8'));
  }
  t.gateway.services.areas.reload();
}

/** Loads the fictional sample committee members and coordinators (needs the sample areas). */
export function loadSampleContacts(t: TestGateway): void {
  importContactsCsv(t.gateway.db, t.gateway.services.contacts, 'KE', readFileSync(join(__dirname, '..', '..', 'scripts', 'sample-data', 'contacts-sample.csv'), 'utf8'));
}

/**
 * Run by every test gateway as it closes: no outbound message the test produced carries a reporter's
 * number (in any written form) or name to anyone but the reporter.
 */
function assertReportersNeverDisclosed(client: Database.Database, vault: TestGateway['gateway']['services']['vault']): void {
  const reporters = client
    .prepare('select distinct c.id, c.phone_enc as phoneEnc, c.name from reports r join contacts c on c.id = r.reporter_contact_id')
    .all() as { id: string; phoneEnc: string; name: string | null }[];
  if (reporters.length === 0) return;
  const outbound = client.prepare("select contact_id as contactId, text_enc as textEnc from messages where direction = 'out'").all() as { contactId: string; textEnc: string }[];
  for (const reporter of reporters) {
    const phone = vault.decrypt(reporter.phoneEnc);
    const digits = phone.replace(/^\+/, '');
    const forms = [phone, digits, digits.slice(-9), ...(reporter.name && reporter.name.length >= 3 ? [reporter.name] : [])];
    for (const message of outbound) {
      if (message.contactId === reporter.id) continue;
      const text = vault.decrypt(message.textEnc);
      for (const form of forms) {
        if (text.includes(form)) throw new Error(`an outbound message to someone else discloses a reporter: "${text}"`);
      }
    }
  }
}
