import type { EmsState } from '../../shared/ems-names';

/**
 * What one poll cycle saw and did, for the commissioning checks: they measure a device's
 * response cycle by cycle, on the runtime's own clock, with the readings the core stepped on.
 */
export interface CycleSample {
  /** Time of the cycle's readings, ms on the runtime's clock. */
  readonly at: number;
  /** Grid power read this cycle, W (positive = import); null when the meter read failed. */
  readonly gridW: number | null;
  /** The quantity the setpoint acts on, W (positive = discharge); null when the read failed. */
  readonly controlledW: number | null;
  /** The inverter's AC power, W (positive = discharge); null when the read failed. */
  readonly acW: number | null;
  /** The inverter's SOC, %, where it reports one. */
  readonly socPct: number | null;
  /** The core's clamped setpoint after this cycle's step, W. */
  readonly setpointW: number;
  /** What the device last confirmed, W; null when unknown. */
  readonly writtenW: number | null;
  /** When the last setpoint write (and watchdog refresh) went out, ms; null before one. */
  readonly writtenAt: number | null;
  readonly state: EmsState;
  /** True while setpoint writes are held on purpose (watchdog check). */
  readonly holding: boolean;
}
