import type { LimitedBy } from '../../shared/ems-names';
import type { LawOutput } from './control-law';
import { finiteOr, nonNegative } from './safe-values';
import type { PowerBand } from './power-limits';
import { clampToBand } from './power-limits';

/** Longest time one step may ramp over, ms: after a pause the output must not jump. */
export const RAMP_DT_CAP_MS = 1000;

/** The output of one step in an active state. */
export interface SetpointResult {
  readonly setpointW: number;
  readonly limitedBy: LimitedBy;
}

/** How the setpoint has moved lately, for the ramp's regular step. */
export interface RampStep {
  /** The ramp's step, ms (CoreConfig.rampStepMs: 250 by default, whatever the poll interval). */
  readonly stepMs: number;
  /** When the setpoint last changed, ms; null before it ever did. */
  readonly movedAt: number | null;
}

/**
 * The ramp allowance for this step, W: rampWPerS x dt, dt capped at RAMP_DT_CAP_MS. A clock
 * that went backwards, a first step and a non-finite ramp setting all allow no movement.
 * With `regular`, a setpoint that has stood still since before this step counts dt as at
 * least its stillness, up to one regular step: an extra cycle soon after the last one then
 * moves as far as a regular cycle would have, and never further.
 */
export function rampAllowanceW(
  rampWPerS: number,
  lastStepAt: number | null,
  now: number,
  regular?: RampStep,
): number {
  if (lastStepAt === null) return 0;
  let dtMs = finiteOr(now - lastStepAt, 0);
  if (regular !== undefined) {
    const full = nonNegative(regular.stepMs);
    const still = regular.movedAt === null ? full : finiteOr(now - regular.movedAt, 0);
    const stepMs = Math.min(full, still);
    if (now - lastStepAt <= stepMs) dtMs = Math.max(dtMs, stepMs);
  }
  dtMs = Math.min(Math.max(dtMs, 0), RAMP_DT_CAP_MS);
  return nonNegative(rampWPerS) * (dtMs / 1000);
}

/**
 * Ramp, then clamp. The ramp acts on the target before the hard band clamp, so a band
 * that shrinks (FAULT aside: a dropped enable flag, a lower CCL/DCL, the SOC floor) cuts
 * the output at once, while ordinary moves are rate limited.
 * limitedBy: the binding band edge if the ramped value was outside the band, else 'ramp'
 * if the ramp cut the target, else 'deadband' if the deadband held it, else 'none'.
 */
export function limitSetpoint(
  law: LawOutput,
  previousW: number,
  allowanceW: number,
  band: PowerBand,
): SetpointResult {
  const prev = finiteOr(previousW, 0);
  const target = finiteOr(law.targetW, 0);
  const allowance = nonNegative(allowanceW);
  const delta = target - prev;
  const rampCut = Math.abs(delta) > allowance;
  const ramped = rampCut ? prev + Math.sign(delta) * allowance : target;
  const clamped = clampToBand(ramped, band);
  let limitedBy: LimitedBy = 'none';
  if (clamped.by !== null) limitedBy = clamped.by;
  else if (rampCut) limitedBy = 'ramp';
  else if (law.heldByDeadband) limitedBy = 'deadband';
  // Normalise -0 so the output compares and serialises as plain 0.
  return { setpointW: clamped.w === 0 ? 0 : clamped.w, limitedBy };
}
