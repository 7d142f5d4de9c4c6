import { PRIORITY } from './outbox-repository';

/**
 * How long a message that could not be handed over keeps being retried. Outages of hours are ordinary
 * where this gateway works: nothing is dropped after a number of attempts, only when it is no longer
 * worth sending (its deadline), and the delay between attempts stays bounded so that a provider that
 * comes back is used within minutes.
 */
export interface RetryPolicy {
  /** First delay; doubles each attempt. SEND_RETRY_BASE_SECONDS. */
  baseMs: number;
  /** Longest delay between two attempts. SEND_RETRY_MAX_SECONDS. */
  maxMs: number;
  /** Replies and notices: a day. */
  replyDeadlineMs: number;
  /** Broadcasts: BROADCAST_EXPIRY_HOURS after the row was made (when the broadcast was expanded). */
  broadcastDeadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, maxMs: 600_000, replyDeadlineMs: 24 * 3_600_000, broadcastDeadlineMs: 48 * 3_600_000 };

export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)), policy.maxMs);
}

/**
 * Why a message that failed again is given up, or null to retry it. Rapid alerts have no clock
 * deadline: they are retried for as long as their alert is open (nobody acknowledged it and the
 * report is not closed).
 */
export function giveUpReason(
  message: { priority: number; createdAt: string },
  now: Date,
  policy: RetryPolicy,
  alertStillOpen: () => boolean,
): string | null {
  if (message.priority === PRIORITY.alert) return alertStillOpen() ? null : 'alert closed before it could be sent';
  const deadline = message.priority >= PRIORITY.urgentBroadcast ? policy.broadcastDeadlineMs : policy.replyDeadlineMs;
  return now.getTime() - Date.parse(message.createdAt) >= deadline ? `not sent within ${Math.round(deadline / 3_600_000)} h` : null;
}
