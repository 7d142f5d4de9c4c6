import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryReport, InboundSms, Parsed } from '../channel-types';

/** A signed webhook older (or newer) than this is refused: a captured request cannot be replayed later. */
export const ANDROID_SIGNATURE_MAX_AGE_SECONDS = 300;

/**
 * SMS Gateway for Android signs each webhook: `X-Signature` is the hex HMAC-SHA256, under the signing
 * key shown in the app, of the raw body followed by `X-Timestamp` (Unix seconds).
 */
export function verifyAndroidSignature(key: string, rawBody: Buffer, timestamp: string | undefined, signature: string | undefined, nowSeconds: number): 'ok' | 'missing' | 'stale' | 'invalid' {
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > ANDROID_SIGNATURE_MAX_AGE_SECONDS) return 'stale';
  const expected = createHmac('sha256', key).update(Buffer.concat([rawBody, Buffer.from(timestamp)])).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'invalid';
}

export type AndroidEvent = { kind: 'inbound'; sms: InboundSms } | { kind: 'delivery'; report: DeliveryReport } | { kind: 'ignored'; event: string };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * The app's webhook envelope: `{ id, webhookId, deviceId, event, payload }`. `sms:received` is an
 * inbound SMS (deduplicated by the event's `id`: the app's own messageId is a hash of the content and
 * is not unique); `sms:sent`, `sms:delivered` and `sms:failed` report on a message we sent (its
 * `messageId` is the id the send returned); anything else (`system:ping`) is acknowledged and ignored.
 */
export function parseAndroidEvent(body: unknown): Parsed<AndroidEvent> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'not a JSON object' };
  const envelope = body as Record<string, unknown>;
  const event = text(envelope.event);
  if (!event) return { ok: false, reason: 'missing event' };
  const payload = (typeof envelope.payload === 'object' && envelope.payload !== null ? envelope.payload : {}) as Record<string, unknown>;
  if (event === 'sms:received') {
    const from = text(payload.phoneNumber);
    if (!from) return { ok: false, reason: 'missing payload.phoneNumber' };
    const id = text(envelope.id) ?? null;
    return { ok: true, value: { kind: 'inbound', sms: { provider: 'android', providerMessageId: id, from, to: null, text: typeof payload.message === 'string' ? payload.message : '' } } };
  }
  if (event === 'sms:sent' || event === 'sms:delivered' || event === 'sms:failed') {
    const messageId = text(payload.messageId);
    if (!messageId) return { ok: false, reason: 'missing payload.messageId' };
    const failed = event === 'sms:failed';
    return {
      ok: true,
      value: {
        kind: 'delivery',
        report: {
          provider: 'android',
          providerMessageId: messageId,
          status: event === 'sms:sent' ? 'sent' : event === 'sms:delivered' ? 'delivered' : 'failed',
          providerStatus: event,
          failureReason: failed ? (text(payload.error) ?? 'failed') : null,
          optedOut: false,
          // The phone had no signal or credit: sending again later may work.
          retryable: failed,
        },
      },
    };
  }
  return { ok: true, value: { kind: 'ignored', event } };
}
