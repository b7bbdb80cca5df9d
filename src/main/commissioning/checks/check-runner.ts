import type { TimeSource } from '../../../shared/clock';
import type {
  CheckId,
  CheckRunView,
  CheckStatus,
  CommissioningStatusView,
} from '../../../shared/check-views';
import { describeError } from '../../util/describe-error';
import { CommissioningError } from '../commissioning-error';
import type {
  CheckBms,
  CheckOptions,
  CheckOutcome,
  CheckRuntime,
  CheckSite,
} from './check-context';
import { CheckAborted } from './check-context';
import { CheckSampler } from './check-sampler';
import { CHECKS } from './check-table';
import { commissioningStatus } from './commissioning-status';
import { MeterSignChange, type SignChangeStore } from './meter-sign-change';

/** Runs kept for the list and the report. */
const MAX_RUNS = 50;

/** What the runner needs from the host. */
export interface CheckRunnerDeps {
  readonly runtime: CheckRuntime;
  readonly clock: TimeSource;
  readonly site: CheckSite;
  readonly bms: CheckBms | null;
  /**
   * Writes the meter's sign into the site (effective at its next activation); resolves with
   * a sentence for the technician. Absent: this host cannot change its site.
   */
  readonly applyMeterSign?: (sign: 1 | -1) => Promise<string>;
  /** A sign change still to be confirmed by meterSign, as the host's store remembers it (wall ms). */
  readonly signChangedAt?: number | null;
  /** Where a sign change is remembered across restarts; absent: for this run of the site only. */
  readonly signChangeStore?: SignChangeStore;
  /** Operator log lines. */
  readonly log?: (line: string) => void;
  /** Told when a run finished (the session store keeps it). */
  readonly onFinished?: (run: CheckRunView) => void;
}

interface Run {
  view: CheckRunView;
  sampler: CheckSampler;
}

/** Thrown for a request the runner refuses now (REST answers 409). */
export class CheckConflict extends CommissioningError {}

/**
 * Runs the commissioning checks one at a time, through the real runtime: only from STANDBY
 * (mode IDLE), after the caller's explicit confirmation (the contract's `confirmed: true`).
 * Whatever happens (a pass, a fault, a Stop, a cancel, a defect) a run ends with the test
 * output cleared, writes resumed and the meter link back, i.e. STANDBY at 0 W.
 */
export class CheckRunner {
  private readonly runs: Run[] = [];
  private current: Run | null = null;
  private nextId = 1;
  private readonly signChange: MeterSignChange;

  constructor(private readonly deps: CheckRunnerDeps) {
    this.signChange = new MeterSignChange(
      deps.signChangedAt ?? null,
      deps.signChangeStore ?? null,
      deps.log ?? ((): void => undefined),
    );
  }

  /** Starts `check`; refuses (CheckConflict) while one runs or outside STANDBY/IDLE. */
  start(check: CheckId, options: CheckOptions = {}): { runId: string } {
    if (this.current !== null)
      throw new CheckConflict(
        `a check is already running (${this.current.view.check}, run ${this.current.view.runId}): wait for it or cancel it`,
      );
    const snap = this.deps.runtime.snapshot();
    if (snap.state !== 'STANDBY' || snap.mode !== 'IDLE' || snap.pendingMode !== null)
      throw new CheckConflict(
        `checks run only with the EMS started and in STANDBY (mode IDLE); it is in ${snap.state} (mode ${snap.mode}${snap.pendingMode === null ? '' : `, ${snap.pendingMode} pending`})`,
      );
    const runId = `r${this.nextId++}`;
    const sampler = new CheckSampler(this.deps.runtime, this.deps.clock);
    const run: Run = {
      sampler,
      view: {
        runId,
        check,
        status: 'running',
        measured: {},
        message: '',
        startedAt: this.deps.clock.wallNow(),
        finishedAt: null,
        progress: 'starting',
        chart: { t: [], series: [] },
        proposedFix: null,
      },
    };
    this.current = run;
    this.runs.push(run);
    if (this.runs.length > MAX_RUNS) this.runs.shift();
    void this.execute(run, options);
    return { runId };
  }

