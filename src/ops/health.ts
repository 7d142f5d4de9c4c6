import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db } from '../db/client';
import type { Clock } from '../lib/clock';

/** An alert waiting longer than this makes the gateway "degraded" (/healthz 503). */
export const ALERT_WAIT_DEGRADED_SECONDS = 60;
/** Below this much free space the database's next write may fail. */
export const DISK_LOW_BYTES = 64 * 1024 * 1024;
/** The dispatcher failing every round for this long is a reason. */
export const DISPATCHER_FAILING_MS = 60_000;

/**
 * What is wrong, for /healthz: each reason starts with the part it is about ("database:", "disk:",
 * "dispatcher:", "provider:", "outbox:", "alerts:"); an empty list when all is well. The database is
 * checked by writing (a read answers even when the disk is full or the file read-only).
 */
export function createHealthCheck(deps: {
  db: Db;
  databasePath: string;
  clock: Clock;
  outbox: { oldestAlertWaitSeconds(): number; quarantined(): number };
  /** Each channel's circuit (the outbox's dispatchers): ops sits below the outbox, so only this shape. */
  dispatcher: { circuits(): { provider: string; open: boolean; since: string | null; nextProbeAt: string | null }[]; failingSince(): number | null };
}) {
  const { db, clock } = deps;
  // A request that failed on the database recently: shown for a minute after the last one.
  let storageFailure: { code: string; at: number } | null = null;
  let probe: { run(...values: unknown[]): unknown } | null = null;

  function databaseReason(): string | null {
    try {
      probe ??= db.$client.prepare("insert into gateway_meta (name, value, updated_at) values ('health_probe', ?, ?) on conflict (name) do update set value = excluded.value, updated_at = excluded.updated_at");
      const now = clock.now().toISOString();
      probe.run(now, now);
      return null;
    } catch (error) {
      return `database: ${describe((error as { code?: string }).code ?? 'error')}`;
    }
  }

  function diskReason(): string | null {
    if (deps.databasePath === ':memory:') return null;
    try {
      const stats = statfsSync(dirname(resolve(deps.databasePath)));
      const free = stats.bavail * stats.bsize;
      return free < DISK_LOW_BYTES ? `disk: only ${Math.floor(free / 1_048_576)} MB free where the database is` : null;
    } catch {
      return null;
    }
  }

  function describe(code: string): string {
    if (code === 'SQLITE_FULL') return 'cannot be written, the disk is full';
    if (code.startsWith('SQLITE_READONLY')) return 'cannot be written, it is read-only';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'cannot be written, locked by another process';
    return `cannot be written (${code})`;
  }

  function reasons(): string[] {
    const found: string[] = [];
    const database = databaseReason();
    if (database) return [database];
    if (storageFailure && clock.now().getTime() - storageFailure.at < 60_000) {
      return [`database: ${describe(storageFailure.code)} (requests failed, the last at ${new Date(storageFailure.at).toISOString()})`];
    }
    const disk = diskReason();
    if (disk) found.push(disk);
    const failingSince = deps.dispatcher.failingSince();
    if (failingSince !== null && clock.now().getTime() - failingSince >= DISPATCHER_FAILING_MS) {
      found.push(`dispatcher: every round has failed since ${new Date(failingSince).toISOString()}`);
    }
    for (const circuit of deps.dispatcher.circuits()) {
      if (circuit.open) found.push(`provider: ${circuit.provider} has failed every request since ${circuit.since}; probing, next at ${circuit.nextProbeAt}`);
    }
    const quarantined = deps.outbox.quarantined();
    if (quarantined > 0) found.push(`outbox: ${quarantined} messages quarantined (cannot be decrypted or built; see GET /api/messages)`);
    const waited = deps.outbox.oldestAlertWaitSeconds();
    if (waited > ALERT_WAIT_DEGRADED_SECONDS) found.push(`alerts: the oldest rapid alert has waited ${Math.round(waited)} s to be sent`);
    return found;
  }

  return {
    reasons,
    storageFailed(code: string): void {
      storageFailure = { code, at: clock.now().getTime() };
    },
  };
}
