import type { TimeSource } from '../../../shared/clock';
import type { CheckId, CheckStatus, MeasuredValue, ProposedFix } from '../../../shared/check-views';
import type { z } from 'zod';
import type { checkOptionsSchema } from '../../../shared/check-schemas';
import type { EmsRuntime } from '../../runtime/ems-runtime';
import type { BmsPort } from '../../runtime/device-ports';
import type { CheckSampler } from './check-sampler';

/** What the checks drive: the real runtime, through its check hooks and nothing else. */
export type CheckRuntime = Pick<
  EmsRuntime,
  | 'setTestOutput'
  | 'holdWrites'
  | 'dropMeterLink'
  | 'onCycle'
  | 'snapshot'
  | 'readWatchdogTimeoutS'
  | 'holdingWrites'
>;

/** What the checks need to know of the site. */
export interface CheckSite {
  readonly inverterMaxChargeW: number;
  readonly inverterMaxDischargeW: number;
  /** The profile's declared watchdog timeout, s; null when the device has none. */
  readonly watchdogTimeoutS: number | null;
  /** What the profile says the device does when its watchdog expires. */
  readonly onWatchdogExpiry: 'zero' | 'deviceDefault';
  /** The site's meter sign in force (site file meter.powerSign, default 1). */
  readonly meterPowerSign: 1 | -1;
  /** What the inverter's setpoint acts on, in words for the report. */
  readonly controlledQuantity: string;
  /** The documented comm-loss bound: staleness plus the failed-poll budget, ms. */
  readonly commLossBoundMs: number;
  readonly pollIntervalMs: number;
}

/** The BMS as the bmsLink check sees it. */
export interface CheckBms {
  readonly port: BmsPort;
  /** The protocol profile's name (e.g. "pylontech-v1.3"). */
  readonly protocol: string;
  /** Frames received so far (from the CAN monitor or the link's stats); null when unknown. */
  readonly framesSeen: () => number | null;
}

/** A check's options (validated by the contract). */
export type CheckOptions = z.infer<typeof checkOptionsSchema>;

/** Everything one check run gets. */
export interface CheckContext {
  readonly runtime: CheckRuntime;
  readonly clock: TimeSource;
  readonly site: CheckSite;
  readonly bms: CheckBms | null;
  readonly options: CheckOptions;
  /** Records every cycle for the chart and answers the check's waits. */
  readonly sampler: CheckSampler;
  /** Tells the technician what the check is doing now. */
  readonly progress: (text: string) => void;
}

/** What a check ends with. */
export interface CheckOutcome {
  readonly status: Exclude<CheckStatus, 'running' | 'aborted'>;
  readonly measured: Readonly<Record<string, MeasuredValue>>;
  readonly message: string;
  readonly proposedFix?: ProposedFix;
}

/** One check. */
export type CheckFn = (ctx: CheckContext) => Promise<CheckOutcome>;

export { CheckAborted } from './check-aborted';

/** Rounds a figure for display (W to 1 W, s to 0.01 s). */
export function round(value: number | null, digits = 0): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f + 0;
}

/** For `Record<CheckId, ...>` tables. */
export type PerCheck<T> = { readonly [K in CheckId]: T };
