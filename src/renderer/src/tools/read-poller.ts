/**
 * A polled register read: read, wait the interval, read again, until stopped. The next read
 * is scheduled only after the previous one settled, so a slow device never has two of the
 * console's reads queued, and a read that was in flight when the technician pressed Stop
 * starts nothing after it. The timer is injected (the screen passes setTimeout), so tests
 * drive it by hand instead of waiting.
 */

/** Runs `task` once after `ms`; returns a function that cancels it. */
export type ScheduleOnce = (task: () => void, ms: number) => () => void;

/** The poll intervals the console offers, s. */
export const POLL_INTERVALS_S = [1, 2, 5, 10, 30] as const;

/** Repeats a read every `intervalMs` after the previous one settled. */
export class ReadPoller {
  private cancel: (() => void) | null = null;
  /** Bumped by every start and stop, so a read from an older run schedules nothing. */
  private run = 0;
  private intervalMs = 0;

  constructor(
    private readonly read: () => Promise<unknown>,
    private readonly schedule: ScheduleOnce,
  ) {}

  /** Whether polling is on. */
  get polling(): boolean {
    return this.intervalMs > 0;
  }

  /** Reads now, then every `intervalMs` (a running poll is restarted with the new interval). */
  start(intervalMs: number): void {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0)
      throw new RangeError(`poll interval must be a positive number of ms, got ${intervalMs}`);
    this.stop();
    this.intervalMs = intervalMs;
    void this.tick(this.run);
  }

  /** Stops: nothing more is read (a read in flight still settles, and is shown). */
  stop(): void {
    this.run += 1;
    this.intervalMs = 0;
    this.cancel?.();
    this.cancel = null;
  }

  private async tick(run: number): Promise<void> {
    if (run !== this.run) return;
    try {
      await this.read();
    } catch {
      // The read shows its own failure; polling goes on, so the table recovers by itself.
    }
    if (run !== this.run) return;
    this.cancel = this.schedule(() => void this.tick(run), this.intervalMs);
  }
}
