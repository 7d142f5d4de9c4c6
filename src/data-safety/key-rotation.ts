import type { PhoneVault } from '../contacts/phone-vault';
import { atomically, type Db } from '../db/client';
import { EXIT, RefusalError } from '../config';
import { guardKey } from './key-guard';
import { createGatewayMeta, META } from './gateway-meta';

/**
 * Every column sealed with PHONE_KEY, and the keyed hashes computed from what they hold. Pseudonyms
 * are kept: they were issued once and are what coordinators quote (a new contact gets one from the
 * new key; a clash lengthens it). A USSD session forgets what was typed (its hash cannot be
 * recomputed): a caller mid-session when the gateway stopped goes on from their last entry.
 */
const SEALED: { table: string; sealed: string[]; rehash?: { column: string; from: string } }[] = [
  { table: 'contacts', sealed: ['phone_enc'], rehash: { column: 'phone_hash', from: 'phone_enc' } },
  { table: 'messages', sealed: ['text_enc', 'reply_parts_enc'], rehash: { column: 'text_hash', from: 'text_enc' } },
  { table: 'reports', sealed: ['description_enc'] },
  { table: 'report_notes', sealed: ['note_enc'] },
  { table: 'ussd_sessions', sealed: ['state_enc', 'last_response_enc'] },
];

const BATCH = 500;

interface RotationState {
  target: string;
  table: string;
  after: number;
}

export interface RotationProgress {
  table: string;
  done: number;
  total: number;
}

/**
 * Re-encrypts every sealed column and keyed hash from `from` to `to`, a batch per transaction with the
 * position stored in the same transaction: killed midway, it resumes where it stopped (run it again
 * with the same two keys). Until it is finished the gateway refuses to start; afterwards only the new
 * key opens the database. The gateway must be stopped (the caller holds the writer lock).
 */
export function rotateKey(db: Db, from: PhoneVault, to: PhoneVault, onProgress: (progress: RotationProgress) => void = () => {}): { rows: number } {
  const meta = createGatewayMeta(db);
  const target = to.fingerprint();
  if (target === from.fingerprint()) throw new RefusalError('PHONE_KEY_NEW is the same key as PHONE_KEY: nothing to rotate.', EXIT.config);
  let state = readState(meta.get(META.keyRotation));
  if (state && state.target !== target) {
    throw new RefusalError('A rotation to another PHONE_KEY_NEW was started and not finished: run it again with that key.', EXIT.config);
  }
  if (!state) {
    if (meta.get(META.keyFingerprint) === target) throw new RefusalError('This database is already on PHONE_KEY_NEW: start the gateway with PHONE_KEY set to it.', EXIT.config);
    guardKey(db, from); // the old key must be the database's key
    state = { target, table: SEALED[0]!.table, after: 0 };
    meta.set(META.keyRotation, JSON.stringify(state));
  }
  if (meta.get(META.keyFingerprint) !== from.fingerprint()) throw new RefusalError('PHONE_KEY is not the key this database was on when the rotation began.', EXIT.config);

  let rows = 0;
  for (let index = SEALED.findIndex((t) => t.table === state!.table); index < SEALED.length; index++) {
    const spec = SEALED[index]!;
    const after = spec.table === state.table ? state.after : 0;
    const total = db.$client.prepare(`select count(*) from ${spec.table}`).pluck().get() as number;
    const columns = [...spec.sealed, ...(spec.rehash ? [spec.rehash.column] : [])];
    const page = db.$client.prepare(`select rowid as rowid, ${columns.join(', ')} from ${spec.table} where rowid > ? order by rowid limit ${BATCH}`);
    const write = db.$client.prepare(`update ${spec.table} set ${columns.map((c) => `${c} = @${c}`).join(', ')}${spec.table === 'ussd_sessions' ? ", consumed_hash = '', consumed_length = 0" : ''} where rowid = @rowid`);
    const done = db.$client.prepare(`select count(*) from ${spec.table} where rowid <= ?`).pluck();
    let cursor = after;
    for (;;) {
      const batch = page.all(cursor) as Record<string, string | number | null>[];
      if (batch.length === 0) break;
      atomically(db, () => {
        for (const row of batch) {
          const next: Record<string, string | number | null> = { rowid: row.rowid! };
          for (const column of spec.sealed) next[column] = reseal(row[column] as string | null, from, to);
          if (spec.rehash) {
            const hash = row[spec.rehash.column];
            const plain = row[spec.rehash.from] as string | null;
            next[spec.rehash.column] = hash === null || hash === undefined || !plain ? (hash ?? null) : to.lookupHash(from.decrypt(plain));
          }
          write.run(next);
        }
        cursor = batch.at(-1)!.rowid as number;
        meta.set(META.keyRotation, JSON.stringify({ target, table: spec.table, after: cursor }));
      });
      rows += batch.length;
      onProgress({ table: spec.table, done: done.get(cursor) as number, total });
    }
    const nextTable = SEALED[index + 1];
    if (nextTable) {
      state = { target, table: nextTable.table, after: 0 };
      meta.set(META.keyRotation, JSON.stringify(state));
    }
  }
  atomically(db, () => {
    meta.set(META.keyFingerprint, target);
    meta.delete(META.keyRotation);
  });
  // The old ciphertexts must not linger in the write-ahead log or free pages.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  return { rows };
}

/** '' marks a value erased or purged: it stays ''. */
function reseal(sealed: string | null, from: PhoneVault, to: PhoneVault): string | null {
  if (sealed === null || sealed === '') return sealed;
  return to.encrypt(from.decrypt(sealed));
}

function readState(value: string | null): RotationState | null {
  return value ? (JSON.parse(value) as RotationState) : null;
}
