/**
 * What the commissioning checks show: their ids, one run's result with its measured numbers
 * and chart, the site's commissioning status and the report's typed-in fields. Powers are
 * the quantity the inverter's setpoint acts on, in the project's sign (+ discharge); grid
 * power is + import.
 */

/** The checks, in the order a technician runs them. */
export const CHECK_IDS = ['meterSign', 'inverterStep', 'watchdog', 'bmsLink', 'commLoss'] as const;
/** One check. */
export type CheckId = (typeof CHECK_IDS)[number];

/** A run's status: running, its result, or aborted (fault, Stop, cancel). */
export const CHECK_STATUSES = ['running', 'pass', 'fail', 'warn', 'aborted'] as const;
/** A run's status. */
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** A measured number (null: could not be measured) or a word (e.g. revertKind). */
export type MeasuredValue = number | string | boolean | null;

/** A short chart of a run: seconds since its start and one series per quantity. */
export interface CheckChart {
  /** Seconds since the run started, one per poll cycle. */
  readonly t: readonly number[];
  readonly series: readonly {
    readonly name: string;
    /** W, one per entry of `t`; null where the link gave no value. */
    readonly values: readonly (number | null)[];
  }[];
}

/** A fix a check proposes; applied only when the technician confirms it. */
export interface ProposedFix {
  /** The grid meter's sign in this site (site file `meter.powerSign`). */
  readonly meterPowerSign: 1 | -1;
}

/** One run of one check. */
export interface CheckRunView {
  readonly runId: string;
  readonly check: CheckId;
  readonly status: CheckStatus;
  /** The figures it measured, by name (units in the name: W, S, WPerS, Pct). */
  readonly measured: Readonly<Record<string, MeasuredValue>>;
  /** One or two sentences for the technician: what was seen, and what to do. */
  readonly message: string;
  /** Wall-clock ms. */
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** What the check is doing now (while running). */
  readonly progress: string;
  readonly chart: CheckChart;
  readonly proposedFix: ProposedFix | null;
}

/** Whether the site counts as commissioned, and why not. */
export interface CommissioningStatusView {
  readonly commissioned: boolean;
  /** Checks whose latest run passed (or warned where a warn is the device's expected outcome). */
  readonly passed: readonly CheckId[];
  /** Checks still to pass, with why (never run, failed, meter sign changed...). */
  readonly missing: readonly { readonly check: CheckId; readonly why: string }[];
}

/** The report's typed-in fields. */
export interface ReportMetaView {
  readonly technician: string;
  readonly notes: string;
}

/** A generated report. */
export interface ReportView {
  /** One self-contained HTML page. */
  readonly html: string;
  /** Its row in the session store; null when recording is unavailable. */
  readonly storedId: number | null;
}
