/**
 * Passes values on at most once per `minIntervalMs`. A value arriving too early is held and
 * replaced by any newer one, then sent when the interval is over: a slow consumer sees the
 * latest state, never a backlog of old ones. `now` is injected so tests drive time.
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
  now: () => number,
): LatestWinsThrottle<T> {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let held: { value: T } | null = null;
  let timer: NodeJS.Timeout | null = null;

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
      timer ??= setTimeout(flush, Math.max(0, wait));
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      held = null;
    },
  };
}
