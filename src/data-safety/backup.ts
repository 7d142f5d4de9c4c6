import Database from 'better-sqlite3';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { EXIT, RefusalError } from '../config';
import type { Db } from '../db/client';

export interface BackupSummary {
  file: string;
  bytes: number;
  reports: number;
  messages: number;
  contacts: number;
}

/**
 * A consistent copy of the database while the gateway runs: `VACUUM INTO` reads one snapshot (WAL
 * lets the gateway keep writing meanwhile) and writes it compacted, so that free pages (old values,
 * erased texts) are not copied. The copy is checked (`integrity_check`) and counted before it is
 * called good. It holds what the database holds: encrypted with PHONE_KEY, which is kept apart.
 */
export function backupDatabase(db: Db, file: string): BackupSummary {
  if (existsSync(file)) throw new RefusalError(`${file} exists: a backup never overwrites a file (choose a new name).`, EXIT.cantCreate);
  db.$client.prepare('vacuum into ?').run(file);
  chmodSync(file, 0o600);
  return checkBackup(file);
}

/** Opens a backup read-only: its integrity, and what it holds. Throws when it is not sound. */
export function checkBackup(file: string): BackupSummary {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new RefusalError(`${file} failed its integrity check: ${String(integrity)}`, EXIT.ioError);
    const count = (table: string) => copy.prepare(`select count(*) from ${table}`).pluck().get() as number;
    return { file, bytes: statSync(file).size, reports: count('reports'), messages: count('messages'), contacts: count('contacts') };
  } finally {
    copy.close();
  }
}
