/**
 * Reconnect pacing: after a failed connect, the next attempt waits 250 ms, then 500 ms, ...
 * up to 5 s; a success resets it. Pure state with the clock passed in, so tests need no timers.
 */

/** Options of {@link ReconnectBackoff}. */
export interface BackoffOptions {
  /** First delay after a failure, ms. */
  readonly initialMs?: number;
  /** Longest delay, ms. */
  readonly maxMs?: number;
}

/** Tracks when the next reconnect attempt is allowed. */
export class ReconnectBackoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private delayMs = 0;
  private notBeforeMs = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 250;
    this.maxMs = options.maxMs ?? 5000;
  }

  /** Whether an attempt may start at `nowMs`. */
  canAttempt(nowMs: number): boolean {
    return nowMs >= this.notBeforeMs;
  }

  /** Milliseconds until the next attempt is allowed (0 when it already is). */
  waitMs(nowMs: number): number {
    return Math.max(0, this.notBeforeMs - nowMs);
  }

  /** Records a failed attempt at `nowMs`: doubles the delay (capped) and returns it. */
  failed(nowMs: number): number {
    this.delayMs = this.delayMs === 0 ? this.initialMs : Math.min(this.maxMs, this.delayMs * 2);
    this.notBeforeMs = nowMs + this.delayMs;
    return this.delayMs;
  }

  /** Records a successful connect: the next failure starts from the initial delay again. */
  succeeded(): void {
    this.delayMs = 0;
    this.notBeforeMs = 0;
  }
}
