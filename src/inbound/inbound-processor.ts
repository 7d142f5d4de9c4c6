import { performance } from 'node:perf_hooks';
import type { Logger } from '../lib/logger';
import type { InboundService } from './inbound-service';

/** Messages read per slice at most: one transaction each. */
const SLICE = 64;
/** Reading takes about this long per turn of the event loop while the loop has room. */
const TURN_BUDGET_MS = 3;
/**
 * While the event loop is saturated (webhooks arriving faster than it can answer), reading drops to
 * one message every SATURATED_PAUSE_MS: storing comes first, and reading never stops entirely.
 */
const SATURATED_PAUSE_MS = 20;
/** The share of the event loop that everything but reading (webhooks, storing) must take to count as a burst. */
const SATURATED_BY_OTHERS = 0.8;

/**
 * Reads stored inbound messages after their webhook's 200 (issue #17): the webhook only stores;
 * parsing, commands, reports, replies and alerts happen here, in arrival order.
 *
 * On a quiet day a message is read in the same turn its 200 left (a slice queued behind that turn's
 * answers), so a report's alert leaves as soon as before. Under a burst the webhooks keep answering at
 * the speed of storing, and reading follows in slices of at most BUSY_BUDGET_MS per turn, catching up
 * when the burst ends. A crash loses nothing: what was not marked read is read at the next start.
 */
export function createInboundProcessor(deps: {
  inbound: Pick<InboundService, 'processPending' | 'waiting'>;
  logger: Logger;
  outboxChanged: () => void;
  /** INBOUND_READING: `immediate` reads everything stored in the turn its 200s left, burst or not. */
  mode?: 'deferred' | 'immediate';
}) {
  const immediate = deps.mode === 'immediate';
  const { inbound, logger } = deps;
  let inlineQueued = false;
  let backgroundScheduled = false;
  let stopped = false;
  let failing = false;

  /** Reads until nothing waits or the budget is spent (Infinity: all); true when more may wait. */
  function readFor(budgetMs: number): boolean {
    const started = performance.now();
    const until = started + budgetMs;
    let read = 0;
    try {
      for (;;) {
        const n = inbound.processPending(SLICE, Number.isFinite(until) ? { until } : {});
        read += n;
        if (n === 0) return false;
        if (performance.now() >= until) return true;
      }
    } catch (error) {
      // The database refused (disk full, busy): try again on the next turn, never in a tight loop.
      if (!failing) logger.error({ err: error }, 'inbound processor could not read stored messages; retrying');
      failing = true;
      return true;
    } finally {
      readingMsSinceLook += performance.now() - started;
      if (read > 0) {
        failing = false;
        deps.outboxChanged();
      }
    }
  }

  // A burst: webhooks stored since the last look, and the event loop was busy with everything but
  // reading (webhooks, storing, the dispatcher) for most of the time. Reading's own time does not
  // count: a backlog read at full speed on a calm day must not look like a burst.
  let storedSinceLook = 0;
  let readingMsSinceLook = 0;
  let lastUtilization = performance.eventLoopUtilization();
  function saturated(): boolean {
    const now = performance.eventLoopUtilization();
    const recent = performance.eventLoopUtilization(now, lastUtilization);
    lastUtilization = now;
    const span = recent.idle + recent.active;
    const byOthers = span > 0 ? (recent.active - readingMsSinceLook) / span : 0;
    const storing = storedSinceLook > 0;
    storedSinceLook = 0;
    readingMsSinceLook = 0;
    return storing && byOthers > SATURATED_BY_OTHERS;
  }

  function background(): void {
    backgroundScheduled = false;
    if (stopped) return;
    if (readFor(TURN_BUDGET_MS)) scheduleBackground();
  }

  function scheduleBackground(): void {
    if (backgroundScheduled || stopped) return;
    backgroundScheduled = true;
    // A failing database is retried after a pause; a saturated loop gets a trickle; otherwise the next turn.
    if (failing) setTimeout(background, 1000).unref();
    else if (saturated()) setTimeout(() => {
      backgroundScheduled = false;
      if (stopped) return;
      if (readFor(0)) scheduleBackground();
    }, SATURATED_PAUSE_MS).unref();
    else setImmediate(background);
  }

  return {
    /**
     * Told after a webhook's commit and 200: one slice runs once the answers of this turn are out
     * (a microtask), and more in later turns if a burst left more waiting.
     */
    poke(): void {
      storedSinceLook += 1;
      if (stopped || inlineQueued) return;
      inlineQueued = true;
      queueMicrotask(() => {
        inlineQueued = false;
        if (stopped) return; // closed in the meantime: the database may be gone
        if (immediate) {
          readFor(Infinity);
          return;
        }
        if (backgroundScheduled) return; // a burst is being read turn by turn already
        // A quiet day: what waits is read now, within the budget. A burst: storing goes first, and
        // reading follows a budget at a time, turn by turn.
        if (readFor(TURN_BUDGET_MS)) scheduleBackground();
      });
    },
    /** Starts reading, beginning with whatever a crash or a stop left unread. */
    start(): void {
      stopped = false;
      const waiting = inbound.waiting();
      if (waiting > 0) logger.info({ waiting }, 'reading inbound messages stored before the start');
      scheduleBackground();
    },
    stop(): void {
      stopped = true;
    },
    /** Reads everything waiting now (tests, the CLI, a clean shutdown). */
    drain(): number {
      let total = 0;
      for (let n = inbound.processPending(SLICE); n > 0; n = inbound.processPending(SLICE)) total += n;
      if (total > 0) deps.outboxChanged();
      return total;
    },
  };
}

export type InboundProcessor = ReturnType<typeof createInboundProcessor>;
