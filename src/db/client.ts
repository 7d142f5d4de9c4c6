import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(__dirname, '../../migrations');

export interface OpenOptions {
  synchronous?: 'NORMAL' | 'FULL';
}

/**
 * Opens (creating the folder if needed) the SQLite file with the pragmas the gateway relies on:
 * WAL so readers never block the webhook writers, foreign keys on, and a busy timeout so that the CLI
 * and the server can share the file.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    ownerOnly(path);
  }
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A 16 MB page cache, no memory-mapped I/O: mapped pages of a large database count towards the
  // process's memory, and a million-recipient broadcast must stay well under 300 MB (bench:broadcast).
  sqlite.pragma('cache_size = -16384');
  sqlite.pragma('mmap_size = 0');
  sqlite.pragma('temp_store = MEMORY');
  // Deleted and overwritten content is zeroed, not left in free pages: an erased number or a purged
  // text must not be recoverable from the file.
  sqlite.pragma('secure_delete = ON');
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * The database holds every report: readable by its owner only. Created 0600 (SQLite gives its -wal
 * and -shm files the database file's mode); an existing file from before is tightened.
 */
function ownerOnly(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch {
      // absent, not ours, or a read-only file system: opening says what matters
    }
  }
}

/** Applies the committed drizzle-kit migrations; a second run on the same file changes nothing. */
export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

const transactionRunners = new WeakMap<Database.Database, Database.Transaction<(work: () => unknown) => unknown>>();

/**
 * Runs `work` in a transaction (a savepoint when already inside one). One better-sqlite3 transaction
 * function is kept per connection: creating one per call, as `db.transaction` does, prepares its
 * BEGIN/COMMIT/SAVEPOINT statements again every time, which costs more than a small write itself.
 */
export function atomically<T>(db: Db, work: () => T): T {
  let runner = transactionRunners.get(db.$client);
  if (!runner) {
    runner = db.$client.transaction((fn: () => unknown) => fn());
    transactionRunners.set(db.$client, runner);
  }
  // IMMEDIATE: the write lock is taken at BEGIN, so a transaction never fails midway with SQLITE_BUSY
  // on upgrading from reader to writer (nested calls are savepoints, as before).
  return runner.immediate(work) as T;
}
