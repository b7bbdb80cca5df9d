/**
 * Time as the app receives it: one clock and one scheduler, made by the host and passed
 * down. Nothing below a host reads the system clock or sets a global timer, so tests and
 * benchmarks run the same code on time they drive themselves (see virtual-time.test-kit.ts).
 */

/** Cancels a pending timer; calling it again, or after a one-shot timer fired, does nothing. */
export type CancelTimer = () => void;

/** Readings of the time. */
export interface Clock {
  /** Milliseconds; monotonic, so staleness is not fooled by a wall-clock jump. */
  now(): number;
  /** Wall-clock milliseconds since the epoch, for display, logs and records. */
  wallNow(): number;
}

/** How a timer behaves beyond its timing. */
export interface TimerOptions {
  /**
   * True for a timer that should not on its own keep the process alive (a flush, a prune,
   * a deadline while a socket holds the process anyway); a real scheduler unrefs it, a
   * virtual one ignores it.
   */
  readonly background?: boolean;
}

/** Timers on the same time as the {@link Clock}. */
export interface Scheduler {
  /** Runs `task` once, `delayMs` from now (a negative or non-finite delay counts as 0). */
  timeout(task: () => void, delayMs: number, options?: TimerOptions): CancelTimer;
  /** Runs `task` every `periodMs` until cancelled. */
  interval(task: () => void, periodMs: number, options?: TimerOptions): CancelTimer;
}

/** The clock and the scheduler of one time: what a host hands to everything that waits. */
export interface TimeSource extends Clock, Scheduler {}
