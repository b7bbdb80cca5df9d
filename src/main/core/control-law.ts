import type { RunMode } from '../../shared/ems-names';
import { finiteOr, finiteOrNull, nonNegative } from './safe-values';

/**
 * The control law: one pure function per run mode, returning the unlimited target
 * (inverter sign: positive = discharge, negative = charge). Ramp and limits come after.
 * No integrator: the law reads the measured inverter power, so nothing can wind up
 * against a clamp.
 */

/** What a law may read: fresh values only (null = not fresh). */
export interface LawInputs {
  /** Grid power, W, positive = import; null when stale. */
  readonly gridW: number | null;
  /** Measured inverter power, W, positive = discharge; null when stale. */
  readonly inverterW: number | null;
  /**
   * True when the meter delivered a new sample this step (meter-freshness.ts). Between
   * samples self-consumption holds `heldTargetW` rather than adding the same error again.
   */
  readonly gridIsNew: boolean;
  /** The target of this mode's last new meter sample, W; null when none. */
  readonly heldTargetW: number | null;
  /**
   * PV power behind the inverter now, W, from the inverter's own (fresh) reading; null when
   * the profile reads none (AC coupling) or the reading is stale.
   */
  readonly pvW: number | null;
  /** The PV power when the held target was computed, W; null when unknown. */
  readonly heldPvW: number | null;
  /** Grid exchange to steer to, W. */
  readonly gridTargetW: number;
  /** Deadband around the grid target, W. */
  readonly deadbandW: number;
  /** Operator override magnitude, W (>= 0). */
  readonly overrideW: number;
  /** The external setpoint and its expiry; null when none. */
  readonly external: { readonly watts: number; readonly expiresAt: number } | null;
  /** The setpoint of the previous step, W. */
  readonly previousW: number;
  readonly now: number;
}

/** A law's answer: the target and whether the deadband held the previous setpoint. */
export interface LawOutput {
  readonly targetW: number;
  readonly heldByDeadband: boolean;
}

const ZERO: LawOutput = { targetW: 0, heldByDeadband: false };

/** IDLE: 0 W. */
export function idleLaw(_inputs: LawInputs): LawOutput {
  return ZERO;
}

/**
 * SELF_CONSUMPTION: target = P_inverter + P_grid - gridTarget, so the grid settles at the
 * target. Inside the deadband (|P_grid - gridTarget| <= deadbandW) the previous setpoint is
 * held, which stops small charge/discharge flicker. The law acts once per meter sample:
 * when the meter has not refreshed since the last step it holds its last target (the ramp
 * keeps moving towards it), since the same grid reading against a moving inverter would
 * count the same error again. Without fresh data: 0 W.
 *
 * Between meter samples, a hybrid inverter's own PV reading (fresh every poll) still tells
 * what a cloud does to the grid: PV that drops by d raises the import by d, so the held
 * target moves by the PV change since its sample. A meter that refreshes once a second
 * would otherwise show a cloud up to a second late. The house load has no such reading, so
 * its steps still wait for the meter.
 */
export function selfConsumptionLaw(inputs: LawInputs): LawOutput {
  if (inputs.gridW === null || inputs.inverterW === null) return ZERO;
  if (!inputs.gridIsNew && inputs.heldTargetW !== null) {
    const pvChange =
      inputs.pvW === null || inputs.heldPvW === null ? 0 : inputs.heldPvW - inputs.pvW;
    return { targetW: finiteOr(inputs.heldTargetW + pvChange, 0), heldByDeadband: false };
  }
  const error = inputs.gridW - finiteOr(inputs.gridTargetW, 0);
  if (Math.abs(error) <= nonNegative(inputs.deadbandW)) {
    return { targetW: finiteOr(inputs.previousW, 0), heldByDeadband: true };
  }
  return { targetW: finiteOr(inputs.inverterW + error, 0), heldByDeadband: false };
}

/** CHARGE_ONLY: charge at the override power (target = -overrideW). */
export function chargeOnlyLaw(inputs: LawInputs): LawOutput {
  const w = nonNegative(inputs.overrideW);
  return { targetW: w === 0 ? 0 : -w, heldByDeadband: false };
}

/** DISCHARGE_ONLY: discharge at the override power (target = +overrideW). */
export function dischargeOnlyLaw(inputs: LawInputs): LawOutput {
  return { targetW: nonNegative(inputs.overrideW), heldByDeadband: false };
}

/** EXTERNAL: the external setpoint until it expires (now >= expiresAt), then 0 W. */
export function externalLaw(inputs: LawInputs): LawOutput {
  const ext = inputs.external;
  if (ext === null) return ZERO;
  const expiresAt = finiteOrNull(ext.expiresAt);
  if (expiresAt === null || !(inputs.now < expiresAt)) return ZERO;
  return { targetW: finiteOr(ext.watts, 0), heldByDeadband: false };
}

/** The law of each run mode. */
export const CONTROL_LAWS: Readonly<Record<RunMode, (inputs: LawInputs) => LawOutput>> = {
  IDLE: idleLaw,
  SELF_CONSUMPTION: selfConsumptionLaw,
  CHARGE_ONLY: chargeOnlyLaw,
  DISCHARGE_ONLY: dischargeOnlyLaw,
  EXTERNAL: externalLaw,
};
