import type { Logger } from './logger';

/**
 * A background worker: runs `step` again and again. `step` returns how long to pause before the next
 * round (0: go on at once, after letting the event loop answer requests). A pause ends early on
 * `poke()` (new work arrived). A failing round is logged and followed by `pauseAfterErrorMs`.
 */
export function createBackgroundLoop(deps: { name: string; logger: Logger; step: () => number | Promise<number>; pauseAfterErrorMs: number; now?: () => number }) {
  const now = deps.now ?? Date.now;
  let running = false;
  // Failing rounds in a row: the first is logged at once, then one line a minute (not one per round).
  let failingSince: number | null = null;
  let failures = 0;
  let lastLoggedAt = 0;
  let current: Promise<void> = Promise.resolve();
  let wake: (() => void) | null = null;

  async function loop(): Promise<void> {
    while (running) {
      let pause = deps.pauseAfterErrorMs;
      try {
        pause = await deps.step();
        if (failingSince !== null) deps.logger.info({ failures }, `${deps.name} works again`);
        failingSince = null;
        failures = 0;
      } catch (error) {
        failures += 1;
        failingSince ??= now();
        if (failures === 1 || now() - lastLoggedAt >= 60_000) {
          lastLoggedAt = now();
          deps.logger.error({ err: error, failures }, `${deps.name} failed`);
        }
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
    /** Since when (ms) every round has failed, or null while it works. */
    failingSince: () => failingSince,
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
