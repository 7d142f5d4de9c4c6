import type { Logger } from '../lib/logger';
import type { BroadcastService } from './broadcast-service';

/**
 * The broadcaster's background work: starts scheduled broadcasts, expands audiences a page at a
 * time (yielding between pages so webhooks keep being answered), and closes finished broadcasts.
 */
export function createBroadcastRunner(deps: { broadcasts: BroadcastService; logger: Logger; outboxChanged: () => void }, options: { idleMs?: number; pagesPerStep?: number } = {}) {
  const { broadcasts, logger, outboxChanged } = deps;
  const idleMs = options.idleMs ?? 1000;
  let running = false;
  let current: Promise<void> = Promise.resolve();
  let wake: (() => void) | null = null;

  /** One round of work; returns true when there may be more to do at once. */
  function runOnce(): boolean {
    const started = broadcasts.activateDue();
    const written = broadcasts.expandStep(options.pagesPerStep ?? 1);
    if (written > 0 || started > 0) outboxChanged();
    broadcasts.finishCompleted();
    return broadcasts.hasWork();
  }

  async function loop(): Promise<void> {
    while (running) {
      let more = false;
      try {
        more = runOnce();
      } catch (error) {
        logger.error({ err: error }, 'broadcast runner failed');
      }
      await new Promise<void>((resolve) => {
        if (more) return setImmediate(resolve);
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    runOnce,
    /** Runs until nothing is left to start or expand (tests, the CLI). */
    drain(): void {
      while (runOnce());
    },
    start(): void {
      if (running) return;
      running = true;
      current = loop();
    },
    poke(): void {
      wake?.();
    },
    async stop(): Promise<void> {
      running = false;
      wake?.();
      await current;
    },
  };
}

export type BroadcastRunner = ReturnType<typeof createBroadcastRunner>;
