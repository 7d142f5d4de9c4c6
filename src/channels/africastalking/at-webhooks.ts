import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { field, optionalField, type DeliveryReport, type FormBody, type InboundSms, type Parsed } from '../channel-types';
import { isOptOutReason, isRetryableReason, mapDeliveryStatus } from './at-status';

export function parseAtInboundSms(body: FormBody): Parsed<InboundSms> {
  const from = field(body, 'from');
  if (!from) return { ok: false, reason: 'missing from' };
  return {
    ok: true,
    value: {
      provider: 'africastalking',
      providerMessageId: field(body, 'id') ?? null,
      from,
      to: field(body, 'to') ?? null,
      text: optionalField(body, 'text'),
    },
  };
}

export function parseAtDeliveryReport(body: FormBody): Parsed<DeliveryReport> {
  const id = field(body, 'id');
  const status = field(body, 'status');
  if (!id) return { ok: false, reason: 'missing id' };
  if (!status) return { ok: false, reason: 'missing status' };
  const failureReason = field(body, 'failureReason') ?? null;
  return {
    ok: true,
    value: {
      provider: 'africastalking',
      providerMessageId: id,
      status: mapDeliveryStatus(status),
      providerStatus: status,
      failureReason,
      optedOut: isOptOutReason(failureReason),
      retryable: isRetryableReason(failureReason),
    },
  };
}

/** How the AT routes are guarded: the shared token, or (development with the console provider only) nothing. */
export type AtDoor = { webhookToken: string } | { openForSimulators: true };

/**
 * Africa's Talking signs nothing, so its callbacks carry a shared secret in the URL (`?token=`).
 * Only a development gateway on the console provider, without AT_WEBHOOK_TOKEN, skips it (see webhookDoors).
 */
export function requireAtToken(door: AtDoor): RequestHandler {
  const expectedBytes = 'webhookToken' in door ? Buffer.from(door.webhookToken) : null;
  return (req, res, next) => {
    if (!expectedBytes) return next();
    const given = typeof req.query.token === 'string' ? Buffer.from(req.query.token) : Buffer.alloc(0);
    if (given.length === expectedBytes.length && timingSafeEqual(given, expectedBytes)) return next();
    res.status(403).type('text/plain').send('forbidden: missing or wrong token');
  };
}
