import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/area-directory';
import type { ProviderName } from '../channels/channel-types';
import type { PhoneVault } from '../contacts/phone-vault';
import { LANGUAGES, type Language } from '../config';
import { atomically, type Db } from '../db/client';
import { broadcasts, messages } from '../db/schema';
import type { Clock } from '../lib/clock';
import { newId, unambiguousCode } from '../lib/ids';
import type { Logger } from '../lib/logger';
import { audienceSchema, createAudienceWalker, type Audience } from './audience';
import { measureText, renderText, textFor, textsSchema, type BroadcastTexts, type TextMeasure } from './broadcast-texts';
import { PRIORITY, type Message } from '../outbox/outbox-repository';

export type BroadcastRow = typeof broadcasts.$inferSelect;
export type BroadcastStatus = BroadcastRow['status'];

export interface BroadcastInput {
  audience: Audience;
  texts: BroadcastTexts;
  /** The language whose text goes to people whose own language has none (default: DEFAULT_LANGUAGE if given, else the first). */
  fallbackLanguage?: Language;
  /** A rapid alert to an area: goes ahead of every bulk broadcast. */
  urgent?: boolean;
  /** Send later (ISO time); now when absent or past. */
  scheduledAt?: string;
}

/** A request the broadcaster cannot take, with the reason to show (422, or 409 for a wrong state). */
export class BroadcastError extends Error {
  constructor(
    readonly code: 'invalid_broadcast' | 'empty_audience' | 'wrong_state',
    message: string,
  ) {
    super(message);
    this.name = 'BroadcastError';
  }
}

export interface LanguagePreview extends TextMeasure {
  language: Language;
  recipients: number;
  /** The language of the text they get (the fallback when theirs has none). */
  textLanguage: Language;
  text: string;
}

export interface BroadcastPreview {
  recipients: number;
  languages: LanguagePreview[];
  areas: { code: string; name: string; recipients: number }[];
  totalSegments: number;
  estimatedCost: { amount: number; currency: string; pricePerSegment: number };
  /** Per channel (several channels: channels/routing.ts), largest first. */
  channels: { channel: ProviderName; recipients: number; segments: number; estimatedCost: number }[];
}

export const CONFIRMATION_MINUTES = 10;
/** Wrong codes after which an SMS-first broadcast is cancelled (a 6-digit code then holds against guessing). */
export const CONFIRM_MAX_ATTEMPTS = 3;
const ACTIVE: BroadcastStatus[] = ['awaiting_confirmation', 'scheduled', 'sending', 'paused'];

/**
 * Broadcasts: compose and preview, create (API, CLI, or SMS with a confirmation code), expand the
 * audience into outbox rows a page at a time (resumable after a crash: the cursor moves in the same
 * transaction as the rows it wrote, and rows are unique per broadcast and contact), and control.
 */
