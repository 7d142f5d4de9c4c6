import twilio from 'twilio';
import { SendError, type OutboundRecipient, type SendOutcome, type SmsSender } from '../channel-types';
import { TWILIO_OPT_OUT_CODE } from './twilio-status';

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio posts status callbacks (PUBLIC_URL + /webhooks/twilio/status). */
  statusCallback?: string;
  /** Tests pass false: the SDK's keep-alive agent hangs under nock. */
  keepAlive?: boolean;
}

/** What a failed create() means for the dispatcher. */
export function twilioFailure(error: unknown): SendError {
  const e = error as { status?: number; code?: number; message?: string };
  if (typeof e.status !== 'number') return new SendError('network', `Twilio unreachable: ${e.message ?? 'unknown error'}`, true);
  const code = e.code ?? e.status;
  if (code === TWILIO_OPT_OUT_CODE) return new SendError('twilio_21610', 'recipient replied STOP', false, true);
  if (e.status === 429 || e.status >= 500) return new SendError(`twilio_${code}`, e.message ?? `HTTP ${e.status}`, true);
  if (e.status === 401) return new SendError('auth', 'Twilio rejected the credentials (TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)', false);
  return new SendError(`twilio_${code}`, e.message ?? `HTTP ${e.status}`, false);
}

/** Sends through the official SDK, one request per recipient (Twilio has no multi-recipient send). */
export function createTwilioSender(options: TwilioSenderOptions): SmsSender {
  const client = twilio(options.accountSid, options.authToken, { keepAlive: options.keepAlive ?? true, autoRetry: false });
  const sender = options.messagingServiceSid ? { messagingServiceSid: options.messagingServiceSid } : { from: options.from! };

  return {
    provider: 'twilio',
    maxBatch: 1,
    async send(text: string, recipients: OutboundRecipient[]): Promise<SendOutcome[]> {
      const outcomes: SendOutcome[] = [];
      for (const recipient of recipients) {
        try {
          const message = await client.messages.create({
            to: recipient.to,
            body: text,
            ...sender,
            ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}),
          });
          outcomes.push({ messageId: recipient.messageId, ok: true, providerMessageId: message.sid, providerStatus: message.status });
        } catch (error) {
          outcomes.push({ messageId: recipient.messageId, ok: false, error: twilioFailure(error) });
        }
      }
      return outcomes;
    },
  };
}
