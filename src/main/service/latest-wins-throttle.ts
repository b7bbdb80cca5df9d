import type { TimeSource } from '../../shared/clock';

/**
 * Passes values on at most once per `minIntervalMs`. A value arriving too early is held and
 * replaced by any newer one, then sent when the interval is over: a slow consumer sees the
 * latest state, never a backlog of old ones. Time is injected so tests drive it.
 */
export interface LatestWinsThrottle<T> {
  /** Sends `value` now if the interval allows, else holds it as the latest. */
  offer(value: T): void;
  /** Drops a held value and stops the timer. */
  dispose(): void;
}

/** Creates a throttle that calls `send` at most once per `minIntervalMs`. */
export function latestWinsThrottle<T>(
  minIntervalMs: number,
  send: (value: T) => void,
  time: TimeSource,
): LatestWinsThrottle<T> {
  const now = (): number => time.now();
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let held: { value: T } | null = null;
  let timer: (() => void) | null = null;

  const flush = (): void => {
    timer = null;
    if (!held) return;
    const { value } = held;
    held = null;
    lastSentAt = now();
    send(value);
  };

  return {
    offer(value) {
      const wait = lastSentAt + minIntervalMs - now();
      if (wait <= 0 && !timer) {
        lastSentAt = now();
        send(value);
        return;
      }
      held = { value };
      timer ??= time.timeout(flush, Math.max(0, wait));
    },
    dispose() {
      timer?.();
      timer = null;
      held = null;
    },
  };
}
