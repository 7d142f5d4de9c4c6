import type { SendOutcome, SmsSender } from '../channels/channel-types';
import type { ContactRepository } from '../contacts/contact-repository';
import { createBackgroundLoop } from '../lib/background-loop';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../ops/metrics';
import type { ClaimedMessage, Outbox } from './outbox-repository';
import type { RateLimiter } from './rate-limiter';

export interface DispatcherOptions {
  /**
   * Rows claimed (and so in flight) per cycle: at most one provider batch by default (100 for
   * Africa's Talking), so a crash leaves at most that many rows `unknown`.
   */
  batchSize?: number;
  /** Pause between cycles when the outbox is empty. */
  idleMs?: number;
  maxAttempts?: number;
}

/** 30 s, 2 min, 8 min, … capped at an hour: a handset that was off gets its message when it is back. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Drains the outbox through the configured sender: claims due rows (replies and alerts first),
 * groups identical texts into provider batches, and records each outcome. Decisions come only from
 * the typed SendError: retry later, give up, or mark the person opted out.
 */
export function createDispatcher(
  deps: {
    outbox: Outbox;
    sender: SmsSender;
    contacts: ContactRepository;
    clock: Clock;
    logger: Logger;
    metrics: Metrics;
    rateLimiter?: RateLimiter;
    /** Told, inside the transaction that marked them, of messages that failed for good (alerts escalate). */
    messagesFailed?: (messageIds: string[]) => void;
  },
  options: DispatcherOptions = {},
) {
  const { outbox, sender, contacts, clock, logger, metrics, rateLimiter } = deps;
  // Twilio takes one recipient per request: a few claimed at a time keeps the in-flight set small.
  const batchSize = options.batchSize ?? (sender.maxBatch > 1 ? sender.maxBatch : 10);
  const idleMs = options.idleMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 5;

  function count(status: string) {
    metrics.messages.inc({ direction: 'out', channel: 'sms', status });
  }

  async function sendGroup(text: string, group: ClaimedMessage[]): Promise<void> {
    // Counted when handed over, so the window matches what the provider sees.
    rateLimiter?.record(group.reduce((sum, m) => sum + m.segments, 0));
    const outcomes = await sender.send(text, group.map((m) => ({ messageId: m.id, to: m.to })));
    const byId = new Map(group.map((m) => [m.id, m]));
    outbox.atomically(() => recordOutcomes(outcomes, byId));
  }

  function recordOutcomes(outcomes: SendOutcome[], byId: Map<string, ClaimedMessage>): void {
    const failed: string[] = [];
    for (const outcome of outcomes) {
      const message = byId.get(outcome.messageId)!;
      if (outcome.ok) {
        outbox.markSent(outcome.messageId, outcome.providerMessageId, outcome.providerStatus);
        count('sent');
        continue;
      }
      const { error } = outcome;
      if (error.optedOut) contacts.setOptedOut(message.contactId, true);
      if (error.retryable && message.attempts < maxAttempts) {
        outbox.scheduleRetry(message.id, error.code, new Date(clock.now().getTime() + retryDelayMs(message.attempts)));
        count('retry');
      } else {
        outbox.markFailed(message.id, error.code, error.retryable);
        failed.push(message.id);
        count('failed');
      }
      logger.warn({ provider: sender.provider, code: error.code, retryable: error.retryable, optedOut: error.optedOut, messageId: message.id }, 'send failed');
    }
    if (failed.length > 0) deps.messagesFailed?.(failed);
  }

  /** One cycle; returns how many rows it handled (0 also when the provider's rate is used up). */
  async function runOnce(): Promise<number> {
    const budget = rateLimiter ? { available: rateLimiter.available(), idle: rateLimiter.idle() } : undefined;
    const claimed = outbox.claimDue(batchSize, budget);
    const groups = outbox.atomically(() => groupSendable(claimed));
    for (const [text, group] of groups) {
      for (let i = 0; i < group.length; i += sender.maxBatch) await sendGroup(text, group.slice(i, i + sender.maxBatch));
    }
    return claimed.length;
  }

  /** Drops what must not be sent (machines, people who opted out) and groups identical texts. */
  function groupSendable(claimed: ClaimedMessage[]): Map<string, ClaimedMessage[]> {
    const groups = new Map<string, ClaimedMessage[]>();
    const failed: string[] = [];
    for (const message of claimed) {
      const refusal = message.contactKind !== 'mobile' ? 'not_a_mobile_number' : message.optedOut && !message.essential ? 'opted_out' : null;
      if (refusal) {
        outbox.markFailed(message.id, refusal, false);
        failed.push(message.id);
        continue;
      }
      const group = groups.get(message.text) ?? [];
      group.push(message);
      groups.set(message.text, group);
    }
    if (failed.length > 0) deps.messagesFailed?.(failed);
    return groups;
  }

  /**
   * How long to pause after a cycle that sent nothing: until the rate window has room for the next
   * due message, or the idle pause when nothing is due.
   */
  function pauseMs(): number {
    const next = rateLimiter ? outbox.nextDueSegments() : null;
    if (next === null) return idleMs;
    return Math.min(idleMs, Math.max(1, rateLimiter!.waitMs(next)));
  }

  const worker = createBackgroundLoop({
    name: 'dispatcher cycle',
    logger,
    step: async () => ((await runOnce()) > 0 ? 0 : pauseMs()),
    pauseAfterErrorMs: idleMs,
  });

  return {
    runOnce,
    pauseMs,
    start(): void {
      if (worker.isRunning()) return; // (recovering now would take this loop's own sends for a crash's)
      const recovered = outbox.recoverInFlight();
      if (recovered > 0) logger.warn({ recovered }, 'messages in flight at the last stop marked unknown');
      worker.start();
    },
    /** Nudges an idle loop so a fresh reply goes out now instead of after the idle pause. */
    poke: worker.poke,
    stop: worker.stop,
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
