import type { MeasuredValue } from '../../../shared/check-views';
import type { CheckFn, CheckOutcome } from './check-context';
import { CheckAborted, round } from './check-context';
import { command, mean, settleAt } from './check-steps';

/** Longest the check waits for a revert, s (and at most twice the declared timeout). */
const MAX_WAIT_S = 120;
/** After the revert, the device's output is averaged over this long, ms. */
const AFTER_REVERT_MS = 5000;
/** Below this the device counts as reverted to 0 W, W. */
const ZERO_W = 50;

/**
 * watchdog: the inverter is set to a small discharge (default 500 W, at most 20 % of its
 * rating), then the EMS stops refreshing it on purpose while the core still evaluates every
 * limit and fault each cycle (any of them ends the hold with a write). It measures when the
 * device leaves the test power (revertS, from the last refresh) and what it runs then
 * (revertedToW, averaged over 5 s): 0 W passes within 1.5 x the declared timeout; its own
 * dispatch is a warn (expected for a deviceDefault profile); nothing within the cap fails.
 */
export const watchdogCheck: CheckFn = async (ctx): Promise<CheckOutcome> => {
  const rating = Math.min(ctx.site.inverterMaxChargeW, ctx.site.inverterMaxDischargeW);
  const testW = Math.min(ctx.options.testW ?? 500, 0.2 * rating);
  const declaredS = ctx.site.watchdogTimeoutS;
  let readbackS: number | null = null;
  try {
    readbackS = await ctx.runtime.readWatchdogTimeoutS();
  } catch {
    // A failed read-back leaves the declared timeout; the report shows the read-back as unknown.
  }
  const timeoutS = readbackS ?? declaredS;
  const base: Record<string, MeasuredValue> = {
    testW: round(testW),
    declaredTimeoutS: declaredS,
    readbackTimeoutS: readbackS,
    expectedExpiry: ctx.site.onWatchdogExpiry,
  };
  if (timeoutS === null) {
    return {
      status: 'fail',
      measured: base,
      message:
        'The profile declares no watchdog and none can be read: a stopped EMS would leave the inverter running. Use a profile with a revert timer.',
    };
  }
  const capS = Math.min(2 * timeoutS, MAX_WAIT_S);
  ctx.progress(`setting ${Math.round(testW)} W`);
  command(ctx, testW);
  if (!(await settleAt(ctx, testW, 0.2 * testW, 1000, 20_000))) {
    return {
      status: 'fail',
      measured: base,
      message: `The inverter did not reach the test power of ${Math.round(testW)} W: run inverterStep first.`,
    };
  }
  // Hold right after a refresh, so the device's timer starts from a known write.
  const refreshed = await ctx.sampler.waitFor((s) => s.writtenAt === s.at, 2 * timeoutS * 1000);
  const lastRefresh = refreshed?.writtenAt ?? ctx.clock.now();
  ctx.runtime.holdWrites(true);
  ctx.progress(`writes held; waiting up to ${capS} s for the device's watchdog (${timeoutS} s)`);
  const left = Math.max(0, lastRefresh + capS * 1000 - ctx.clock.now());
  const reverted = await ctx.sampler.waitFor((s) => {
    if (!s.holding)
      throw new CheckAborted('a limit or a fault took over the output during the hold');
    return s.controlledW !== null && Math.abs(s.controlledW - testW) > 0.2 * testW;
  }, left);
  if (reverted === null) {
    ctx.runtime.holdWrites(false);
    command(ctx, 0);
    return {
      status: 'fail',
      measured: { ...base, capS, revertS: null, revertedToW: null, revertKind: null },
      message: `Nothing happened within ${capS} s without refresh: the device's watchdog is off or longer than declared. 0 W was written.`,
    };
  }
  const revertS = (reverted.at - lastRefresh) / 1000;
  ctx.progress('watching what the device runs after its revert');
  await ctx.sampler.hold(AFTER_REVERT_MS);
  const revertedToW = mean(
    ctx.sampler.since(reverted.at),
    (s) => s.controlledW,
    reverted.at,
    reverted.at + AFTER_REVERT_MS,
  );
  ctx.runtime.holdWrites(false);
  command(ctx, 0);
  const kind = revertedToW !== null && Math.abs(revertedToW) < ZERO_W ? 'zero' : 'own';
  const measured = {
    ...base,
    capS,
    revertS: round(revertS, 2),
    revertedToW: round(revertedToW),
    revertKind: kind,
  };
  const declared = declaredS ?? timeoutS;
  if (kind === 'zero') {
    return revertS <= 1.5 * declared
      ? {
          status: 'pass',
          measured,
          message: `The inverter went to 0 W ${revertS.toFixed(1)} s after the last refresh (timeout ${timeoutS} s).`,
        }
      : {
          status: 'fail',
          measured,
          message: `The inverter went to 0 W only ${revertS.toFixed(1)} s after the last refresh, over 1.5 x the declared ${declared} s.`,
        };
  }
  const own = `The inverter returned to its own dispatch (${String(measured.revertedToW)} W) ${revertS.toFixed(1)} s after the last refresh`;
  return ctx.site.onWatchdogExpiry === 'deviceDefault'
    ? {
        status: 'warn',
        measured,
        message: `${own}, as its profile (onWatchdogExpiry deviceDefault) says: if the EMS stops, this device keeps running on its own settings.`,
      }
    : {
        status: 'fail',
        measured,
        message: `${own}, but its profile says it goes to 0 W: correct the profile (onWatchdogExpiry deviceDefault) or the device's revert setting.`,
      };
};
