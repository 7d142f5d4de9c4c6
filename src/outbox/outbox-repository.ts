import { and, asc, eq, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { ProviderName } from '../channels/channel-types';
import type { PhoneVault } from '../contacts/phone-vault';
import { atomically as inTransaction, type Db } from '../db/client';
import { contacts, messages } from '../db/schema';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { measureSms } from './segments';

export type Message = typeof messages.$inferSelect;
export type MessageStatus = Message['status'];

/**
 * Lanes, lowest first; within a lane, oldest first. Rapid alerts and escalations leave before
 * anything else, then replies to a person's own message, then notices (status news, reminders,
 * digests), then urgent broadcasts, then bulk broadcasts.
 */
export const PRIORITY = { alert: 0, reply: 1, notice: 2, urgentBroadcast: 3, bulk: 4 } as const;
export const LANES = ['alert', 'reply', 'notice', 'urgentBroadcast', 'bulk'] as const;

/** How far along a message is; a status only ever moves to a higher rank. */
const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 0,
  held: 0,
  sending: 1,
  unknown: 1,
  sent: 2,
  delivered: 3,
  failed: 3,
  cancelled: 3,
  quarantined: 3,
};

export function isForwardMove(from: MessageStatus, to: MessageStatus): boolean {
  return STATUS_RANK[to] > STATUS_RANK[from];
}

/**
 * One reply to a person, as the combiner needs it: its text, its language, and the report ref when it
 * is a plain receipt (several receipts read better as one list of refs than as repeated sentences).
 */
export interface ReplyPart {
  text: string;
  language: string;
  receiptRef?: string;
}

/** Builds one SMS from the replies waiting for one person (see sms/combined-reply.ts). */
export type ReplyCombiner = (parts: ReplyPart[]) => string;

/** A combined reply may grow to what a phone still shows as one message (a concatenated SMS). */
export const MAX_COMBINED_REPLY_SEGMENTS = 3;

export interface ClaimedMessage {
  id: string;
  contactId: string;
  to: string;
  contactKind: 'mobile' | 'shortcode' | 'alphanumeric';
  optedOut: boolean;
  essential: boolean;
  attempts: number;
  text: string;
  segments: number;
  /** Its lane (PRIORITY) and when it was made: what the retry deadline depends on. */
  priority: number;
  createdAt: string;
}

/** How many provider requests a claim may fill, and how many recipients of one text one request carries. */
export interface RequestShape {
  maxRequests: number;
  maxBatch: number;
}

/** What the provider's rate allows this cycle (see rate-limiter.ts). */
export interface SegmentBudget {
  available: number;
  /** Nothing in the rate window: one message longer than the whole rate may go alone. */
  idle: boolean;
}

/**
 * The transactional outbox. Rows are written by the change that causes them (inside its
 * transaction) and later claimed by the dispatcher.
 */
