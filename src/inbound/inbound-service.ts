import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Config, Language } from '../config';
import type { InboundSms } from '../channels/channel-types';
import { canAutoReply, parseAddress } from '../contacts/phone-number';
import type { ContactRepository } from '../contacts/contact-repository';
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
      status: 'received',
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .prepare();

  const repliesSince = db.$client.prepare(
    "select count(*) from messages where contact_id = ? and direction = 'out' and in_reply_to is not null and created_at >= ?",
  );
  const sameTextBefore = db.$client.prepare(
    "select count(*) from messages where contact_id = ? and direction = 'in' and text_hash = ? and created_at >= ? and id <> ?",
  );

  function isReplay(sms: InboundSms, contactId: string, textHash: string): boolean {
    if (sms.providerMessageId) return !!byProviderId.get({ provider: sms.provider, providerMessageId: sms.providerMessageId });
    const since = new Date(clock.now().getTime() - DEDUPE_WINDOW_MS).toISOString();
    return !!sameTextSince.get({ contactId, textHash, since });
  }

  /**
   * Stores an inbound SMS exactly once and decides the answer, all in one transaction: after a 200
   * nothing is lost, and a replay of the same provider id changes nothing.
   */
  function receiveSms(sms: InboundSms, replyMode: ReplyMode, log: LogFor = () => logger): InboundResult {
    const address = parseAddress(sms.from, config.DEFAULT_COUNTRY);
    if (!address) throw badRequest('sender is not a valid phone number, short code or sender id', 'invalid_sender');

    const result = atomically(db, (): InboundResult => {
      const { contact } = contacts.findOrCreate(address);
      const textHash = vault.lookupHash(sms.text);
      if (isReplay(sms, contact.id, textHash)) return { duplicate: true, messageId: null, inbandReply: null };
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
        now,
      });

      // Short codes and sender ids are machines: stored, never read as reports nor answered (an
      // auto-reply to them can start a loop that burns credit).
      if (!canAutoReply(address)) return { duplicate: false, messageId, inbandReply: null };

      // Opt-out and opt-in come first, before any other reading of the text.
      const keyword = matchKeyword(sms.text);
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
        const since = new Date(clock.now().getTime() - REPEAT_WINDOW_MS).toISOString();
        if ((sameTextBefore.pluck().get(contact.id, textHash, since, messageId) as number) > 0) {
          log().info({ messageId }, 'same text again within minutes: stored, not answered');
          return { duplicate: false, messageId, inbandReply: null };
        }
        ({ reply, language, receiptRef } = reporting.handle(contact, address.value, sms.text));
        // Cost and loop protection: past the limit, messages are still stored and read, but not answered.
        const windowStart = new Date(clock.now().getTime() - REPLY_LIMIT_WINDOW_MS).toISOString();
        if ((repliesSince.pluck().get(contact.id, windowStart) as number) >= config.SMS_REPLY_LIMIT) {
          log().warn({ messageId }, 'automatic reply limit reached for this number: not answered');
          return { duplicate: false, messageId, inbandReply: null };
        }
      }
      if (replyMode === 'inband') {
        outbox.recordInbandReply({ contactId: contact.id, provider: sms.provider, text: reply, inReplyTo: messageId });
        return { duplicate: false, messageId, inbandReply: reply };
      }
      const queued = outbox.enqueueReply({ contactId: contact.id, part: { text: reply, language, receiptRef }, inReplyTo: messageId });
      if (queued.combined) log().info({ messageId, outboxId: queued.id }, 'reply folded into the one still waiting for this person');
      return { duplicate: false, messageId, inbandReply: null };
    });

    metrics.messages.inc({ direction: 'in', channel: 'sms', status: result.duplicate ? 'duplicate' : 'received' });
    if (logger.isLevelEnabled('debug')) log().debug({ provider: sms.provider, duplicate: result.duplicate, messageId: result.messageId }, 'inbound sms');
    return result;
  }

  return { receiveSms };
}

export type InboundService = ReturnType<typeof createInboundService>;
