import type { MeasuredValue } from '../../../shared/check-views';
import type { CheckContext, CheckFn, CheckOutcome } from './check-context';
import { round } from './check-context';
import { command, commandAndMark, mean, settleAt } from './check-steps';
import { analyseStep, type StepFigures } from './step-analysis';

/** Longest a step is watched, ms. */
const STEP_WATCH_MS = 30_000;
/** The output counts as steady after this long within 5 % of the step, ms. */
const STEADY_MS = 3000;

interface StepRun extends StepFigures {
  readonly targetW: number;
  /** What the core commanded after its limits (less than the target when a limit cut it). */
  readonly commandedW: number;
}

/** One step from rest to `targetW`, commanded without the site ramp, watched until steady. */
async function runStep(ctx: CheckContext, targetW: number): Promise<StepRun> {
  const span = Math.abs(targetW);
  ctx.progress('waiting for the inverter to rest at 0 W');
  command(ctx, 0);
  await settleAt(ctx, 0, 0.05 * span, 1000, 15_000);
  const restFrom = ctx.clock.now() - 1000;
  const fromW = mean(ctx.sampler.since(restFrom), (s) => s.controlledW) ?? 0;
  ctx.progress(`${targetW < 0 ? 'charge' : 'discharge'} step to ${Math.abs(targetW)} W`);
  const mark = await commandAndMark(ctx, targetW);
  const commandedW = mark.setpointW;
  await settleAt(ctx, commandedW, 0.05 * span, STEADY_MS, STEP_WATCH_MS);
  const points = ctx.sampler
    .since(mark.at)
    .filter((s) => s.controlledW !== null)
    .map((s) => ({ t: s.at / 1000, w: s.controlledW ?? 0 }));
  return { targetW, commandedW, ...analyseStep(points, mark.at / 1000, fromW, commandedW) };
}

const r2 = (v: number | null): number | null => round(v, 2);

/** The per-direction figures, prefixed (chargeDelayS, dischargeRampWPerS, ...). */
function figures(prefix: string, r: StepRun): Record<string, MeasuredValue> {
  return {
    [`${prefix}DelayS`]: r2(r.delayS),
    [`${prefix}RampWPerS`]: round(r.rampWPerS),
    [`${prefix}SteadyErrorW`]: round(r.steadyErrorW),
    [`${prefix}SettleS`]: r2(r.settleS),
    [`${prefix}CommandedW`]: round(r.commandedW),
  };
}

/** The worse of two figures (null wins: not measured). */
function worst(
  a: number | null,
  b: number | null,
  pick: (x: number, y: number) => number,
): number | null {
  return a === null || b === null ? null : pick(a, b);
}

/**
 * inverterStep: a charge and a discharge step of `stepW` (default 1 kW), each from rest,
 * commanded without the core's ramp so that the device's own response shows; the band
 * (ratings, BMS, SOC, grid limits) still clamps them. Measures, per direction and as the
 * worse of the two: delayS (to 10 %), rampWPerS (10-90 %), steadyErrorW (last 3 s) and
 * settleS (from then on within 5 %).
 */
export const inverterStepCheck: CheckFn = async (ctx): Promise<CheckOutcome> => {
  const stepW = ctx.options.stepW ?? 1000;
  const charge = await runStep(ctx, -Math.min(stepW, ctx.site.inverterMaxChargeW));
  const discharge = await runStep(ctx, Math.min(stepW, ctx.site.inverterMaxDischargeW));
  command(ctx, 0);
  const measured: Record<string, MeasuredValue> = {
    stepW,
    delayS: r2(worst(charge.delayS, discharge.delayS, Math.max)),
    rampWPerS: round(worst(charge.rampWPerS, discharge.rampWPerS, Math.min)),
    steadyErrorW: round(
      worst(charge.steadyErrorW, discharge.steadyErrorW, (a, b) =>
        Math.abs(a) >= Math.abs(b) ? a : b,
      ),
    ),
    settleS: r2(worst(charge.settleS, discharge.settleS, Math.max)),
    ...figures('charge', charge),
    ...figures('discharge', discharge),
  };
  const limited = [charge, discharge].filter((r) => Math.abs(r.commandedW - r.targetW) >= 1);
  // A step that a site limit cut to (almost) nothing has nothing to measure: say which, and
  // why, rather than blame the device for not moving.
  const blocked = [charge, discharge].filter(
    (r) => r.commandedW * Math.sign(r.targetW) < 0.1 * stepW,
  );
  if (blocked.length > 0) {
    return {
      status: 'fail',
      measured,
      message: `A site limit cut the ${blocked.map((r) => `${r.targetW < 0 ? 'charge' : 'discharge'} step to ${Math.round(r.commandedW)} W`).join(' and the ')}, so there was nothing to measure (Live shows the limit as "limited by"). Run it again when the site allows a ${stepW} W step (e.g. PV export under the grid limit, SOC inside its window), or with a smaller step.`,
    };
  }
  const noResponse = [charge, discharge].filter((r) => r.delayS === null);
  if (noResponse.length > 0) {
    return {
      status: 'fail',
      measured,
      message: `The inverter did not respond to the ${noResponse.map((r) => (r.targetW < 0 ? 'charge' : 'discharge')).join(' and ')} step within ${STEP_WATCH_MS / 1000} s: is it in remote control mode?`,
    };
  }
  const unsettled = [charge, discharge].filter(
    (r) => r.settleS === null || r.steadyErrorW === null || Math.abs(r.steadyErrorW) > 0.05 * stepW,
  );
  if (unsettled.length > 0) {
    return {
      status: 'fail',
      measured,
      message: `The inverter did not hold the step within 5 % (steady error ${String(measured['steadyErrorW'])} W): check its own limits and the profile's scaling.`,
    };
  }
  const text = `Delay ${String(measured['delayS'])} s, ramp ${String(measured['rampWPerS'])} W/s, settled in ${String(measured['settleS'])} s, steady error ${String(measured['steadyErrorW'])} W.`;
  if (limited.length > 0) {
    return {
      status: 'warn',
      measured,
      message: `${text} A site limit cut the step to ${limited.map((r) => `${Math.round(r.commandedW)} W`).join(' / ')}: the figures are for that step.`,
    };
  }
  return { status: 'pass', measured, message: text };
};
