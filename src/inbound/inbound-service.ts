import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Config, Language } from '../config';
import type { InboundSms } from '../channels/channel-types';
import { canAutoReply, parseAddress, type Address } from '../contacts/phone-number';
import type { Contact, ContactRepository } from '../contacts/contact-repository';
import type { PhoneVault } from '../contacts/phone-vault';
import { atomically, type Db } from '../db/client';
import { messages } from '../db/schema';
import type { Content, ReplyKey } from '../flows/content';
import type { Clock } from '../lib/clock';
import { badRequest } from '../lib/errors';
import { newId } from '../lib/ids';
import type { LogFor, Logger } from '../lib/logger';
import type { Metrics } from '../ops/metrics';
import type { Outbox } from '../outbox/outbox-repository';
import type { SmsReporting } from '../sms/sms-reporting';
import { createKeywordMatcher } from './keyword-matcher';

/** People whose alerts, reminders and committee notices continue after STOP. */
const DUTY_ROLES = new Set(['member', 'chair', 'coordinator', 'monitor']);

/** A message without a provider id that repeats sender and text within this window is a replay. */
const DEDUPE_WINDOW_MS = 10_000;
/** The same text again from the same person within this window is stored but not answered nor reported twice. */
const REPEAT_WINDOW_MS = 5 * 60_000;
/** The window of SMS_REPLY_LIMIT: at most that many automatic replies to one number in it. */
const REPLY_LIMIT_WINDOW_MS = 30 * 60_000;

/**
 * `outbox`: the reply is queued and sent by the dispatcher (Africa's Talking).
 * `inband`: the reply is returned to be written into the webhook's answer (Twilio TwiML).
 */
export type ReplyMode = 'outbox' | 'inband';

export interface InboundResult {
  duplicate: boolean;
  messageId: string | null;
  /** The text to put in an in-band answer; null when nothing is to be said. */
  inbandReply: string | null;
}

