import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { ProviderName } from '../channels/channel-types';
import type { PhoneVault } from '../contacts/phone-vault';
import type { Db } from '../db/client';
import { contacts, messages } from '../db/schema';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { measureSms } from './segments';

export type Message = typeof messages.$inferSelect;
export type MessageStatus = Message['status'];

/** Lanes: replies and rapid alerts before ordinary notices before bulk broadcasts. */
export const PRIORITY = { reply: 0, notice: 1, bulk: 2 } as const;

/** How far along a message is; a status only ever moves to a higher rank. */
const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 0,
  sending: 1,
  unknown: 1,
  sent: 2,
  delivered: 3,
  failed: 3,
};

export function isForwardMove(from: MessageStatus, to: MessageStatus): boolean {
  return STATUS_RANK[to] > STATUS_RANK[from];
}

export interface ClaimedMessage {
  id: string;
  contactId: string;
  to: string;
  contactKind: 'mobile' | 'shortcode' | 'alphanumeric';
  optedOut: boolean;
  essential: boolean;
  attempts: number;
  text: string;
}

/**
 * The transactional outbox. Rows are written by the change that causes them (inside its
 * transaction) and later claimed by the dispatcher.
 */
export function createOutbox(deps: { db: Db; vault: PhoneVault; clock: Clock; provider: ProviderName }) {
  const { db, vault, clock, provider } = deps;

  function enqueue(input: { contactId: string; text: string; priority?: number; essential?: boolean; inReplyTo?: string }): string {
    const now = clock.now().toISOString();
    const id = newId();
    const { encoding, segments } = measureSms(input.text);
    db.insert(messages)
      .values({
        id,
        direction: 'out',
        provider,
        contactId: input.contactId,
        textEnc: vault.encrypt(input.text),
        status: 'queued',
        priority: input.priority ?? PRIORITY.notice,
        essential: input.essential ?? false,
        inReplyTo: input.inReplyTo ?? null,
        encoding,
        segments,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    return id;
  }

  /** A reply already carried in the webhook's own answer (TwiML): recorded as sent, never dispatched. */
  function recordInbandReply(input: { contactId: string; provider: ProviderName; text: string; inReplyTo: string }): string {
    const now = clock.now().toISOString();
    const id = newId();
    const { encoding, segments } = measureSms(input.text);
    db.insert(messages)
      .values({
        id,
        direction: 'out',
        provider: input.provider,
        contactId: input.contactId,
        textEnc: vault.encrypt(input.text),
        status: 'sent',
        providerStatus: 'in-band reply',
        priority: PRIORITY.reply,
        essential: true,
        inReplyTo: input.inReplyTo,
        encoding,
        segments,
        sentAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    return id;
  }

  /**
   * Takes up to `limit` due rows, highest lane first, and marks them `sending` in the same
   * transaction, so that a crash leaves them recognizable as in flight (see recoverInFlight).
   */
  function claimDue(limit: number): ClaimedMessage[] {
    return db.transaction(() => {
      const now = clock.now().toISOString();
      const rows = db
        .select({
          id: messages.id,
          contactId: messages.contactId,
          textEnc: messages.textEnc,
          essential: messages.essential,
          attempts: messages.attempts,
          phoneEnc: contacts.phoneEnc,
          contactKind: contacts.kind,
          optedOutAt: contacts.optedOutAt,
        })
        .from(messages)
        .innerJoin(contacts, eq(contacts.id, messages.contactId))
        .where(and(eq(messages.status, 'queued'), eq(messages.direction, 'out'), or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, now))))
        .orderBy(asc(messages.priority), asc(messages.createdAt))
        .limit(limit)
        .all();
      if (rows.length === 0) return [];
      db.update(messages)
        .set({ status: 'sending', attempts: sql`${messages.attempts} + 1`, updatedAt: now })
        .where(inArray(messages.id, rows.map((r) => r.id)))
        .run();
      return rows.map((r) => ({
        id: r.id,
        contactId: r.contactId,
        to: vault.decrypt(r.phoneEnc),
        contactKind: r.contactKind,
        optedOut: r.optedOutAt !== null,
        essential: r.essential,
        attempts: r.attempts + 1,
        text: vault.decrypt(r.textEnc),
      }));
    });
  }

  function markSent(id: string, providerMessageId: string, providerStatus: string): void {
    const now = clock.now().toISOString();
    db.update(messages)
      .set({ status: 'sent', providerMessageId, providerStatus, sentAt: now, updatedAt: now })
      .where(and(eq(messages.id, id), eq(messages.status, 'sending')))
      .run();
  }

  function markFailed(id: string, reason: string, retryable: boolean): void {
    db.update(messages)
      .set({ status: 'failed', failureReason: reason, failureRetryable: retryable, updatedAt: clock.now().toISOString() })
      .where(eq(messages.id, id))
      .run();
  }

  function scheduleRetry(id: string, reason: string, at: Date): void {
    db.update(messages)
      .set({ status: 'queued', failureReason: reason, failureRetryable: true, nextAttemptAt: at.toISOString(), updatedAt: clock.now().toISOString() })
      .where(eq(messages.id, id))
      .run();
  }

  /**
   * After a crash, rows still `sending` may or may not have reached the provider. They become
   * `unknown`: never resent (no one gets a message twice), and reported as such.
   */
  function recoverInFlight(): number {
    return db
      .update(messages)
      .set({ status: 'unknown', failureReason: 'in flight during a restart', updatedAt: clock.now().toISOString() })
      .where(and(eq(messages.direction, 'out'), eq(messages.status, 'sending')))
      .run().changes;
  }

  function queueDepth(): number {
    return db.$client.prepare("select count(*) as n from messages where direction = 'out' and status in ('queued', 'sending')").pluck().get() as number;
  }

  function findOutboundByProviderId(providerName: ProviderName, providerMessageId: string): Message | undefined {
    return db
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'out'), eq(messages.provider, providerName), eq(messages.providerMessageId, providerMessageId)))
      .get();
  }

  /** Runs several outbox updates as one transaction (one commit for a whole provider batch). */
  function atomically<T>(work: () => T): T {
    return db.transaction(work);
  }

  return { atomically, enqueue, recordInbandReply, claimDue, markSent, markFailed, scheduleRetry, recoverInFlight, queueDepth, findOutboundByProviderId };
}

export type Outbox = ReturnType<typeof createOutbox>;
