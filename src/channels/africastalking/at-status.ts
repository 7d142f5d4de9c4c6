import type { OutboundStatus } from '../channel-types';

/** Delivery-report statuses. `Success` here means delivered to the handset (unlike in a send answer). */
const DELIVERY_STATUS: Record<string, OutboundStatus> = {
  Sent: 'sent',
  Submitted: 'sent',
  Buffered: 'sent',
  Success: 'delivered',
  Failed: 'failed',
  Rejected: 'failed',
  // Undocumented but met in production by other gateways.
  Expired: 'failed',
};

export function mapDeliveryStatus(status: string): OutboundStatus | null {
  return DELIVERY_STATUS[status] ?? null;
}

/** Failure reasons that mean the person does not want our messages. */
export function isOptOutReason(reason: string | null): boolean {
  return reason === 'UserInBlackList';
}

/** Failure reasons where a later attempt can succeed. */
export function isRetryableReason(reason: string | null): boolean {
  return reason === 'InsufficientCredit' || reason === 'DeliveryFailure' || reason === 'UserIsInactive';
}

/** Per-recipient status codes in a send answer. */
export const SEND_SUCCESS_CODES = new Set([100, 101, 102]);
const RETRYABLE_SEND_CODES = new Set([405, 500, 501, 502]);
const OPT_OUT_SEND_CODES = new Set([406, 409]);

export function describeSendFailure(statusCode: number): { retryable: boolean; optedOut: boolean } {
  return { retryable: RETRYABLE_SEND_CODES.has(statusCode), optedOut: OPT_OUT_SEND_CODES.has(statusCode) };
}
