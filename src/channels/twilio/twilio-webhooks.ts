import type { RequestHandler } from 'express';
import twilio from 'twilio';
import { field, optionalField, type DeliveryReport, type FormBody, type InboundSms, type Parsed } from '../channel-types';
import { isRetryableTwilioCode, mapTwilioStatus, TWILIO_OPT_OUT_CODE } from './twilio-status';

export function parseTwilioInboundSms(body: FormBody): Parsed<InboundSms> {
  const from = field(body, 'From');
  if (!from) return { ok: false, reason: 'missing From' };
  return {
    ok: true,
    value: {
      provider: 'twilio',
      providerMessageId: field(body, 'MessageSid') ?? field(body, 'SmsMessageSid') ?? null,
      from,
      to: field(body, 'To') ?? null,
      text: optionalField(body, 'Body'),
    },
  };
}

export function parseTwilioStatus(body: FormBody): Parsed<DeliveryReport> {
  const sid = field(body, 'MessageSid') ?? field(body, 'SmsSid');
  const status = field(body, 'MessageStatus') ?? field(body, 'SmsStatus');
  if (!sid) return { ok: false, reason: 'missing MessageSid' };
  if (!status) return { ok: false, reason: 'missing MessageStatus' };
  const errorCode = field(body, 'ErrorCode');
  const code = errorCode && /^\d+$/.test(errorCode) ? Number(errorCode) : null;
  return {
    ok: true,
    value: {
      provider: 'twilio',
      providerMessageId: sid,
      status: mapTwilioStatus(status),
      providerStatus: status,
      failureReason: errorCode ?? null,
      optedOut: code === TWILIO_OPT_OUT_CODE,
      retryable: isRetryableTwilioCode(code),
    },
  };
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** The in-band reply: one <Message>, or an empty <Response/> when nothing is to be said. */
export function twiml(reply: string | null): string {
  if (reply === null) return EMPTY_TWIML;
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(reply)}</Message></Response>`;
}

/**
 * Checks `X-Twilio-Signature` over PUBLIC_URL + the path and query as received, and every posted
 * field (Twilio adds fields without notice). The URL comes from PUBLIC_URL, never from the request,
 * because behind a TLS proxy the server itself sees plain http. Without TWILIO_AUTH_TOKEN the Twilio
 * routes do not exist at all (app.ts), so there is no unchecked path.
 */
export function requireTwilioSignature(authToken: string, publicUrl: string): RequestHandler {
  const base = publicUrl.replace(/\/+$/, '');
  return (req, res, next) => {
    const signature = req.get('x-twilio-signature');
    if (!signature) {
      res.status(403).type('text/plain').send('forbidden: missing X-Twilio-Signature');
      return;
    }
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (!twilio.validateRequest(authToken, signature, base + req.originalUrl, params)) {
      res.status(403).type('text/plain').send('forbidden: invalid X-Twilio-Signature');
      return;
    }
    next();
  };
}