  /** Cancels the running check (it ends at 0 W); false when none runs. */
  cancel(): boolean {
    if (this.current === null) return false;
    this.current.sampler.cancel('cancelled by the operator');
    return true;
  }

  /** Every run kept, oldest first, the running one with its live chart. */
  list(): CheckRunView[] {
    return this.runs.map((r) =>
      r.view.status === 'running' ? { ...r.view, chart: r.sampler.chart() } : r.view,
    );
  }

  /** The latest finished run of each check. */
  latest(): Partial<Record<CheckId, CheckRunView>> {
    const out: Partial<Record<CheckId, CheckRunView>> = {};
    for (const r of this.runs) if (r.view.status !== 'running') out[r.view.check] = r.view;
    return out;
  }

  /** Whether the site counts as commissioned. */
  status(): CommissioningStatusView {
    return commissioningStatus(this.list(), {
      hasBms: this.deps.bms !== null,
      signChangedAt: this.signChange.at,
    });
  }

  /** Applies a meterSign run's proposed fix, after the technician confirmed it. */
  async applyMeterSignFix(runId: string): Promise<{ powerSign: 1 | -1; message: string }> {
    const run = this.runs.find((r) => r.view.runId === runId)?.view;
    if (run === undefined) throw new CommissioningError(`unknown run ${runId}`);
    const fix = run.proposedFix;
    if (run.check !== 'meterSign' || fix === null)
      throw new CheckConflict(`run ${runId} (${run.check}) proposes no meter sign fix`);
    const newer = this.runs.some(
      (r) => r.view.check === 'meterSign' && r.view.startedAt > run.startedAt,
    );
    if (newer) throw new CheckConflict(`run ${runId} is not the latest meterSign run`);
    if (this.deps.applyMeterSign === undefined)
      throw new CheckConflict(
        'this site cannot be changed from here: the built-in simulated site has no site file to write meter.powerSign into (store a site for the plant on the Sites screen and run meterSign there)',
      );
    const message = await this.deps.applyMeterSign(fix.meterPowerSign);
    await this.signChange.changed(this.deps.clock.wallNow());
    return { powerSign: fix.meterPowerSign, message };
  }

  /** Cancels a running check; used when the host stops. */
  dispose(): void {
    this.cancel();
  }

  private async execute(run: Run, options: CheckOptions): Promise<void> {
    const { runtime, clock } = this.deps;
    let outcome: CheckOutcome | null = null;
    let status: CheckStatus = 'aborted';
    let message: string;
    try {
      outcome = await CHECKS[run.view.check]({
        runtime,
        clock,
        site: this.deps.site,
        bms: this.deps.bms,
        options,
        sampler: run.sampler,
        progress: (text) => {
          run.view = { ...run.view, progress: text };
        },
      });
      status = outcome.status;
      message = outcome.message;
    } catch (err) {
      message =
        err instanceof CheckAborted
          ? `Aborted: ${err.message}. The output went to 0 W.`
          : `Aborted by an internal error: ${describeError(err)}. The output went to 0 W.`;
    } finally {
      // Every way out: writes resumed, the link back, the test output cleared (0 W).
      runtime.holdWrites(false);
      runtime.dropMeterLink(false);
      runtime.setTestOutput(null);
    }
    // The run ends once a cycle confirmed 0 W (bounded: a dead link must not keep it open).
    await run.sampler.waitFor((s) => s.setpointW === 0 && s.writtenW === 0, 5000).catch(() => null);
    run.sampler.dispose();
    const done: CheckRunView = {
      ...run.view,
      status,
      message,
      measured: outcome?.measured ?? {},
      proposedFix: outcome?.proposedFix ?? null,
      progress: '',
      finishedAt: clock.wallNow(),
      chart: run.sampler.chart(),
    };
    // The pending sign change is settled (and saved) before anyone sees the run finished.
    await this.signChange.finished(done);
    run.view = done;
    this.current = null;
    this.deps.onFinished?.(run.view);
  }
}
