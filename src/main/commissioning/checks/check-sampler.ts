import type { TimeSource } from '../../../shared/clock';
import type { CheckChart } from '../../../shared/check-views';
import type { EmsState } from '../../../shared/ems-names';
import type { CycleSample } from '../../runtime/cycle-sample';
import type { EmsRuntime } from '../../runtime/ems-runtime';
import { CheckAborted } from './check-aborted';

/** Longest record kept per run: 20 minutes of 250 ms cycles. */
const MAX_SAMPLES = 4800;
/** Most points a chart carries (the list is polled every second): longer runs are thinned. */
const MAX_CHART_POINTS = 600;

/** Why a sample ends the run, or null when it may go on. */
export type AbortRule = (s: CycleSample) => string | null;

/** The usual rule: the run needs STANDBY; anything else (FAULT, STOP, a mode) aborts it. */
export const needsStandby: AbortRule = (s) =>
  s.state === 'STANDBY' ? null : `the EMS left STANDBY (now ${s.state as EmsState})`;

/**
 * Collects a run's poll cycles (for its chart and its figures) and lets the check wait for
 * a condition on them, on the runtime's clock. A wait rejects with CheckAborted when the
 * abort rule fires, when the run is cancelled, or when the runtime stops cycling.
 */
export class CheckSampler {
  readonly samples: CycleSample[] = [];
  private readonly startedAt: number;
  private waiter: ((s: CycleSample) => void) | null = null;
  private failWait: ((e: Error) => void) | null = null;
  private abortRule: AbortRule = needsStandby;
  private cancelled: string | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    runtime: Pick<EmsRuntime, 'onCycle'>,
    private readonly clock: TimeSource,
  ) {
    this.startedAt = clock.now();
    this.unsubscribe = runtime.onCycle((s) => this.take(s));
  }

  /** Replaces the abort rule (commLoss expects FAULT, so it brings its own). */
  setAbortRule(rule: AbortRule): void {
    this.abortRule = rule;
  }

  /** Cancels the run: the current and every later wait rejects with `why`. */
  cancel(why: string): void {
    this.cancelled = why;
    this.failWait?.(new CheckAborted(why));
  }

  /** Stops listening to the runtime. */
  dispose(): void {
    this.unsubscribe();
  }

  /** Seconds since the run started, for a sample time. */
  secondsAt(at: number): number {
    return (at - this.startedAt) / 1000;
  }

  /**
   * Resolves with the first cycle from now on for which `until` is true, or null after
   * `timeoutMs` without one. Rejects with CheckAborted (abort rule, cancel, no cycles).
   */
  waitFor(until: (s: CycleSample) => boolean, timeoutMs: number): Promise<CycleSample | null> {
    if (this.cancelled !== null) return Promise.reject(new CheckAborted(this.cancelled));
    return new Promise<CycleSample | null>((resolve, reject) => {
      const cancelTimer = this.clock.timeout(() => finish(() => resolve(null)), timeoutMs);
      const finish = (then: () => void): void => {
        cancelTimer();
        this.waiter = null;
        this.failWait = null;
        then();
      };
      this.failWait = (e) => finish(() => reject(e));
      // Runs inside the runtime's cycle: nothing may throw out of it.
      this.waiter = (s) => {
        try {
          const why = this.abortRule(s);
          if (why !== null) finish(() => reject(new CheckAborted(why)));
          else if (until(s)) finish(() => resolve(s));
        } catch (err) {
          finish(() => reject(err instanceof Error ? err : new Error(String(err))));
        }
      };
    });
  }

  /** Waits `ms` on the runtime's clock, still aborting on the rule or a cancel. */
  async hold(ms: number): Promise<void> {
    await this.waitFor(() => false, ms);
  }

  /** The samples taken since `from` (ms on the runtime's clock). */
  since(from: number): CycleSample[] {
    return this.samples.filter((s) => s.at >= from);
  }

  /** The run's chart: the controlled power, its setpoint and the grid, per cycle. */
  chart(): CheckChart {
    const stride = Math.ceil(this.samples.length / MAX_CHART_POINTS);
    const shown = this.samples.filter((_, i) => i % stride === 0);
    const t = shown.map((s) => Math.round(this.secondsAt(s.at) * 100) / 100);
    const w = (v: number | null): number | null => (v === null ? null : Math.round(v));
    return {
      t,
      series: [
        { name: 'setpoint W', values: shown.map((s) => w(s.setpointW)) },
        { name: 'inverter W', values: shown.map((s) => w(s.controlledW)) },
        { name: 'grid W', values: shown.map((s) => w(s.gridW)) },
      ],
    };
  }

  private take(s: CycleSample): void {
    if (this.samples.length < MAX_SAMPLES) this.samples.push(s);
    this.waiter?.(s);
  }
}
