import type { OutboundStatus } from '../channel-types';

const STATUS: Record<string, OutboundStatus> = {
  queued: 'queued',
  accepted: 'queued',
  scheduled: 'queued',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

export function mapTwilioStatus(status: string): OutboundStatus | null {
  return STATUS[status] ?? null;
}

/** 21610: the recipient replied STOP; Twilio will refuse every further message to them. */
export const TWILIO_OPT_OUT_CODE = 21610;
/** Error codes after which a later attempt may succeed (handset off, queue full, carrier hiccup). */
const RETRYABLE_CODES = new Set([30001, 30003, 30008, 30009, 21611]);

export function isRetryableTwilioCode(code: number | null): boolean {
  return code !== null && RETRYABLE_CODES.has(code);
}