export function createInboundService(deps: {
  db: Db;
  config: Pick<Config, 'DEFAULT_COUNTRY' | 'DEFAULT_LANGUAGE' | 'SMS_REPLY_LIMIT'>;
  contacts: ContactRepository;
  vault: PhoneVault;
  outbox: Outbox;
  content: Content;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  reporting: SmsReporting;
}) {
  const { db, config, contacts, vault, outbox, content, clock, logger, metrics, reporting } = deps;
  const matchKeyword = createKeywordMatcher(content.keywords);

  // Prepared once: these run on every inbound message.
  const byProviderId = db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.direction, 'in'), eq(messages.provider, sql.placeholder('provider')), eq(messages.providerMessageId, sql.placeholder('providerMessageId'))))
    .prepare();
  const sameTextSince = db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.contactId, sql.placeholder('contactId')),
        eq(messages.direction, 'in'),
        eq(messages.textHash, sql.placeholder('textHash')),
        gte(messages.createdAt, sql.placeholder('since')),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .prepare();
  const insertInbound = db
    .insert(messages)
    .values({
      id: sql.placeholder('id'),
      direction: 'in',
      channel: 'sms',
      provider: sql.placeholder('provider'),
      providerMessageId: sql.placeholder('providerMessageId'),
      contactId: sql.placeholder('contactId'),
      serviceAddress: sql.placeholder('serviceAddress'),
      textEnc: sql.placeholder('textEnc'),
      textHash: sql.placeholder('textHash'),
      processedAt: sql.placeholder('processedAt'),
      status: 'received',
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .prepare();

  const repliesSince = db.$client.prepare(
    "select count(*) from messages where contact_id = ? and direction = 'out' and in_reply_to is not null and created_at >= ?",
  );
  // Strictly earlier messages only: a later copy, already stored while this one waited to be read,
  // must not make this one "a repeat" (then neither would be answered).
  const sameTextBefore = db.$client.prepare(
    "select count(*) from messages where contact_id = ? and direction = 'in' and text_hash = ? and created_at >= ? and rowid < (select rowid from messages where id = ?)",
  );
  const pending = db.$client.prepare(
    "select id, contact_id as contactId, text_enc as textEnc, text_hash as textHash, provider, created_at as receivedAt from messages where direction = 'in' and processed_at is null order by created_at, rowid limit ?",
  );
  const markRead = db.$client.prepare('update messages set processed_at = ? where id = ?');

  function isReplay(sms: InboundSms, contactId: string, textHash: string): boolean {
    if (sms.providerMessageId) return !!byProviderId.get({ provider: sms.provider, providerMessageId: sms.providerMessageId });
    const since = new Date(clock.now().getTime() - DEDUPE_WINDOW_MS).toISOString();
    return !!sameTextSince.get({ contactId, textHash, since });
  }

  interface Stored {
    messageId: string;
    contact: Contact;
    address: Address;
    text: string;
    textHash: string;
    provider: InboundSms['provider'];
    receivedAt: string;
  }

  /**
   * What must happen before the webhook's 200, and nothing more: the sender known, a replay
   * recognised, the text encrypted and stored (call inside the webhook's commit). `read` marks it
   * read at once (Twilio's in-band answer); otherwise the inbound processor reads it next.
   */
  function store(sms: InboundSms, read: boolean): { duplicate: true } | { duplicate: false; stored: Stored } {
    const address = parseAddress(sms.from, config.DEFAULT_COUNTRY);
    if (!address) throw badRequest('sender is not a valid phone number, short code or sender id', 'invalid_sender');
    const { contact } = contacts.findOrCreate(address);
    const textHash = vault.lookupHash(sms.text);
    if (isReplay(sms, contact.id, textHash)) return { duplicate: true };
    // Replies and later messages go back through the channel they wrote in on (routing.ts).
    contacts.noteChannel(contact.id, sms.provider);
    const now = clock.now().toISOString();
    const messageId = newId();
    insertInbound.run({
      id: messageId,
      provider: sms.provider,
      providerMessageId: sms.providerMessageId,
      contactId: contact.id,
      serviceAddress: sms.to,
      textEnc: vault.encrypt(sms.text),
      textHash,
      processedAt: read ? now : null,
      now,
    });
    return { duplicate: false, stored: { messageId, contact, address, text: sms.text, textHash, provider: sms.provider, receivedAt: now } };
  }

  /** Reads a stored message: opt-out and opt-in, commands, reports, and the reply. Inside a transaction. */
  function read(message: Stored, replyMode: ReplyMode, log: LogFor): InboundResult {
    const { messageId, contact, address } = message;
    // Short codes and sender ids are machines: stored, never read as reports nor answered (an
    // auto-reply to them can start a loop that burns credit).
    if (!canAutoReply(address)) return { duplicate: false, messageId, inbandReply: null };

    // Opt-out and opt-in come first, before any other reading of the text.
    const keyword = matchKeyword(message.text);
    let reply: string;
    let language: Language;
    let receiptRef: string | undefined;
    if (keyword) {
      const optOut = keyword.intent === 'opt_out';
      contacts.setOptedOut(contact.id, optOut);
      // A text can end broadcasts and peace messages, never a committee duty: a forged STOP must not
      // silence alerts. Duties end only through import, API or CLI (see alerts: essential messages).
      const onDuty = optOut && DUTY_ROLES.has(contact.role);
      const replyKey: ReplyKey = optOut ? (onDuty ? 'opted_out_duty' : 'opted_out') : 'opted_in';
      language = (contact.language as Language | null) ?? keyword.language;
      reply = content.replies[replyKey][language];
    } else {
      // Someone resending the same text (no answer yet, a weak signal) makes one report, not several.
      const since = new Date(Date.parse(message.receivedAt) - REPEAT_WINDOW_MS).toISOString();
      if ((sameTextBefore.pluck().get(contact.id, message.textHash, since, messageId) as number) > 0) {
        log().info({ messageId }, 'same text again within minutes: stored, not answered');
        return { duplicate: false, messageId, inbandReply: null };
      }
      ({ reply, language, receiptRef } = reporting.handle(contact, address.value, message.text));
      // Cost and loop protection: past the limit, messages are still stored and read, but not answered.
      const windowStart = new Date(clock.now().getTime() - REPLY_LIMIT_WINDOW_MS).toISOString();
      if ((repliesSince.pluck().get(contact.id, windowStart) as number) >= config.SMS_REPLY_LIMIT) {
        log().warn({ messageId }, 'automatic reply limit reached for this number: not answered');
        return { duplicate: false, messageId, inbandReply: null };
      }
    }
    if (replyMode === 'inband') {
      outbox.recordInbandReply({ contactId: contact.id, provider: message.provider, text: reply, inReplyTo: messageId });
      return { duplicate: false, messageId, inbandReply: reply };
    }
    const queued = outbox.enqueueReply({ contactId: contact.id, part: { text: reply, language, receiptRef }, inReplyTo: messageId });
    if (queued.combined) log().info({ messageId, outboxId: queued.id }, 'reply folded into the one still waiting for this person');
    return { duplicate: false, messageId, inbandReply: null };
  }

  function counted<T extends { duplicate: boolean }>(result: T, provider: string, log: LogFor): T {
    metrics.messages.inc({ direction: 'in', channel: 'sms', status: result.duplicate ? 'duplicate' : 'received' });
    if (logger.isLevelEnabled('debug')) log().debug({ provider, duplicate: result.duplicate }, 'inbound sms');
    return result;
  }

  /**
   * The webhook's part (call inside its commit): stores the message once; the inbound processor reads
   * it after the 200. A replay of the same provider id changes nothing.
   */
  function storeSms(sms: InboundSms, log: LogFor = () => logger): { duplicate: boolean; messageId: string | null } {
    const outcome = store(sms, false);
    return counted({ duplicate: outcome.duplicate, messageId: outcome.duplicate ? null : outcome.stored.messageId }, sms.provider, log);
  }

  /**
   * Stores and reads an inbound SMS in one transaction, for an answer that must be in the webhook's
   * response (Twilio's TwiML).
   */
  function receiveSms(sms: InboundSms, replyMode: ReplyMode, log: LogFor = () => logger): InboundResult {
    const result = atomically(db, (): InboundResult => {
      const outcome = store(sms, true);
      return outcome.duplicate ? { duplicate: true, messageId: null, inbandReply: null } : read(outcome.stored, replyMode, log);
    });
    return counted(result, sms.provider, log);
  }

  /**
   * Reads up to `limit` stored messages, oldest first, each in its own savepoint and marked read in
   * the same transaction: after a crash the next run starts where this one stopped, and no message is
   * read twice. One that cannot be read is logged and marked, so that it never holds back the rest.
   */
  function processPending(limit: number, options: { until?: number } = {}): number {
    return atomically(db, () => {
      const rows = pending.all(limit) as { id: string; contactId: string; textEnc: string; textHash: string; provider: InboundSms['provider']; receivedAt: string }[];
      let done = 0;
      for (const row of rows) {
        // A time budget (performance.now()): the rest waits for the next slice.
        if (options.until !== undefined && done > 0 && performance.now() >= options.until) break;
        done += 1;
        try {
          atomically(db, () => {
            const contact = contacts.findById(row.contactId);
            // Erased while it waited: nothing left to read.
            if (!contact || contact.phoneEnc === '' || row.textEnc === '') return;
            const value = vault.decrypt(contact.phoneEnc);
            const address = (contact.kind === 'mobile' ? { kind: 'mobile', value, country: contact.country } : { kind: contact.kind, value }) as Address;
            read({ messageId: row.id, contact, address, text: vault.decrypt(row.textEnc), textHash: row.textHash, provider: row.provider, receivedAt: row.receivedAt }, 'outbox', () => logger);
          });
        } catch (error) {
          if (!db.$client.inTransaction) throw error;
          logger.error({ err: error, messageId: row.id }, 'inbound message could not be read; marked read so that it does not hold back the others');
        }
        markRead.run(clock.now().toISOString(), row.id);
      }
      return done;
    });
  }

  /** How many stored messages wait to be read (metrics, /healthz). */
  const waitingStatement = db.$client.prepare("select count(*) from messages where direction = 'in' and processed_at is null").pluck();
  const waiting = () => waitingStatement.get() as number;

  return { storeSms, receiveSms, processPending, waiting };
}

export type InboundService = ReturnType<typeof createInboundService>;
