import type { CheckFn } from './check-context';
import { round } from './check-context';
import { command, mean, settleAt } from './check-steps';

/** How far the ratio may be from ±1 and still count (load and PV move meanwhile). */
const RATIO_TOLERANCE = 0.3;
/** Time to average each level over, ms. */
const AVERAGE_MS = 3000;

/**
 * meterSign: a charge step, then a discharge step of the same size, must move the grid
 * reading the right way by about the step. Charging the battery imports more from the grid,
 * so d(grid)/d(inverter) is -1 on a correctly signed meter; +1 means the meter or its CT is
 * turned around, and the fix (the site's meter.powerSign) is proposed, never applied here.
 */
export const meterSignCheck: CheckFn = async (ctx) => {
  const stepW = Math.min(
    ctx.options.stepW ?? 1000,
    ctx.site.inverterMaxChargeW,
    ctx.site.inverterMaxDischargeW,
  );
  const levels: { gridW: number | null; inverterW: number | null }[] = [];
  for (const target of [-stepW, stepW]) {
    ctx.progress(`${target < 0 ? 'charging' : 'discharging'} ${stepW} W and reading the grid`);
    command(ctx, target);
    await settleAt(ctx, target, 0.1 * stepW, 1000, 20_000);
    const from = ctx.clock.now();
    await ctx.sampler.hold(AVERAGE_MS);
    const window = ctx.sampler.since(from);
    levels.push({
      gridW: mean(window, (s) => s.gridW),
      inverterW: mean(window, (s) => s.controlledW),
    });
  }
  command(ctx, null);
  const charge = levels[0] ?? { gridW: null, inverterW: null };
  const discharge = levels[1] ?? { gridW: null, inverterW: null };
  const measured = {
    stepW,
    gridChargeW: round(charge.gridW),
    gridDischargeW: round(discharge.gridW),
    inverterChargeW: round(charge.inverterW),
    inverterDischargeW: round(discharge.inverterW),
    meterPowerSign: ctx.site.meterPowerSign,
  };
  const diff = (a: number | null, b: number | null): number | null =>
    a === null || b === null ? null : b - a;
  const dGrid = diff(charge.gridW, discharge.gridW);
  const dInv = diff(charge.inverterW, discharge.inverterW);
  if (dGrid === null || dInv === null || Math.abs(dInv) < 0.5 * stepW) {
    return {
      status: 'fail',
      measured: { ...measured, ratio: null },
      message:
        dInv === null || dGrid === null
          ? 'No grid or inverter reading during the steps: check the links first.'
          : `The inverter moved only ${Math.round(dInv)} W for a ${2 * stepW} W swing: run inverterStep first.`,
    };
  }
  const ratio = dGrid / dInv;
  const all = {
    ...measured,
    deltaGridW: round(dGrid),
    deltaInverterW: round(dInv),
    ratio: round(ratio, 2),
  };
  if (Math.abs(ratio + 1) <= RATIO_TOLERANCE) {
    return {
      status: 'pass',
      measured: all,
      message: `Charging raised the grid import and discharging lowered it by about the step (ratio ${ratio.toFixed(2)}).`,
    };
  }
  if (Math.abs(ratio - 1) <= RATIO_TOLERANCE) {
    const fix = ctx.site.meterPowerSign === 1 ? -1 : 1;
    return {
      status: 'fail',
      measured: all,
      message: `The grid reading moved the wrong way (ratio ${ratio.toFixed(2)}): the meter or its CT is reversed. Proposed fix: meter.powerSign ${fix} in this site; apply it only after checking the wiring.`,
      proposedFix: { meterPowerSign: fix },
    };
  }
  return {
    status: 'fail',
    measured: all,
    message: `The grid moved ${Math.round(dGrid)} W for a ${Math.round(dInv)} W inverter swing (ratio ${ratio.toFixed(2)}, expected -1): is the meter at the grid connection point, and did the load change during the test?`,
  };
};
