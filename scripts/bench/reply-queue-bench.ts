/**
 * bench:replies — what one more reply costs to queue when the outbox is empty and when 50,000 replies
 * are already waiting (a provider down for an afternoon on a busy day). enqueueReply first looks for a
 * reply still waiting for the same person, to fold the new one into it; that look-up must stay one
 * index probe, not a walk over every queued reply. Target: ratio (backed up / empty) ≤ 1.5.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { atomically } from '../../src/db/client';
import { createGateway } from '../../src/gateway';
import { createServerLogger } from '../../src/lib/logger';

const BACKLOG = Number(process.env.BENCH_REPLY_BACKLOG ?? 50_000);
const MEASURED = 3_000;

export async function benchReplies(): Promise<Record<string, string | number>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replies-'));
  const gateway = createGateway(loadConfig({ ...process.env, DATABASE_PATH: join(dir, 'gateway.db'), SMS_PROVIDER: 'console' }), { logger: createServerLogger('warn') });
  const { contacts, outbox } = gateway.services;
  let next = 0;
  const newContact = () => contacts.findOrCreate({ kind: 'mobile', value: `+2547${String(10_000_000 + next++).padStart(8, '0')}`, country: 'KE' }).contact.id;
  /** µs per reply, each to someone with nothing waiting (the look-up's worst case: nothing to find). */
  function measure(): number {
    const people = Array.from({ length: MEASURED }, newContact);
    const started = performance.now();
    atomically(gateway.db, () => {
      for (const contactId of people) outbox.enqueueReply({ contactId, part: { text: 'Thank you. Report K7Q2M received.', language: 'en', receiptRef: 'K7Q2M' } });
    });
    return ((performance.now() - started) * 1000) / MEASURED;
  }
  try {
    measure(); // warm-up
    const empty = measure();
    atomically(gateway.db, () => {
      for (let i = 0; i < BACKLOG; i++) outbox.enqueueReply({ contactId: newContact(), part: { text: 'Thank you. Report K7Q2M received.', language: 'en', receiptRef: 'K7Q2M' } });
    });
    const backedUp = measure();
    const ratio = backedUp / empty;
    return [
      { bench: 'replies: queue one reply, outbox empty', 'µs/reply': empty.toFixed(1) },
      { bench: `replies: queue one reply, ${BACKLOG.toLocaleString('en')} replies waiting`, 'µs/reply': backedUp.toFixed(1) },
      { bench: 'replies: backed up / empty (target ≤ 1.5)', 'µs/reply': ratio.toFixed(2), verdict: ratio <= 1.5 ? 'met' : 'NOT MET' },
    ];
  } finally {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchReplies().then((rows) => console.table(rows));
}
