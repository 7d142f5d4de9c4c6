/**
 * The durable peer for bench:ingest (issue #17): the least a gateway that never loses a message must
 * do before its 200 — express with helmet, the same form parsed, the sender and text encrypted with
 * AES-256-GCM, and one row committed to SQLite (WAL, synchronous=NORMAL, as the gateway runs) per
 * request. No deduplication, no contacts, no reading of the text, no reply.
 */
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import helmet from 'helmet';

const key = randomBytes(32);
function seal(text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

const db = new Database(process.env.DATABASE_PATH ?? join(mkdtempSync(join(tmpdir(), 'durable-peer-')), 'peer.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('create table if not exists messages (id text primary key, provider_message_id text, sender_enc text not null, text_enc text not null, received_at text not null)');
const insert = db.prepare('insert into messages (id, provider_message_id, sender_enc, text_enc, received_at) values (?, ?, ?, ?, ?)');

const app = express();
app.use(helmet());
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
app.post('/webhooks/africastalking/sms', express.urlencoded({ extended: false, limit: '64kb' }), (req, res) => {
  const { from, text, id } = (req.body ?? {}) as Record<string, string | undefined>;
  if (!from || text === undefined) return res.status(400).send('missing from or text');
  insert.run(randomUUID(), id ?? null, seal(from), seal(text), new Date().toISOString());
  res.status(200).type('text/plain').send('ok');
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('durable peer listening'));
