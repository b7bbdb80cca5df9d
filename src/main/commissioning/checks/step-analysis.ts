/**
 * The figures of one power step, from the samples of the controlled quantity: pure
 * arithmetic, so it is tested on exact series. Threshold crossings are interpolated between
 * the two samples around them, which gives the device's ramp at better than the poll interval
 * when the ramp is straight, as inverter ramps are.
 */

/** One sample: seconds and watts. */
export interface StepPoint {
  readonly t: number;
  readonly w: number;
}

/** What a step response measured (null: not reached). */
export interface StepFigures {
  /** Command to the first response over 10 % of the step, s. */
  readonly delayS: number | null;
  /** Slope from 10 % to 90 % of the step, W/s (positive). */
  readonly rampWPerS: number | null;
  /** Mean of (measured - target) over the last `steadyWindowS`, W. */
  readonly steadyErrorW: number | null;
  /** Command to the moment from which the output stays within 5 % of the step, s. */
  readonly settleS: number | null;
}

/** The time at which the series first reaches `fraction` of the step (interpolated), or null. */
export function crossingTime(
  points: readonly StepPoint[],
  fromW: number,
  toW: number,
  fraction: number,
): number | null {
  const step = toW - fromW;
  if (step === 0) return null;
  const frac = (w: number): number => (w - fromW) / step;
  for (let i = 0; i < points.length; i += 1) {
    const p = points[i];
    if (p === undefined || frac(p.w) < fraction) continue;
    const prev = points[i - 1];
    if (prev === undefined || frac(prev.w) >= fraction) return p.t;
    const share = (fraction - frac(prev.w)) / (frac(p.w) - frac(prev.w));
    return prev.t + share * (p.t - prev.t);
  }
  return null;
}

/** The figures of a step from `fromW` to `toW` commanded at `t0` (points after t0, in order). */
export function analyseStep(
  points: readonly StepPoint[],
  t0: number,
  fromW: number,
  toW: number,
  steadyWindowS = 3,
): StepFigures {
  const after = points.filter((p) => p.t >= t0);
  const t10 = crossingTime(after, fromW, toW, 0.1);
  const t90 = crossingTime(after, fromW, toW, 0.9);
  const span = Math.abs(toW - fromW);
  const last = after.at(-1);
  const steady = last === undefined ? [] : after.filter((p) => p.t >= last.t - steadyWindowS);
  const band = 0.05 * span;
  let settledFrom: number | null = null;
  for (const p of after) {
    if (Math.abs(p.w - toW) > band) settledFrom = null;
    else settledFrom ??= p.t;
  }
  return {
    delayS: t10 === null ? null : t10 - t0,
    rampWPerS: t10 === null || t90 === null || t90 <= t10 ? null : (0.8 * span) / (t90 - t10),
    steadyErrorW:
      steady.length === 0 ? null : steady.reduce((a, p) => a + (p.w - toW), 0) / steady.length,
    settleS: settledFrom === null ? null : settledFrom - t0,
  };
}
