import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { senderEvents } from '../db/schema';
import type { Clock } from '../lib/clock';

const HOUR_MS = 3_600_000;

/**
 * Report look-ups by ref (SMS STATUS, USSD "Check a report"), limited per sender: at most
 * `perHour` in any hour. Refs are five characters, so unlimited look-ups would let one phone walk
 * through them and learn which reports exist and how they stand.
 */
export function createLookupLimit(deps: { db: Db; clock: Clock; perHour: number }) {
  const { db, clock } = deps;
  const countSince = db
    .select({ n: sql<number>`count(*)` })
    .from(senderEvents)
    .where(and(eq(senderEvents.contactId, sql.placeholder('contactId')), eq(senderEvents.kind, 'status_lookup'), gte(senderEvents.at, sql.placeholder('since'))))
    .prepare();

  /** Records a look-up and answers true, or answers false (recording nothing) past the limit. */
  function allow(contactId: string): boolean {
    const now = clock.now();
    const since = new Date(now.getTime() - HOUR_MS).toISOString();
    if ((countSince.get({ contactId, since })?.n ?? 0) >= deps.perHour) return false;
    db.insert(senderEvents).values({ contactId, kind: 'status_lookup', at: now.toISOString() }).run();
    return true;
  }

  /** Drops events older than a day (run by the scheduler): they limit nothing any more. */
  function purge(): number {
    return db.delete(senderEvents).where(lt(senderEvents.at, new Date(clock.now().getTime() - 24 * HOUR_MS).toISOString())).run().changes;
  }

  return { allow, purge };
}

export type LookupLimit = ReturnType<typeof createLookupLimit>;
