import type { SendOutcome, SmsSender } from '../channels/channel-types';
import type { ContactRepository } from '../contacts/contact-repository';
import { createBackgroundLoop } from '../lib/background-loop';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../ops/metrics';
import type { ClaimedMessage, Outbox } from './outbox-repository';
import type { RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, giveUpReason, retryDelayMs, type RetryPolicy } from './retry-policy';

export interface DispatcherOptions {
  /**
   * Rows handed to the provider and not yet answered, at most: one provider batch or one row per
   * request slot, whichever is larger (100 for Africa's Talking, 32 for Twilio). A crash leaves at
   * most this many rows `unknown`: the broadcaster's crash-safety promise.
   */
  maxInFlightRows?: number;
  /**
   * Provider requests in flight at once. Texts that differ (every receipt and alert has its own ref)
   * each need a request: at 100 segments/s and a 200 ms round trip, about 20 keep the rate busy.
   */
  maxInFlightRequests?: number;
  /** Pause between cycles when the outbox is empty. */
  idleMs?: number;
  /** Retry delays and deadlines (SEND_RETRY_*, BROADCAST_EXPIRY_HOURS). */
  retry?: RetryPolicy;
  /** Requests in a row that fail entirely with a retryable error before the circuit opens. */
  circuitThreshold?: number;
}

/** Enough for a 200 ms provider at 100 segments/s with room to spare; the rate limiter bounds the rest. */
export const DEFAULT_MAX_IN_FLIGHT_REQUESTS = 32;

export const DEFAULT_CIRCUIT_THRESHOLD = 5;

/** The provider as the dispatcher sees it: open means every request failed lately and only probes go. */
export interface CircuitState {
  /** The channel this circuit is about. */
  provider: string;
  open: boolean;
  /** When the provider started failing every request (ISO), while open. */
  since: string | null;
  /** When the next probe may go (ISO), while open. */
  nextProbeAt: string | null;
  consecutiveFailures: number;
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
  const maxRequests = options.maxInFlightRequests ?? DEFAULT_MAX_IN_FLIGHT_REQUESTS;
  const maxRows = options.maxInFlightRows ?? Math.max(sender.maxBatch, maxRequests);
  let rowsInFlight = 0;
  const inFlight = new Set<Promise<void>>();
  const idleMs = options.idleMs ?? 250;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const circuitThreshold = options.circuitThreshold ?? DEFAULT_CIRCUIT_THRESHOLD;

  // Circuit breaker: after `circuitThreshold` requests in a row that failed entirely with retryable
  // errors (network, 5xx, 429), the provider is down: nothing is claimed (no attempts burnt) except one
  // probe row at growing intervals (SEND_RETRY_BASE … MAX). The first probe that succeeds closes it,
  // and everything held back becomes due at once, in lane order: alerts first.
  let consecutiveFailures = 0;
  let openSince: Date | null = null;
  let nextProbeAt: Date | null = null;
  let probeDelayMs = retry.baseMs;

  function noteRequest(outcomes: SendOutcome[]): void {
    const downAll = outcomes.length > 0 && outcomes.every((o) => !o.ok && o.error.retryable);
    if (!downAll) {
      if (openSince) {
        logger.info({ provider: sender.provider, downSince: openSince.toISOString() }, 'provider answers again: circuit closed, held-back messages due now');
        const due = outbox.retryHeldBackNow();
        if (due > 0) logger.info({ due }, 'messages held back by the outage are due');
      }
      consecutiveFailures = 0;
      openSince = null;
      nextProbeAt = null;
      probeDelayMs = retry.baseMs;
      return;
    }
    consecutiveFailures += 1;
    if (openSince) {
      probeDelayMs = Math.min(probeDelayMs * 2, retry.maxMs);
      nextProbeAt = new Date(clock.now().getTime() + probeDelayMs);
    } else if (consecutiveFailures >= circuitThreshold) {
      openSince = clock.now();
      nextProbeAt = new Date(openSince.getTime() + probeDelayMs);
      logger.warn({ provider: sender.provider, failures: consecutiveFailures }, 'provider failing every request: circuit open, probing instead of sending');
    }
  }

  function circuit(): CircuitState {
    return { provider: sender.provider, open: openSince !== null, since: openSince?.toISOString() ?? null, nextProbeAt: nextProbeAt?.toISOString() ?? null, consecutiveFailures };
  }

  function count(status: string) {
    metrics.messages.inc({ direction: 'out', channel: 'sms', status });
  }

