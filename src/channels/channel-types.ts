import type { ChannelName } from '../config';
/** The shapes every channel folder speaks; nothing outside a channel folder knows a provider's field names. */

/** A channel's name (each channel folder adds its own: see ChannelNames in config.ts). */
export type ProviderName = ChannelName;

/** An inbound SMS, normalized. `from` is as the provider wrote it; the inbound service parses it. */
export interface InboundSms {
  provider: ProviderName;
  providerMessageId: string | null;
  from: string;
  to: string | null;
  text: string;
}

export type OutboundStatus = 'queued' | 'sent' | 'delivered' | 'failed';

/** A provider's word about one outbound message. `status` is null for a status we do not know. */
export interface DeliveryReport {
  provider: ProviderName;
  providerMessageId: string;
  status: OutboundStatus | null;
  providerStatus: string;
  failureReason: string | null;
  /** The person blocked us or replied STOP at the carrier: stop sending them anything non-essential. */
  optedOut: boolean;
  /** Whether sending again later could succeed (e.g. a handset that was off). */
  retryable: boolean;
}

/**
 * A send failure that carries its own decision: the dispatcher retries only when `retryable`, and
 * marks the contact opted out when `optedOut`.
 */
export class SendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly optedOut = false,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export interface OutboundRecipient {
  messageId: string;
  /** E.164 */
  to: string;
}

export type SendOutcome =
  | { messageId: string; ok: true; providerMessageId: string; providerStatus: string }
  | { messageId: string; ok: false; error: SendError };

export interface SmsSender {
  readonly provider: ProviderName;
  /** How many recipients of one identical text one request may carry. */
  readonly maxBatch: number;
  send(text: string, recipients: OutboundRecipient[]): Promise<SendOutcome[]>;
}

/** Form fields as body-parser gives them: strings, or arrays when a field was repeated. */
export type FormBody = Record<string, unknown>;

/** Parsing a provider's request: either the normalized value or a short reason for a 400. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A required, single-valued, non-empty form field. */
export function field(body: FormBody, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An optional field: absent or repeated gives the fallback. */
export function optionalField(body: FormBody, name: string, fallback = ''): string {
  const value = body[name];
  return typeof value === 'string' ? value : fallback;
}
