import type { Scheduler } from '../../shared/clock';
import { withTimeout } from './with-timeout';

/**
 * Runs the poll cycle over and over on the host's scheduler: each cycle starts one poll
 * interval after the previous one started (or sooner, when the delay function says so:
 * meter-cadence.ts), or at once when that one overran. Never two
 * cycles at a time, so a stop can wait for the one in flight and know no write follows it.
 */
export class PollLoop {
  private running = false;
  private cancelTimer: (() => void) | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly scheduler: Scheduler & { now(): number },
    private readonly intervalMs: number,
    private readonly cycle: () => Promise<void>,
    private readonly log: (line: string) => void,
    /**
     * The delay after a cycle that started at `startedAt` and ran `spentMs` (default: the
     * rest of the interval, or none when the cycle overran).
     */
    private readonly delayAfter: (startedAt: number, spentMs: number) => number = (_, spent) =>
      Math.max(0, intervalMs - spent),
  ) {}

  /** Starts cycling (the first cycle at once); does nothing when already running. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /**
   * Stops scheduling cycles and waits for the one in flight, at most `waitMs` (a device that
   * never answers must not hold up a stop). Resolves whether the loop had been running.
   */
  async halt(waitMs: number): Promise<boolean> {
    const wasRunning = this.running;
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.inFlight)
      await withTimeout(this.scheduler, this.inFlight, waitMs, 'last poll cycle').catch(
        () => undefined,
      );
    return wasRunning;
  }

  /** Cycles again after a {@link halt}, one poll interval from now. */
  resume(): void {
    this.running = true;
    // A cycle still stuck in flight schedules the next one itself when it settles.
    if (this.inFlight === null) this.schedule(this.intervalMs);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.cancelTimer = this.scheduler.timeout(() => {
      this.cancelTimer = null;
      const started = this.scheduler.now();
      this.inFlight = this.cycle()
        .catch((err: unknown) => this.log(`control cycle failed: ${String(err)}`))
        .finally(() => {
          this.inFlight = null;
          this.schedule(this.delayAfter(started, this.scheduler.now() - started));
        });
    }, delayMs);
  }
}
