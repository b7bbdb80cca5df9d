/**
 * Polls in step with a slow meter. A meter that refreshes once a second answers the same
 * sample to every poll in between, so what counts is how soon after its refresh the loop
 * reads it: on a fixed grid that is half a poll interval on average, and a load step (which
 * no other reading shows) waits that long on top of the meter's own period.
 *
 * The cadence measures the meter's refresh period from the cycles that saw a new sample
 * (the median of the last intervals, so one refresh missed by value-change detection does
 * not move it). When the period is at least two poll intervals, it brings the next cycle
 * forward to just before the next refresh is due and then polls every {@link STEP_MS}
 * until the sample shows, for at most one poll interval. The cycle that sees the sample
 * restarts the regular grid, so after a few refreshes the grid itself sits just after the
 * meter's refresh and the extra cycles are few (measured against the pymodbus hybrid with
 * a 1 s meter: 8.5 cycles a second where the 125 ms grid gives 8). Any failed read forgets
 * the period: recovery runs on the regular grid, and extra cycles never speed up the
 * comm-loss budget's count.
 *
 * Pure: the times come from the caller; the loop asks it for the next delay.
 */

/** The gap between extra cycles while a refresh is due, ms (at least twice the cycle's own run time). */
export const STEP_MS = 40;
/** How long before the expected refresh the extra cycles begin, ms. */
export const EARLY_MS = 30;
/** Intervals between new samples the period is judged on. */
const INTERVALS_KEPT = 5;
/** Intervals needed before the cadence acts. */
const INTERVALS_NEEDED = 3;
/** A meter slower than this is not chased: its period is more likely a steady grid. */
const MAX_PERIOD_MS = 10_000;

/** The meter's cadence as the poll loop sees it. */
export class MeterCadence {
  private readonly seen: number[] = [];

  /** @param intervalMs the loop's regular poll interval, ms */
  constructor(private readonly intervalMs: number) {}

  /**
   * Records one cycle: when it read (`at`, ms), whether both reads succeeded, and whether
   * the meter's sample was new (the core's judgement, so counter and value rules are one).
   */
  observe(at: number, healthy: boolean, newSample: boolean): void {
    if (!healthy) {
      this.seen.length = 0;
      return;
    }
    if (!newSample) return;
    this.seen.push(at);
    if (this.seen.length > INTERVALS_KEPT + 1) this.seen.shift();
  }

  /** The meter's refresh period as measured, ms; null while unknown. */
  periodMs(): number | null {
    if (this.seen.length < INTERVALS_NEEDED + 1) return null;
    const gaps = this.seen.slice(1).map((t, i) => t - (this.seen[i] ?? t));
    gaps.sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length / 2)] ?? null;
  }

  /**
   * The delay before the next cycle, ms: the regular one (an interval after this cycle's
   * start), or less while a refresh of a slow meter is due.
   */
  delayAfter(startedAt: number, spentMs: number): number {
    const regular = Math.max(0, this.intervalMs - spentMs);
    const period = this.periodMs();
    const last = this.seen.at(-1);
    if (period === null || last === undefined) return regular;
    if (period < 2 * this.intervalMs || period > MAX_PERIOD_MS) return regular;
    const now = startedAt + spentMs;
    const opens = last + period - EARLY_MS;
    if (now >= opens + this.intervalMs) return regular;
    // The loop's bus time stays below half while the cadence polls faster.
    const gap = Math.max(STEP_MS, 2 * spentMs);
    if (now >= opens) return Math.min(regular, gap);
    return Math.min(regular, Math.max(opens - now, gap));
  }
}
