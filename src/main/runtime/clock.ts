/** The runtime's time source; the core gets `now` from here and never reads a clock itself. */
export interface Clock {
  /** Milliseconds; monotonic, so staleness is not fooled by a wall-clock jump. */
  now(): number;
  /** Wall-clock milliseconds since the epoch, for display and logs. */
  wallNow(): number;
}

/** The process clock: performance.now() offset to the epoch at start, so both readings line up. */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  wallNow: () => Date.now(),
};
