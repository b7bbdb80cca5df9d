/**
 * Watches whether the inverter does what it is told. A write that the device acknowledges
 * but does not perform (a gateway that swallows it, an inverter not in remote-control mode,
 * a register the firmware ignores) leaves the EMS believing it controls a battery that in
 * fact runs on: no comm fault ever fires, because every read and write succeeds.
 *
 * Two checks, each for longer than a hold time, so ramps and a device that applies a
 * register a cycle late do not count:
 * - the setpoint register read back differs from the value last written and acknowledged
 *   (only where the profile reads the setpoint back);
 * - the measured power lies outside the band from 0 W to the commanded setpoint: more than
 *   asked, or the other direction. Delivering less than asked is not a fault: an inverter
 *   derating by itself (its own battery limits, temperature) moves toward the safe side.
 */

/** Settings of the check. */
export interface FollowCheckOptions {
  /** Deviation that does not count, W. */
  readonly toleranceW: number;
  /** How long the read-back setpoint may differ from the written one, ms. */
  readonly readbackHoldMs: number;
  /** How long the power may stay outside the commanded band, ms (covers the inverter's ramp to 0). */
  readonly powerHoldMs: number;
}

/** The defaults: 5 % of the larger rating (at least 100 W), 2 s for the read-back, 5 s for the power. */
export function defaultFollowCheck(largerRatingW: number): FollowCheckOptions {
  const rating = Number.isFinite(largerRatingW) && largerRatingW > 0 ? largerRatingW : 0;
  return { toleranceW: Math.max(100, 0.05 * rating), readbackHoldMs: 2000, powerHoldMs: 5000 };
}

/** One inverter reading with what the EMS asked of it. */
export interface FollowSample {
  readonly now: number;
  /**
   * The measured controlled quantity, W (positive = discharge): the one the setpoint acts on
   * (battery power on a SunSpec 124 hybrid, not its AC power, which includes PV).
   */
  readonly controlledW: number;
  /** The setpoint register as read back, W; null when the device offers none to read. */
  readonly setpointReadbackW: number | null;
  /** The setpoint the device last acknowledged, W; null before the first write. */
  readonly acknowledgedW: number | null;
  /** The setpoint the EMS commands now, W. */
  readonly commandedW: number;
}

const w = (watts: number): string => `${Math.round(watts)} W`;

/** Tracks how long the inverter has not followed; one per inverter link. */
export class FollowWatch {
  private readbackSince: number | null = null;
  private powerSince: number | null = null;

  constructor(private readonly options: FollowCheckOptions) {}

  /** Forgets any deviation seen so far (the EMS let go of the inverter, e.g. in STOP). */
  reset(): void {
    this.readbackSince = null;
    this.powerSince = null;
  }

  /** Takes one reading; returns why the inverter is not following, or null while it is (or not yet for long enough). */
  update(s: FollowSample): string | null {
    const tol = this.options.toleranceW;
    const readbackOff =
      s.setpointReadbackW !== null &&
      s.acknowledgedW !== null &&
      Number.isFinite(s.setpointReadbackW) &&
      Math.abs(s.setpointReadbackW - s.acknowledgedW) > tol;
    const low = Math.min(0, s.commandedW) - tol;
    const high = Math.max(0, s.commandedW) + tol;
    const powerOff =
      Number.isFinite(s.controlledW) && (s.controlledW < low || s.controlledW > high);
    this.readbackSince = readbackOff ? (this.readbackSince ?? s.now) : null;
    this.powerSince = powerOff ? (this.powerSince ?? s.now) : null;
    const { readbackHoldMs, powerHoldMs } = this.options;
    if (this.readbackSince !== null && s.now - this.readbackSince >= readbackHoldMs) {
      return `Inverter not following: its setpoint register reads ${w(s.setpointReadbackW ?? 0)} but ${w(s.acknowledgedW ?? 0)} was written and acknowledged (for over ${readbackHoldMs / 1000} s)`;
    }
    if (this.powerSince !== null && s.now - this.powerSince >= powerHoldMs) {
      return `Inverter not following: it delivers ${w(s.controlledW)} while ${w(s.commandedW)} is commanded (for over ${powerHoldMs / 1000} s)`;
    }
    return null;
  }
}