  async function sendGroup(text: string, group: ClaimedMessage[]): Promise<void> {
    // Counted when handed over, so the window matches what the provider sees.
    rateLimiter?.record(group.reduce((sum, m) => sum + m.segments, 0));
    const outcomes = await sender.send(text, group.map((m) => ({ messageId: m.id, to: m.to })));
    const byId = new Map(group.map((m) => [m.id, m]));
    outbox.atomically(() => recordOutcomes(outcomes, byId));
    noteRequest(outcomes);
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
      const givenUp = error.retryable ? giveUpReason(message, clock.now(), retry, () => outbox.alertStillOpen(message.id)) : 'permanent';
      if (givenUp === null) {
        outbox.scheduleRetry(message.id, error.code, new Date(clock.now().getTime() + retryDelayMs(message.attempts, retry)));
        count('retry');
      } else {
        outbox.markFailed(message.id, error.code, error.retryable);
        failed.push(message.id);
        count('failed');
      }
      logger.warn({ provider: sender.provider, code: error.code, retryable: error.retryable, optedOut: error.optedOut, messageId: message.id, givenUp }, 'send failed');
    }
    if (failed.length > 0) deps.messagesFailed?.(failed);
  }

  /**
   * Claims what the free request slots, the in-flight row bound and the rate allow, and hands each
   * request to the provider without waiting for its answer. Returns how many rows it took.
   */
  function launch(): number {
    let freeRows = maxRows - rowsInFlight;
    let freeRequests = maxRequests - inFlight.size;
    if (openSince) {
      // Circuit open: one probe at a time, when its time has come.
      if (inFlight.size > 0 || clock.now() < nextProbeAt!) return 0;
      // The probe is the most urgent message waiting (an alert first), whatever its own retry time.
      outbox.retryHeldBackNow();
      freeRows = 1;
      freeRequests = 1;
    }
    if (freeRows <= 0 || freeRequests <= 0) return 0;
    const budget = rateLimiter ? { available: rateLimiter.available(), idle: rateLimiter.idle() && inFlight.size === 0 } : undefined;
    const claimed = outbox.claimDue(freeRows, budget, { maxRequests: freeRequests, maxBatch: sender.maxBatch }, sender.provider);
    const groups = outbox.atomically(() => groupSendable(claimed));
    // Map order is lane order (a group sits where its first row was): alerts are handed over first.
    for (const [text, group] of groups) {
      for (let i = 0; i < group.length; i += sender.maxBatch) start(text, group.slice(i, i + sender.maxBatch));
    }
    return claimed.length;
  }

  function start(text: string, group: ClaimedMessage[]): void {
    rowsInFlight += group.length;
    const request: Promise<void> = sendGroup(text, group)
      .catch((error: unknown) => logger.error({ err: error, provider: sender.provider }, 'recording a send outcome failed: its rows stay in flight until the next start'))
      .finally(() => {
        rowsInFlight -= group.length;
        inFlight.delete(request);
        // A slot is free: the loop may claim again at once.
        worker.poke();
      });
    inFlight.add(request);
  }

  /** One cycle, waiting for every request it started (tests, and the CLI). Returns how many rows it handled. */
  async function runOnce(): Promise<number> {
    const handled = launch();
    await Promise.all([...inFlight]);
    return handled;
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
    if (openSince) return Math.min(idleMs * 4, Math.max(idleMs, nextProbeAt!.getTime() - clock.now().getTime()));
    const next = rateLimiter ? outbox.nextDueSegments(sender.provider) : null;
    if (next === null) return idleMs;
    return Math.min(idleMs, Math.max(1, rateLimiter!.waitMs(next)));
  }

  // Claims again as soon as it took something; otherwise waits for a free slot (a poke), the rate
  // window, or new work (a poke from the webhooks).
  const worker = createBackgroundLoop({
    name: 'dispatcher cycle',
    logger,
    step: () => {
      if (launch() > 0) return 0;
      if (rowsInFlight >= maxRows || inFlight.size >= maxRequests) return idleMs; // an answer pokes sooner
      return pauseMs();
    },
    pauseAfterErrorMs: idleMs,
    now: () => clock.now().getTime(),
  });

  return {
    runOnce,
    pauseMs,
    start(): void {
      if (worker.isRunning()) return; // (recovering now would take this loop's own sends for a crash's)
      const recovered = outbox.recoverInFlight(sender.provider);
      if (recovered > 0) logger.warn({ recovered }, 'messages in flight at the last stop marked unknown');
      worker.start();
    },
    /** Nudges an idle loop so a fresh reply goes out now instead of after the idle pause. */
    poke: worker.poke,
    /** Stops claiming, then waits for the requests in flight to be answered and recorded. */
    async stop(): Promise<void> {
      await worker.stop();
      await Promise.all([...inFlight]);
    },
    circuit,
    /** Since when every dispatcher round has failed (ms), or null. */
    failingSince: () => worker.failingSince(),
    /** Requests and rows handed to the provider and not yet answered (for metrics and tests). */
    inFlight: () => ({ requests: inFlight.size, rows: rowsInFlight }),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/**
 * Several channels' dispatchers seen as one (the gateway's `dispatcher`): a poke wakes all, a run
 * runs all side by side, and each keeps its own rate, batches and circuit.
 */
export function combineDispatchers(all: Dispatcher[]) {
  const first = all[0]!;
  return {
    async runOnce(): Promise<number> {
      return (await Promise.all(all.map((d) => d.runOnce()))).reduce((sum, n) => sum + n, 0);
    },
    pauseMs: (): number => Math.min(...all.map((d) => d.pauseMs())),
    start(): void {
      for (const d of all) d.start();
    },
    poke(): void {
      for (const d of all) d.poke();
    },
    async stop(): Promise<void> {
      await Promise.all(all.map((d) => d.stop()));
    },
    /** The first open circuit, else the first channel's. */
    circuit: (): CircuitState => all.map((d) => d.circuit()).find((c) => c.open) ?? first.circuit(),
    /** Every channel's circuit. */
    circuits: (): CircuitState[] => all.map((d) => d.circuit()),
    failingSince(): number | null {
      const times = all.map((d) => d.failingSince()).filter((t): t is number => t !== null);
      return times.length ? Math.min(...times) : null;
    },
    inFlight() {
      return all.map((d) => d.inFlight()).reduce((a, b) => ({ requests: a.requests + b.requests, rows: a.rows + b.rows }), { requests: 0, rows: 0 });
    },
  };
}
