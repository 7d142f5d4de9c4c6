import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hostname } from 'node:os';
import { EXIT, RefusalError } from '../config';

interface LockHolder {
  pid: number;
  since: string;
  host: string;
  purpose: string;
}

/** A process that exists and is not a zombie (a killed child not yet reaped is gone for our purpose). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/**
 * One writer per database: the gateway (and a key rotation) holds `<database>.lock` while it runs. A
 * second start is refused with who holds it and since when; a lock left by a process that no longer
 * runs (a crash, kill -9) is taken over. Returns the release function.
 */
export function acquireWriterLock(databasePath: string, purpose: string): () => void {
  if (databasePath === ':memory:') return () => {};
  const path = `${databasePath}.lock`;
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const mine: LockHolder = { pid: process.pid, since: new Date().toISOString(), host: hostname(), purpose };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
          if (holder.pid === process.pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: LockHolder | null;
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    } catch {
      holder = null; // unreadable or half-written: treated as stale
    }
    // Another host's process cannot be checked from here: its lock stands until removed by hand.
    if (holder && holder.pid !== process.pid && (holder.host !== mine.host || isRunning(holder.pid))) {
      throw new RefusalError(
        `Another ${holder.purpose} (PID ${holder.pid} on ${holder.host}, since ${holder.since}) is using ${databasePath}. Two writers on one database fail each other's requests: stop it first, or use another DATABASE_PATH. (If that process is gone, delete ${path}.)`,
        EXIT.tempFail,
      );
    }
    try {
      unlinkSync(path); // left by a process that is gone
    } catch {
      // someone else removed it first: try again
    }
  }
  throw new RefusalError(`Could not take the lock ${path}: another process keeps taking it.`, EXIT.tempFail);
}
