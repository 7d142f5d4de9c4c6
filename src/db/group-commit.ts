import { atomically, type Db } from './client';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: webhook writes that arrive in the same turn of the event loop are committed in one
 * SQLite transaction, each in its own savepoint so that one failure rolls back only itself. Callers
 * get their result only after the commit, so a 200 still means "stored"; the commit cost (the
 * expensive part of a small write) is shared by everyone in the batch.
 */
export function createGroupCommit(db: Db, options: { maxBatch?: number } = {}) {
  // Small enough that a burst of hops is answered in several quick commits rather than one long one.
  const maxBatch = options.maxBatch ?? 32;
  const pending: Pending[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = pending.splice(0, maxBatch);
    if (pending.length > 0) schedule();
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      atomically(db, () => {
        for (const item of batch) {
          try {
            results.push({ ok: true, value: atomically(db, item.work) });
          } catch (error) {
            // Disk full, I/O error, busy: SQLite may have rolled back the whole transaction, not just
            // this savepoint. Then the batch is lost as a whole (the rest must not run in autocommit).
            if (!db.$client.inTransaction) throw error;
            results.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of this batch is stored, and every caller hears so.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => (results[i]!.ok ? item.resolve(results[i]!.value) : item.reject(results[i]!.value)));
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /** Runs `work` (synchronous database code) in the next group transaction; resolves after commit. */
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}

export type GroupCommit = ReturnType<typeof createGroupCommit>;
