import type { CheckFn, CheckOutcome } from './check-context';
import { CheckAborted, round } from './check-context';
import { needsStandby } from './check-sampler';
import { command, settleAt } from './check-steps';

/** Recovery (fresh samples, then the hold) may take this long before the check gives up, ms. */
const RECOVER_MS = 60_000;
/** The device counts as at 0 W below this, W. */
const ZERO_W = 50;

/**
 * commLoss: with the inverter at a small discharge, the EMS drops its own meter link in
 * software (no read goes out) and must reach FAULT with 0 W commanded within the site's
 * documented comm-loss bound (safety.md: the later of the staleness time and the failed-poll
 * budget). It then restores the link and waits for the EMS to recover to STANDBY.
 */
export const commLossCheck: CheckFn = async (ctx): Promise<CheckOutcome> => {
  const rating = Math.min(ctx.site.inverterMaxChargeW, ctx.site.inverterMaxDischargeW);
  const testW = Math.min(ctx.options.testW ?? 500, 0.2 * rating);
  const boundMs = ctx.site.commLossBoundMs;
  ctx.progress(`setting ${Math.round(testW)} W`);
  command(ctx, testW);
  await settleAt(ctx, testW, 0.2 * testW, 1000, 20_000);
  // From here FAULT is the expected outcome; only a Stop aborts.
  ctx.sampler.setAbortRule((s) => (s.state === 'STOP' ? 'the EMS was stopped' : null));
  ctx.progress('meter link dropped in software; waiting for FAULT');
  const droppedAt = ctx.clock.now();
  ctx.runtime.dropMeterLink(true);
  let faulted;
  let zeroAt: number | null = null;
  try {
    faulted = await ctx.sampler.waitFor((s) => s.state === 'FAULT', Math.max(10_000, 3 * boundMs));
    if (faulted !== null) {
      const zero = await ctx.sampler.waitFor(
        (s) => s.controlledW !== null && Math.abs(s.controlledW) < ZERO_W,
        15_000,
      );
      zeroAt = zero?.at ?? null;
    }
  } finally {
    ctx.runtime.dropMeterLink(false);
  }
  ctx.progress('meter link restored; waiting for the EMS to recover to STANDBY');
  const recovered = await ctx.sampler.waitFor((s) => s.state === 'STANDBY', RECOVER_MS);
  ctx.sampler.setAbortRule(needsStandby);
  const faultS = faulted === null ? null : (faulted.at - droppedAt) / 1000;
  const measured = {
    testW: round(testW),
    boundS: round(boundMs / 1000, 2),
    faultS: round(faultS, 2),
    setpointAtFaultW: faulted === null ? null : round(faulted.setpointW),
    deviceZeroS: zeroAt === null ? null : round((zeroAt - droppedAt) / 1000, 2),
    recoveredS: recovered === null ? null : round((recovered.at - droppedAt) / 1000, 2),
  };
  if (recovered === null)
    throw new CheckAborted(
      `the EMS did not recover to STANDBY within ${RECOVER_MS / 1000} s after the link came back`,
    );
  if (faulted === null || faultS === null)
    return {
      status: 'fail',
      measured,
      message: 'The EMS did not go to FAULT when the meter link was dropped.',
    };
  if (faulted.setpointW !== 0)
    return {
      status: 'fail',
      measured,
      message: `FAULT was reached with ${faulted.setpointW} W commanded, not 0 W.`,
    };
  if (faultS * 1000 > boundMs)
    return {
      status: 'fail',
      measured,
      message: `FAULT came ${faultS.toFixed(2)} s after the drop, over the bound of ${(boundMs / 1000).toFixed(2)} s.`,
    };
  if (zeroAt === null)
    return {
      status: 'fail',
      measured,
      message: 'FAULT with 0 W commanded, but the inverter did not go to 0 W within 15 s.',
    };
  return {
    status: 'pass',
    measured,
    message: `FAULT with 0 W commanded ${faultS.toFixed(2)} s after the drop (bound ${(boundMs / 1000).toFixed(2)} s); the inverter was at 0 W after ${String(measured.deviceZeroS)} s and the EMS recovered to STANDBY.`,
  };
};
