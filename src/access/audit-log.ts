import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import type { Clock } from '../lib/clock';

/** Append-only record of privacy-relevant acts: number reveals, status changes, token creation. */
export function createAuditLog(deps: { db: Db; clock: Clock }) {
  return {
    record(entry: { actor: string; action: string; subject?: string; detail?: string }): void {
      deps.db
        .insert(auditLog)
        .values({ at: deps.clock.now().toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject ?? null, detail: entry.detail ?? null })
        .run();
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
