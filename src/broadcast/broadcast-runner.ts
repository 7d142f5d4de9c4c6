import { createBackgroundLoop } from '../lib/background-loop';
import type { Logger } from '../lib/logger';
import type { BroadcastService } from './broadcast-service';

/**
 * The broadcaster's background work: starts scheduled broadcasts, expands audiences a page at a
 * time (yielding between pages so webhooks keep being answered), and closes finished broadcasts.
 */
export function createBroadcastRunner(deps: { broadcasts: BroadcastService; logger: Logger; outboxChanged: () => void }, options: { idleMs?: number; pagesPerStep?: number } = {}) {
  const { broadcasts, logger, outboxChanged } = deps;
  const idleMs = options.idleMs ?? 1000;

  /** One round of work; returns true when there may be more to do at once. */
  function runOnce(): boolean {
    const started = broadcasts.activateDue();
    const written = broadcasts.expandStep(options.pagesPerStep ?? 1);
    if (written > 0 || started > 0) outboxChanged();
    broadcasts.finishCompleted();
    return broadcasts.hasWork();
  }

  const worker = createBackgroundLoop({ name: 'broadcast runner', logger, step: () => (runOnce() ? 0 : idleMs), pauseAfterErrorMs: idleMs });

  return {
    runOnce,
    /** Runs until nothing is left to start or expand (tests, the CLI). */
    drain(): void {
      while (runOnce());
    },
    start: worker.start,
    poke: worker.poke,
    stop: worker.stop,
  };
}

export type BroadcastRunner = ReturnType<typeof createBroadcastRunner>;