export function createOutbox(deps: {
  db: Db;
  vault: PhoneVault;
  clock: Clock;
  /** The channel of every row, when there is one; with several, `channelFor` chooses per person. */
  provider: ProviderName;
  channelFor?: (contact: { lastChannel: string | null; country: string | null }) => ProviderName;
  /** Every configured channel, the first the default (it also sends rows of a channel since removed). */
  channels?: readonly ProviderName[];
  combineReplies?: ReplyCombiner;
  onQuarantined?: (id: string, what: string) => void;
}) {
  const { db, vault, clock, provider, onQuarantined } = deps;
  const channels: readonly ProviderName[] = deps.channels ?? [provider];
  const routeOf = db.$client.prepare('select last_channel as lastChannel, country from contacts where id = ?');
  /** The channel a message to this person goes out on. */
  function channelOf(contactId: string): ProviderName {
    if (!deps.channelFor) return provider;
    const contact = routeOf.get(contactId) as { lastChannel: string | null; country: string | null } | undefined;
    return contact ? deps.channelFor(contact) : provider;
  }
  const combineReplies: ReplyCombiner = deps.combineReplies ?? ((parts) => [...new Set(parts.map((p) => p.text))].join('\n'));

  // Prepared once: the outbox is on the path of every reply and every broadcast recipient.
  const insertQueued = db
    .insert(messages)
    .values({
      id: sql.placeholder('id'),
      direction: 'out',
      provider: sql.placeholder('provider'),
      contactId: sql.placeholder('contactId'),
      textEnc: sql.placeholder('textEnc'),
      status: 'queued',
      priority: sql.placeholder('priority'),
      essential: sql.placeholder('essential'),
      inReplyTo: sql.placeholder('inReplyTo'),
      encoding: sql.placeholder('encoding'),
      segments: sql.placeholder('segments'),
      replyPartsEnc: sql.placeholder('replyPartsEnc'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .prepare();
  const dueRows = db
    .select({
      id: messages.id,
      contactId: messages.contactId,
      textEnc: messages.textEnc,
      essential: messages.essential,
      attempts: messages.attempts,
      segments: messages.segments,
      priority: messages.priority,
      createdAt: messages.createdAt,
      phoneEnc: contacts.phoneEnc,
      contactKind: contacts.kind,
      optedOutAt: contacts.optedOutAt,
    })
    .from(messages)
    .innerJoin(contacts, eq(contacts.id, messages.contactId))
    .where(
      and(
        eq(messages.status, 'queued'),
        eq(messages.direction, 'out'),
        or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, sql.placeholder('now'))),
        // This channel's rows; the first channel also takes rows of a channel no longer configured.
        or(eq(messages.provider, sql.placeholder('provider')), and(eq(sql.placeholder('catchAll'), 1), notInArray(messages.provider, [...channels]))),
      ),
    )
    .orderBy(asc(messages.priority), asc(messages.createdAt))
    .limit(sql.placeholder('limit'))
    .prepare();
  const dueFor = (channel: ProviderName, now: string, limit: number) => dueRows.all({ now, limit, provider: channel, catchAll: channel === channels[0] ? 1 : 0 });
  const markSending = db
    .update(messages)
    // Once claimed, a reply can no longer take others in: its parts are no longer needed.
    .set({ status: 'sending', attempts: sql`${messages.attempts} + 1`, replyPartsEnc: null, updatedAt: sql`${sql.placeholder('now')}` })
    .where(eq(messages.id, sql.placeholder('id')))
    .prepare();
  const markSentStatement = db
    .update(messages)
    .set({ status: 'sent', providerMessageId: sql`${sql.placeholder('providerMessageId')}`, providerStatus: sql`${sql.placeholder('providerStatus')}`, sentAt: sql`${sql.placeholder('now')}`, updatedAt: sql`${sql.placeholder('now')}` })
    .where(and(eq(messages.id, sql.placeholder('id')), eq(messages.status, 'sending')))
    .prepare();

  function enqueue(input: { contactId: string; text: string; priority?: number; essential?: boolean; inReplyTo?: string }): string {
    const id = newId();
    const { encoding, segments } = measureSms(input.text);
    insertQueued.run({
      id,
      provider: channelOf(input.contactId),
      contactId: input.contactId,
      textEnc: vault.encrypt(input.text),
      priority: input.priority ?? PRIORITY.notice,
      essential: input.essential ? 1 : 0,
      inReplyTo: input.inReplyTo ?? null,
      encoding,
      segments,
      replyPartsEnc: null,
      now: clock.now().toISOString(),
    });
    return id;
  }

  // The newest reply to this person that no dispatcher has claimed yet (only such rows keep their parts).
  const waitingReply = db.$client.prepare(
    // INDEXED BY: without statistics SQLite prefers the lane index (two equalities) and walks every
    // queued reply, so a backed-up outbox made each new reply slower than the last.
    `select id, reply_parts_enc as replyPartsEnc from messages indexed by messages_waiting_reply where contact_id = ? and direction = 'out' and status = 'queued' and priority = ${PRIORITY.reply} and reply_parts_enc is not null order by created_at desc limit 1`,
  );
  const foldIntoWaiting = db.$client.prepare(
    "update messages set text_enc = @textEnc, encoding = @encoding, segments = @segments, reply_parts_enc = @replyPartsEnc, updated_at = @now where id = @id and status = 'queued'",
  );

  /**
   * A reply to a person's own message. When an earlier reply to them is still waiting (inbound has
   * outrun the provider), this one is folded into it: one combined SMS, not a stream, as long as it
   * fits MAX_COMBINED_REPLY_SEGMENTS; otherwise it waits as a row of its own. Returns the row it is in.
   * Runs inside the caller's transaction, so a dispatcher cannot claim the row halfway.
   */
  function enqueueReply(input: { contactId: string; part: ReplyPart; inReplyTo?: string }): { id: string; combined: boolean } {
    const waiting = waitingReply.get(input.contactId) as { id: string; replyPartsEnc: string } | undefined;
    if (waiting) {
      const parts = [...(JSON.parse(vault.decrypt(waiting.replyPartsEnc)) as ReplyPart[]), input.part];
      const text = combineReplies(parts);
      const { encoding, segments } = measureSms(text);
      if (segments <= MAX_COMBINED_REPLY_SEGMENTS) {
        const folded = foldIntoWaiting.run({ id: waiting.id, textEnc: vault.encrypt(text), encoding, segments, replyPartsEnc: vault.encrypt(JSON.stringify(parts)), now: clock.now().toISOString() });
        if (folded.changes === 1) return { id: waiting.id, combined: true };
      }
    }
    const id = newId();
    const { encoding, segments } = measureSms(input.part.text);
    insertQueued.run({
      id,
      provider: channelOf(input.contactId),
      contactId: input.contactId,
      textEnc: vault.encrypt(input.part.text),
      priority: PRIORITY.reply,
      essential: 1,
      inReplyTo: input.inReplyTo ?? null,
      encoding,
      segments,
      replyPartsEnc: vault.encrypt(JSON.stringify([input.part])),
      now: clock.now().toISOString(),
    });
    return { id, combined: false };
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
   * Takes up to `limit` due rows, highest lane first, as many as fit the segment budget and (with
   * `shape`) form at most `maxRequests` provider requests of up to `maxBatch` identical texts, and
   * marks them `sending` in the same transaction, so that a crash leaves them recognizable as in
   * flight (see recoverInFlight). Rows left out stay queued for the next claim.
   */
  function claimDue(limit: number, budget: SegmentBudget = { available: Infinity, idle: true }, shape?: RequestShape, channel: ProviderName = channels[0]!): ClaimedMessage[] {
    // Every row costs at least one segment: never read more rows than the budget could pay for.
    const fetch = Math.min(limit, budget.idle ? Math.max(1, budget.available) : budget.available);
    if (fetch <= 0) return [];
    return inTransaction(db, () => {
      const now = clock.now().toISOString();
      const claimed: ClaimedMessage[] = [];
      for (const r of pick(dueFor(channel, now, fetch), budget, shape)) {
        const to = unseal(r.id, r.phoneEnc, 'phone number');
        if (to === null) continue;
        markSending.run({ id: r.id, now });
        claimed.push({
          id: r.id,
          contactId: r.contactId,
          to,
          contactKind: r.contactKind,
          optedOut: r.optedOutAt !== null,
          essential: r.essential,
          attempts: r.attempts + 1,
          text: r.text,
          segments: r.segments ?? 1,
          priority: r.priority,
          createdAt: r.createdAt,
        });
      }
      return claimed;
    });
  }

  const quarantine = db.$client.prepare("update messages set status = 'quarantined', failure_reason = ?, failure_retryable = 0, updated_at = ? where id = ?");

  /**
   * Decrypts one value of a due row; a row whose value cannot be decrypted (corrupt, or sealed with
   * another key) is quarantined with the reason instead of holding back every message after it.
   */
  function unseal(id: string, sealed: string, what: string): string | null {
    try {
      return vault.decrypt(sealed);
    } catch (error) {
      quarantine.run(`cannot decrypt the ${what}: ${(error as Error).message}`, clock.now().toISOString(), id);
      onQuarantined?.(id, what);
      return null;
    }
  }

  /**
   * In lane order: stops at the first row the segment budget cannot pay for (a lower lane never
   * overtakes a higher one on the rate), and skips a row that would need one request more than
   * `shape` allows (a later row with the text of an open request may still join it). Texts are
   * decrypted only for the rows looked at.
   */
  function pick<T extends { id: string; segments: number | null; textEnc: string }>(rows: T[], budget: SegmentBudget, shape?: RequestShape): (T & { text: string })[] {
    let used = 0;
    let requests = 0;
    const perText = new Map<string, number>();
    const out: (T & { text: string })[] = [];
    for (const row of rows) {
      const segments = row.segments ?? 1;
      if (used + segments > budget.available) {
        // One message longer than the whole rate may go alone when nothing else is in the window.
        const alone = out.length === 0 && budget.idle ? unseal(row.id, row.textEnc, 'text') : null;
        if (alone !== null) out.push({ ...row, text: alone });
        break;
      }
      const text = unseal(row.id, row.textEnc, 'text');
      if (text === null) continue;
      if (shape) {
        const count = perText.get(text) ?? 0;
        const opensRequest = count % shape.maxBatch === 0;
        if (opensRequest && requests >= shape.maxRequests) continue;
        if (opensRequest) requests += 1;
        perText.set(text, count + 1);
      }
      used += segments;
      out.push({ ...row, text });
    }
    return out;
  }

  /** Segments of the next due message (what the dispatcher waits for when the budget is short). */
  function nextDueSegments(channel: ProviderName = channels[0]!): number | null {
    const [row] = dueFor(channel, clock.now().toISOString(), 1);
    return row ? (row.segments ?? 1) : null;
  }

  function markSent(id: string, providerMessageId: string, providerStatus: string): void {
    markSentStatement.run({ id, providerMessageId, providerStatus, now: clock.now().toISOString() });
  }

  function markFailed(id: string, reason: string, retryable: boolean): void {
    db.update(messages)
      .set({ status: 'failed', failureReason: reason, failureRetryable: retryable, updatedAt: clock.now().toISOString() })
      .where(eq(messages.id, id))
      .run();
  }

  const alertOpen = db.$client
    .prepare(
      "select count(*) from alert_recipients ar join alerts a on a.id = ar.alert_id join reports r on r.id = a.report_id where ar.message_id = ? and a.status != 'acknowledged' and r.status not in ('resolved', 'rejected')",
    )
    .pluck();
  const isAlertRecipient = db.$client.prepare('select count(*) from alert_recipients where message_id = ?').pluck();
  /** Whether a rapid alert's message is still worth sending: its alert open, its report not closed. */
  function alertStillOpen(messageId: string): boolean {
    if ((isAlertRecipient.get(messageId) as number) === 0) return true; // an alert-lane message of another kind
    return (alertOpen.get(messageId) as number) > 0;
  }

  /**
   * After an outage, what was held back is due at once, so that it goes in lane order (alerts first)
   * instead of in the order its retries happened to be scheduled. Returns how many.
   */
  const releaseHeldBack = db.$client.prepare("update messages set next_attempt_at = ? where status = 'queued' and direction = 'out' and failure_retryable = 1 and next_attempt_at > ?");
  function retryHeldBackNow(): number {
    const now = clock.now().toISOString();
    return releaseHeldBack.run(now, now).changes;
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
  function recoverInFlight(channel?: ProviderName): number {
    return db
      .update(messages)
      .set({ status: 'unknown', failureReason: 'in flight during a restart', updatedAt: clock.now().toISOString() })
      .where(
        and(
          eq(messages.direction, 'out'),
          eq(messages.status, 'sending'),
          // One channel's rows (the first's include those of channels no longer configured); none given: all.
          channel ? or(eq(messages.provider, channel), channel === channels[0] ? notInArray(messages.provider, [...channels]) : undefined) : undefined,
        ),
      )
      .run().changes;
  }

  const quarantinedCount = db.$client.prepare("select count(*) from messages where status = 'quarantined'").pluck();
  /** Rows set aside because they could not be decrypted or built (shown by /healthz and /metrics). */
  function quarantined(): number {
    return quarantinedCount.get() as number;
  }

  function queueDepth(): number {
    return db.$client.prepare("select count(*) as n from messages where direction = 'out' and status in ('queued', 'sending')").pluck().get() as number;
  }

  const waitingByLane = db.$client.prepare("select priority, count(*) as n from messages where status = 'queued' and direction = 'out' group by priority");
  const oldestWaitingAlert = db.$client.prepare(`select min(created_at) from messages where status = 'queued' and direction = 'out' and priority = ${PRIORITY.alert}`).pluck();

  /** Messages waiting to be handed over, per lane (every lane present, 0 when empty). */
  function queueDepthByLane(): Record<(typeof LANES)[number], number> {
    const depth = Object.fromEntries(LANES.map((lane) => [lane, 0])) as Record<(typeof LANES)[number], number>;
    for (const row of waitingByLane.all() as { priority: number; n: number }[]) {
      const lane = LANES[row.priority];
      if (lane) depth[lane] += row.n;
    }
    return depth;
  }

  /** How long the oldest rapid alert still waiting has waited, in seconds (0 when none waits). */
  function oldestAlertWaitSeconds(): number {
    const oldest = oldestWaitingAlert.get() as string | null;
    return oldest ? Math.max(0, (clock.now().getTime() - Date.parse(oldest)) / 1000) : 0;
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
    return inTransaction(db, work);
  }

  return { atomically, enqueue, enqueueReply, recordInbandReply, claimDue, nextDueSegments, markSent, markFailed, scheduleRetry, alertStillOpen, retryHeldBackNow, recoverInFlight, quarantined, queueDepth, queueDepthByLane, oldestAlertWaitSeconds, findOutboundByProviderId };
}

export type Outbox = ReturnType<typeof createOutbox>;
