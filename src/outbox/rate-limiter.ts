import type { Clock } from '../lib/clock';

const WINDOW_MS = 1000;

/**
 * The provider's limit in segments per second, as a sliding window: in any one second, the segments
 * handed to the provider never add up to more than the rate. (A token bucket would allow twice the
 * rate across a refill boundary; providers count per second and throttle or drop the excess.)
 *
 * The one exception is a single message longer than the whole per-second rate: it goes alone, when
 * the window is empty, and nothing else goes until its segments have been paid for at the rate.
 */
export function createRateLimiter(deps: { segmentsPerSecond: number; clock: Clock }) {
  const { segmentsPerSecond: rate, clock } = deps;
  // Sends in the window, oldest first. `until` is when a send stops counting.
  const sends: { until: number; segments: number }[] = [];
  let inWindow = 0;

  // Strictly after: clock readings are whole milliseconds, so "1000 ms later" by the clock can be
  // 999.x ms in fact; one more millisecond keeps every real one-second window within the rate.
  function expire(now: number): void {
    while (sends.length > 0 && sends[0]!.until < now) inWindow -= sends.shift()!.segments;
  }

  return {
    rate,
    /** Segments that may be sent now. */
    available(): number {
      expire(clock.now().getTime());
      return Math.max(0, rate - inWindow);
    },
    /** True when nothing is in the window (a message longer than the rate may then go alone). */
    idle(): boolean {
      expire(clock.now().getTime());
      return inWindow === 0;
    },
    /** Counts segments handed to the provider now. */
    record(segments: number): void {
      const now = clock.now().getTime();
      expire(now);
      // An oversize message occupies the window for as long as its segments take at the rate.
      const holdMs = segments > rate ? Math.ceil((segments / rate) * WINDOW_MS) : WINDOW_MS;
      sends.push({ until: now + holdMs, segments });
      inWindow += segments;
    },
    /** How long until `needed` segments may go (a message longer than the rate needs an empty window). */
    waitMs(needed = 1): number {
      const now = clock.now().getTime();
      expire(now);
      const target = Math.min(needed, rate);
      let free = rate - inWindow;
      let latest = now;
      for (const send of sends) {
        if (free >= target && (needed <= rate || free === rate)) break;
        free += send.segments;
        latest = Math.max(latest, send.until);
      }
      return latest > now ? latest - now + 1 : 0;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
