import AfricasTalking from 'africastalking';
import { SendError, type OutboundRecipient, type SendOutcome, type SmsSender } from '../channel-types';
import { describeSendFailure, SEND_SUCCESS_CODES } from './at-status';
import { httpFailure } from '../http-failure';

interface AtRecipient {
  statusCode: number;
  status: string;
  number: string;
  messageId?: string;
  cost?: string;
}

interface AtSendAnswer {
  SMSMessageData?: { Message?: string; Recipients?: AtRecipient[] };
}

/** How an HTTP-level failure of the whole request reads as a send decision. */
function requestFailure(error: unknown): SendError {
  const response = (error as { response?: { status?: number } }).response;
  return httpFailure("Africa's Talking", response?.status, (error as Error).message, 'AT_USERNAME / AT_API_KEY');
}

/**
 * Sends through the official SDK: one request for up to 100 numbers of one identical text, in bulk
 * mode with `enqueue=1`. Each recipient succeeds or fails on its own.
 */
export function createAtSender(options: { username: string; apiKey: string; senderId?: string }): SmsSender {
  const sms = AfricasTalking({ username: options.username, apiKey: options.apiKey }).SMS;

  return {
    provider: 'africastalking',
    maxBatch: 100,
    async send(text: string, recipients: OutboundRecipient[]): Promise<SendOutcome[]> {
      let answer: AtSendAnswer;
      try {
        answer = (await sms.send({
          to: recipients.map((r) => r.to),
          message: text,
          enqueue: true,
          ...(options.senderId ? { from: options.senderId } : {}),
        })) as AtSendAnswer;
      } catch (error) {
        if (error instanceof Error && !('response' in error) && /phone number/i.test(error.message)) {
          // The SDK validates every number before sending: nothing went out.
          const failure = new SendError('invalid_number', error.message, false);
          return recipients.map((r) => ({ messageId: r.messageId, ok: false, error: failure }));
        }
        const failure = requestFailure(error);
        return recipients.map((r) => ({ messageId: r.messageId, ok: false, error: failure }));
      }
      const byNumber = new Map<string, AtRecipient>();
      for (const recipient of answer.SMSMessageData?.Recipients ?? []) byNumber.set(recipient.number, recipient);
      return recipients.map((r): SendOutcome => {
        const result = byNumber.get(r.to);
        if (!result) {
          return { messageId: r.messageId, ok: false, error: new SendError('no_recipient_result', answer.SMSMessageData?.Message ?? 'no answer for this number', false) };
        }
        if (SEND_SUCCESS_CODES.has(result.statusCode) && result.messageId) {
          return { messageId: r.messageId, ok: true, providerMessageId: result.messageId, providerStatus: result.status };
        }
        const { retryable, optedOut } = describeSendFailure(result.statusCode);
        return { messageId: r.messageId, ok: false, error: new SendError(`at_${result.statusCode}`, result.status, retryable, optedOut) };
      });
    },
  };
}
