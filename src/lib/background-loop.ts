import type { Logger } from './logger';

/**
 * A background worker: runs `step` again and again. `step` returns how long to pause before the next
 * round (0: go on at once, after letting the event loop answer requests). A pause ends early on
 * `poke()` (new work arrived). A failing round is logged and followed by `pauseAfterErrorMs`.
 */
export function createBackgroundLoop(deps: { name: string; logger: Logger; step: () => number | Promise<number>; pauseAfterErrorMs: number }) {
  let running = false;
  let current: Promise<void> = Promise.resolve();
  let wake: (() => void) | null = null;

  async function loop(): Promise<void> {
    while (running) {
      let pause = deps.pauseAfterErrorMs;
      try {
        pause = await deps.step();
      } catch (error) {
        deps.logger.error({ err: error }, `${deps.name} failed`);
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        if (pause <= 0) return setImmediate(resolve);
        const timer = setTimeout(resolve, pause);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    isRunning: () => running,
    start(): void {
      if (running) return;
      running = true;
      current = loop();
    },
    poke(): void {
      wake?.();
    },
    /** Stops after the round in progress. */
    async stop(): Promise<void> {
      running = false;
      wake?.();
      await current;
    },
  };
}