export function createBroadcastService(deps: {
  db: Db;
  areas: AreaDirectory;
  vault: PhoneVault;
  clock: Clock;
  logger: Logger;
  provider: ProviderName;
  /** The channel each recipient's row goes out on (several channels: channels/routing.ts). */
  channelFor?: (contact: { lastChannel: string | null; country: string | null }) => ProviderName;
  defaultLanguage: Language;
  pricePerSegment: number;
  currency: string;
}) {
  const { db, areas, vault, clock, logger, provider, defaultLanguage, channelFor } = deps;
  const sqlite = db.$client;
  const walker = createAudienceWalker({ db, areas, defaultLanguage });

  const insertRecipient = sqlite.prepare(
    `insert or ignore into messages (id, direction, channel, provider, contact_id, text_enc, status, priority, essential, attempts, encoding, segments, broadcast_id, created_at, updated_at)
     values (@id, 'out', 'sms', @provider, @contactId, @textEnc, @status, @priority, 0, 0, @encoding, @segments, @broadcastId, @now, @now)`,
  );
  // Prepared once: the runner asks some of these on every round.
  const byIdOrRef = db
    .select()
    .from(broadcasts)
    .where(or(eq(broadcasts.id, sql.placeholder('id')), eq(broadcasts.ref, sql.placeholder('ref'))))
    .prepare();
  const byIdempotencyKey = db.select().from(broadcasts).where(eq(broadcasts.idempotencyKey, sql.placeholder('key'))).prepare();
  const awaitingConfirmation = db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.confirmContactId, sql.placeholder('contactId')), eq(broadcasts.status, 'awaiting_confirmation')))
    .orderBy(desc(broadcasts.createdAt))
    .limit(1)
    .prepare();
  const expanding = and(inArray(broadcasts.status, ['sending', 'paused']), isNull(broadcasts.expandedAt));
  const nextToExpand = db.select().from(broadcasts).where(expanding).orderBy(desc(broadcasts.urgent), asc(broadcasts.createdAt)).limit(1).prepare();
  const dueToStart = and(eq(broadcasts.status, 'scheduled'), lte(broadcasts.scheduledAt, sql.placeholder('now')));
  const anyWork = db.select({ id: broadcasts.id }).from(broadcasts).where(or(expanding, dueToStart)).limit(1).prepare();
  const startDue = db
    .update(broadcasts)
    .set({ status: 'sending', startedAt: sql`${sql.placeholder('now')}`, updatedAt: sql`${sql.placeholder('now')}` })
    .where(dueToStart)
    .prepare();
  const expireUnconfirmed = db
    .update(broadcasts)
    .set({ status: 'expired', updatedAt: sql`${sql.placeholder('now')}` })
    .where(and(eq(broadcasts.status, 'awaiting_confirmation'), lte(broadcasts.confirmExpiresAt, sql.placeholder('now'))))
    .prepare();
  const fullyExpanded = db
    .select({ id: broadcasts.id })
    .from(broadcasts)
    .where(and(eq(broadcasts.status, 'sending'), isNotNull(broadcasts.expandedAt)))
    .prepare();
  const advanceCursor = sqlite.prepare('update broadcasts set expansion_cursor = @after, recipients = recipients + @inserted, expanded_at = @expandedAt, updated_at = @now where id = @id');
  const progressOf = sqlite.prepare('select status, count(*) as n, coalesce(sum(segments), 0) as segments from messages where broadcast_id = ? group by status');
  const failureReasonsOf = sqlite.prepare("select failure_reason as reason, count(*) as n from messages where broadcast_id = ? and status in ('failed', 'unknown') group by failure_reason");
  const hasUnsent = sqlite.prepare("select 1 from messages where broadcast_id = ? and status in ('queued', 'sending') limit 1").pluck();

  // One encryption per distinct text of a broadcast (its languages × target areas), not per recipient.
  const textCache = new Map<string, { textEnc: string; encoding: string; segments: number }>();
  function preparedText(broadcastId: string, text: string) {
    const key = `${broadcastId}\u0000${text}`;
    let prepared = textCache.get(key);
    if (!prepared) {
      if (textCache.size > 1000) textCache.clear();
      const { encoding, segments } = measureText(text);
      prepared = { textEnc: vault.encrypt(text), encoding, segments };
      textCache.set(key, prepared);
    }
    return prepared;
  }

  function find(idOrRef: string): BroadcastRow | undefined {
    return byIdOrRef.get({ id: idOrRef, ref: idOrRef.toUpperCase() });
  }

  /** Checks and completes an input: known areas, known placeholders, a fallback that has a text. */
  function validate(raw: unknown): Required<Omit<BroadcastInput, 'scheduledAt'>> & { scheduledAt: string | null } {
    const input = raw as Record<string, unknown>;
    const audience = audienceSchema.safeParse(input.audience);
    if (!audience.success) throw new BroadcastError('invalid_broadcast', issueText('audience', audience.error));
    const texts = textsSchema.safeParse(input.texts);
    if (!texts.success) throw new BroadcastError('invalid_broadcast', issueText('texts', texts.error));
    const unknown = audience.data.areas.filter((code) => !areas.get(code));
    if (unknown.length > 0) throw new BroadcastError('invalid_broadcast', `audience.areas: unknown area ${unknown.join(', ')}`);
    const given = Object.keys(texts.data) as Language[];
    const fallback = (input.fallbackLanguage ?? (given.includes(defaultLanguage) ? defaultLanguage : given[0])) as Language;
    if (!(LANGUAGES as readonly string[]).includes(fallback) || !texts.data[fallback]) {
      throw new BroadcastError('invalid_broadcast', `fallbackLanguage: needs a text in ${String(fallback)} (given: ${given.join(', ')})`);
    }
    if (input.urgent !== undefined && typeof input.urgent !== 'boolean') throw new BroadcastError('invalid_broadcast', 'urgent: true or false');
    let scheduledAt: string | null = null;
    if (input.scheduledAt !== undefined && input.scheduledAt !== null) {
      const at = typeof input.scheduledAt === 'string' && /^\d{4}-\d\d-\d\dT/.test(input.scheduledAt) ? Date.parse(input.scheduledAt) : NaN;
      if (Number.isNaN(at)) throw new BroadcastError('invalid_broadcast', 'scheduledAt: an ISO time such as 2026-12-01T06:00:00Z');
      scheduledAt = new Date(at).toISOString();
    }
    return { audience: audience.data, texts: texts.data, fallbackLanguage: fallback, urgent: input.urgent === true, scheduledAt };
  }

  function preview(raw: unknown): BroadcastPreview {
    const input = validate(raw);
    // Recipients per (language, target area, channel): texts differ only by the first two; cost by channel.
    const groups = new Map<string, { language: Language; targetCode: string; channel: ProviderName; count: number }>();
    walker.walk(input.audience, { now: clock.now() }, (recipients) => {
      for (const r of recipients) {
        const channel = channelFor ? channelFor(r) : provider;
        const key = `${r.language}|${r.target.code}|${channel}`;
        const group = groups.get(key);
        if (group) group.count += 1;
        else groups.set(key, { language: r.language, targetCode: r.target.code, channel, count: 1 });
      }
    });
    const byChannel = new Map<ProviderName, { channel: ProviderName; recipients: number; segments: number; estimatedCost: number }>();
    const languages = new Map<Language, LanguagePreview>();
    const byArea = new Map<string, number>();
    let recipients = 0;
    let totalSegments = 0;
    for (const group of [...groups.values()].sort((a, b) => b.count - a.count)) {
      const area = areas.get(group.targetCode)!;
      const { language: textLanguage, template } = textFor(input.texts, input.fallbackLanguage, group.language);
      // The ref is made only when the broadcast is: the preview shows a stand-in of the same length.
      const text = renderText(template, { area: area.name, ref: 'XXXXX' });
      const measure = measureText(text);
      recipients += group.count;
      totalSegments += group.count * measure.segments;
      byArea.set(area.code, (byArea.get(area.code) ?? 0) + group.count);
      const channel = byChannel.get(group.channel) ?? { channel: group.channel, recipients: 0, segments: 0, estimatedCost: 0 };
      channel.recipients += group.count;
      channel.segments += group.count * measure.segments;
      channel.estimatedCost = Math.round(channel.segments * deps.pricePerSegment * 100) / 100;
      byChannel.set(group.channel, channel);
      const known = languages.get(group.language);
      if (!known) languages.set(group.language, { language: group.language, recipients: group.count, textLanguage, text, ...measure });
      else {
        known.recipients += group.count;
        // The worst case of the language's texts (area names differ in length).
        if (measure.segments > known.segments) Object.assign(known, { text, ...measure });
      }
    }
    return {
      recipients,
      languages: [...languages.values()].sort((a, b) => b.recipients - a.recipients),
      areas: [...byArea.entries()].map(([code, count]) => ({ code, name: areas.get(code)!.name, recipients: count })),
      totalSegments,
      channels: [...byChannel.values()].sort((a, b) => b.recipients - a.recipients),
      estimatedCost: { amount: Math.round(totalSegments * deps.pricePerSegment * 100) / 100, currency: deps.currency, pricePerSegment: deps.pricePerSegment },
    };
  }

  /**
   * Creates a broadcast. With `confirmBy` it waits for that contact's "YES <code>" (SMS-first);
   * otherwise it starts at `scheduledAt` (now by default). A repeated `idempotencyKey` returns the
   * broadcast the first request made, unchanged.
   */
  function create(
    raw: unknown,
    meta: { source: 'api' | 'cli' | 'sms'; createdBy: string; idempotencyKey?: string; confirmBy?: string; previewRecipients?: number },
  ): { broadcast: BroadcastRow; replayed: boolean } {
    if (meta.idempotencyKey) {
      const earlier = byIdempotencyKey.get({ key: meta.idempotencyKey });
      if (earlier) return { broadcast: earlier, replayed: true };
    }
    const input = validate(raw);
    const now = clock.now();
    const scheduledAt = input.scheduledAt && input.scheduledAt > now.toISOString() ? input.scheduledAt : now.toISOString();
    const status: BroadcastStatus = meta.confirmBy ? 'awaiting_confirmation' : scheduledAt > now.toISOString() ? 'scheduled' : 'sending';
    const id = newId();
    // "B" and four keypad-safe characters (614,656 refs): a busy deployment draws one already taken now and
    // then (the unique index would refuse the broadcast), so draw again, as report refs do.
    let ref = `B${unambiguousCode(4)}`;
    while (byIdOrRef.get({ id: ref, ref })) ref = `B${unambiguousCode(4)}`;
    db.insert(broadcasts)
      .values({
        id,
        ref,
        status,
        urgent: input.urgent,
        audience: JSON.stringify(input.audience),
        texts: JSON.stringify(input.texts),
        fallbackLanguage: input.fallbackLanguage,
        source: meta.source,
        createdBy: meta.createdBy,
        confirmContactId: meta.confirmBy ?? null,
        confirmCode: meta.confirmBy ? String(randomInt(100_000, 1_000_000)) : null,
        confirmExpiresAt: meta.confirmBy ? new Date(now.getTime() + CONFIRMATION_MINUTES * 60_000).toISOString() : null,
        idempotencyKey: meta.idempotencyKey ?? null,
        previewRecipients: meta.previewRecipients ?? null,
        scheduledAt,
        startedAt: status === 'sending' ? now.toISOString() : null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .run();
    logger.info({ broadcast: id, source: meta.source, status }, 'broadcast created');
    return { broadcast: find(id)!, replayed: false };
  }

  function setStatus(id: string, status: BroadcastStatus, extra: Partial<Pick<BroadcastRow, 'startedAt' | 'scheduledAt' | 'cancelledAt' | 'finishedAt'>> = {}): void {
    db.update(broadcasts)
      .set({ status, updatedAt: clock.now().toISOString(), ...extra })
      .where(eq(broadcasts.id, id))
      .run();
  }

  /** Moves a broadcast's outbox rows that are in one of `from` to `to` (pause, resume, cancel). */
  function moveRows(broadcastId: string, from: Message['status'][], to: Message['status']): void {
    db.update(messages)
      .set({ status: to, updatedAt: clock.now().toISOString() })
      .where(and(eq(messages.broadcastId, broadcastId), inArray(messages.status, from)))
      .run();
  }

  function requireState(broadcast: BroadcastRow, allowed: BroadcastStatus[], action: string): void {
    if (!allowed.includes(broadcast.status)) throw new BroadcastError('wrong_state', `broadcast ${broadcast.ref} is ${broadcast.status}: it cannot be ${action}`);
  }

  /** Stops every unsent row at once; rows already handed to the provider finish as they will. */
  function cancel(broadcast: BroadcastRow): BroadcastRow {
    requireState(broadcast, ACTIVE, 'cancelled');
    atomically(db, () => {
      setStatus(broadcast.id, 'cancelled', { cancelledAt: clock.now().toISOString() });
      moveRows(broadcast.id, ['queued', 'held'], 'cancelled');
    });
    logger.info({ broadcast: broadcast.id }, 'broadcast cancelled');
    return find(broadcast.id)!;
  }

  function pause(broadcast: BroadcastRow): BroadcastRow {
    requireState(broadcast, ['scheduled', 'sending'], 'paused');
    atomically(db, () => {
      setStatus(broadcast.id, 'paused');
      moveRows(broadcast.id, ['queued'], 'held');
    });
    return find(broadcast.id)!;
  }

  function resume(broadcast: BroadcastRow): BroadcastRow {
    requireState(broadcast, ['paused'], 'resumed');
    atomically(db, () => {
      const now = clock.now().toISOString();
      const later = broadcast.scheduledAt > now && !broadcast.startedAt;
      setStatus(broadcast.id, later ? 'scheduled' : 'sending', { startedAt: broadcast.startedAt ?? now });
      moveRows(broadcast.id, ['held'], 'queued');
    });
    return find(broadcast.id)!;
  }

  /** SMS-first: the coordinator's "YES <code>". */
  function confirm(contactId: string, code: string): { outcome: 'confirmed'; broadcast: BroadcastRow } | { outcome: 'none' | 'wrong_code' | 'expired' | 'locked' } {
    const pending = awaitingConfirmation.get({ contactId });
    if (!pending) return { outcome: 'none' };
    const now = clock.now().toISOString();
    if (pending.confirmExpiresAt! <= now) {
      setStatus(pending.id, 'expired');
      return { outcome: 'expired' };
    }
    if (pending.confirmCode !== code) {
      // Guessing is stopped, not slowed: the third wrong code cancels the broadcast for good.
      const attempts = pending.confirmAttempts + 1;
      if (attempts >= CONFIRM_MAX_ATTEMPTS) {
        db.update(broadcasts).set({ confirmAttempts: attempts }).where(eq(broadcasts.id, pending.id)).run();
        setStatus(pending.id, 'cancelled', { cancelledAt: now });
        logger.warn({ broadcast: pending.id }, 'broadcast confirmation locked after wrong codes: cancelled');
        return { outcome: 'locked' };
      }
      db.update(broadcasts).set({ confirmAttempts: attempts, updatedAt: now }).where(eq(broadcasts.id, pending.id)).run();
      return { outcome: 'wrong_code' };
    }
    setStatus(pending.id, 'sending', { startedAt: now, scheduledAt: now });
    logger.info({ broadcast: pending.id }, 'broadcast confirmed by SMS');
    return { outcome: 'confirmed', broadcast: find(pending.id)! };
  }

  /** Scheduled broadcasts whose time has come start; unconfirmed ones past their window expire. */
  function activateDue(): number {
    const now = clock.now().toISOString();
    expireUnconfirmed.run({ now });
    return startDue.run({ now }).changes;
  }

  /**
   * Expands up to `pages` pages of contacts of one broadcast that is still expanding into outbox
   * rows. Each page is one transaction with the cursor, so a crash between pages loses nothing and a
   * page replayed after a crash inserts nothing twice. Returns the rows written (0 when none expands).
   */
  function expandStep(pages = 1, pageSize = 2000): number {
    const row = nextToExpand.get();
    if (!row) return 0;
    const audience = JSON.parse(row.audience) as Audience;
    const texts = JSON.parse(row.texts) as BroadcastTexts;
    let written = 0;
    let after = row.expansionCursor ?? '';
    for (let i = 0; i < pages; i++) {
      const finished = atomically(db, () => {
        const now = clock.now().toISOString();
        let inserted = 0;
        const done = walker.walk(audience, { now: new Date(row.startedAt ?? now), after, pageSize, maxPages: 1 }, (recipients, lastId) => {
          for (const r of recipients) {
            const { template } = textFor(texts, row.fallbackLanguage as Language, r.language);
            const text = preparedText(row.id, renderText(template, { area: r.target.name, ref: row.ref }));
            inserted += insertRecipient.run({
              id: newId(),
              provider: channelFor ? channelFor(r) : provider,
              contactId: r.contactId,
              textEnc: text.textEnc,
              status: row.status === 'paused' ? 'held' : 'queued',
              priority: row.urgent ? PRIORITY.urgentBroadcast : PRIORITY.bulk,
              encoding: text.encoding,
              segments: text.segments,
              broadcastId: row.id,
              now,
            }).changes;
          }
          after = lastId;
        });
        advanceCursor.run({ id: row.id, after, inserted, expandedAt: done ? now : null, now });
        written += inserted;
        return done;
      });
      if (finished) {
        logger.info({ broadcast: row.id }, 'broadcast audience expanded');
        break;
      }
    }
    return written;
  }

  /** Broadcasts fully expanded with nothing left to send are done. */
  function finishCompleted(): number {
    let finished = 0;
    for (const { id } of fullyExpanded.all()) {
      if (hasUnsent.get(id)) continue;
      setStatus(id, 'done', { finishedAt: clock.now().toISOString() });
      logger.info({ broadcast: id }, 'broadcast done');
      finished += 1;
    }
    return finished;
  }

  /** Progress and, once it is over, the summary: what reached whom, by status, never by person. */
  function describe(broadcast: BroadcastRow) {
    const counts = { queued: 0, held: 0, sending: 0, sent: 0, delivered: 0, failed: 0, unknown: 0, cancelled: 0 };
    let segments = 0;
    for (const { status, n, segments: s } of progressOf.all(broadcast.id) as { status: string; n: number; segments: number }[]) {
      if (status in counts) counts[status as keyof typeof counts] = n;
      segments += s;
    }
    const expanding = !broadcast.expandedAt && (broadcast.status === 'sending' || broadcast.status === 'paused');
    const over = broadcast.status === 'done' || broadcast.status === 'cancelled';
    return {
      id: broadcast.id,
      ref: broadcast.ref,
      status: broadcast.status,
      urgent: broadcast.urgent,
      source: broadcast.source,
      createdBy: broadcast.createdBy,
      audience: JSON.parse(broadcast.audience) as Audience,
      texts: JSON.parse(broadcast.texts) as BroadcastTexts,
      fallbackLanguage: broadcast.fallbackLanguage,
      scheduledAt: broadcast.scheduledAt,
      createdAt: broadcast.createdAt,
      startedAt: broadcast.startedAt,
      finishedAt: broadcast.finishedAt,
      cancelledAt: broadcast.cancelledAt,
      recipients: broadcast.recipients,
      expanding,
      progress: { ...counts, remaining: counts.queued + counts.held + counts.sending, segments },
      summary: over
        ? {
            recipients: broadcast.recipients,
            reached: counts.sent + counts.delivered,
            delivered: counts.delivered,
            failed: counts.failed,
            unknown: counts.unknown,
            notSent: counts.cancelled,
            reasons: Object.fromEntries((failureReasonsOf.all(broadcast.id) as { reason: string | null; n: number }[]).map((r) => [r.reason ?? 'unknown', r.n])),
          }
        : null,
    };
  }

  function list(limit = 50): BroadcastRow[] {
    return db.select().from(broadcasts).orderBy(desc(broadcasts.createdAt)).limit(limit).all();
  }

  /** Any broadcast with work for the runner (expanding, or due to start). */
  function hasWork(): boolean {
    return anyWork.get({ now: clock.now().toISOString() }) !== undefined;
  }

  return { preview, create, find, cancel, pause, resume, confirm, activateDue, expandStep, finishCompleted, describe, list, hasWork };
}

function issueText(field: string, error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return `${[field, ...issue.path.map(String)].join('.')}: ${issue.message}`;
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;
export type BroadcastView = ReturnType<BroadcastService['describe']>;
