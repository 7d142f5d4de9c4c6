import { newId } from '../../lib/ids';
import type { SmsSender } from '../channel-types';

/**
 * The default provider: sends nothing. The outbound row in the database is the record; it is marked
 * sent with a `console-…` id so the whole pipeline (outbox, dispatcher, statuses) runs as in production.
 */
export function createConsoleSender(): SmsSender {
  return {
    provider: 'console',
    maxBatch: 100,
    async send(_text, recipients) {
      return recipients.map((r) => ({ messageId: r.messageId, ok: true as const, providerMessageId: `console-${newId()}`, providerStatus: 'recorded' }));
    },
  };
}
