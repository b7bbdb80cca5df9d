import type { CoreConfig } from './core-config';
import type { CoreState, TestOutput } from './core-state';
import type { CommandOutcome } from './command-outcome';
import { accept, reject, unchanged } from './command-outcome';
import { finiteOrNull } from './safe-values';
import type { SetpointResult } from './setpoint';
import { limitSetpoint, rampAllowanceW } from './setpoint';

/**
 * A commissioning test output: a fixed power that a check (meter sign, step response,
 * watchdog) asks of the inverter while the EMS sits in STANDBY, mode IDLE. It goes through
 * the same band clamp as every other output (ratings, BMS limits, SOC guard, grid limits),
 * so a check can never ask more than the site allows. Any state change (a fault, a stop, a
 * mode) drops it, and the output returns to 0 W on that same step.
 */

export type { TestOutput } from './core-state';

/** Why a test output cannot be set now, or null when it can. */
function refusal(s: CoreState): string | null {
  if (s.state !== 'STANDBY' || s.mode !== 'IDLE')
    return `a check runs only in STANDBY (mode IDLE); the EMS is in ${s.state} (mode ${s.mode})`;
  if (s.pendingMode !== null)
    return `a check cannot run while mode ${s.pendingMode} is pending; set mode IDLE first`;
  return null;
}

/**
 * Sets (or with null clears) the test output. Refused outside STANDBY/IDLE and for a power
 * that is not a finite number; clearing is always accepted and takes the output to 0 W.
 */
export function setTestOutput(
  s: CoreState,
  test: TestOutput | null,
  now: number,
  config: CoreConfig,
): CommandOutcome {
  if (test === null) {
    const stopped = { ...s, test: null };
    const zero = s.state === 'STANDBY' ? { setpointW: 0, limitedBy: 'none' as const } : {};
    return accept(unchanged({ ...stopped, ...zero }));
  }
  const why = refusal(s);
  if (why !== null) return reject(s, now, 'testOutput', why);
  const watts = finiteOrNull(test.watts);
  if (watts === null) return reject(s, now, 'testOutput', 'watts must be a finite number');
  const rating = watts >= 0 ? config.inverterMaxDischargeW : config.inverterMaxChargeW;
  if (Math.abs(watts) > rating)
    return reject(s, now, 'testOutput', `${watts} W is above the inverter rating (${rating} W)`);
  return accept(unchanged({ ...s, test: { watts, bypassRamp: test.bypassRamp === true } }));
}

/**
 * The output of a running test on this step, or null when none applies (no test, or the
 * state is no longer STANDBY/IDLE). The band always applies; the ramp unless bypassed.
 */
export function testSetpoint(
  s: CoreState,
  config: CoreConfig,
  lastStepAt: number | null,
  now: number,
): SetpointResult | null {
  const test = s.test ?? null;
  if (test === null || s.state !== 'STANDBY' || s.mode !== 'IDLE') return null;
  // Bypassed: the whole move in one step (the band below still clamps it).
  const allowance = test.bypassRamp
    ? Math.abs(test.watts - s.setpointW)
    : rampAllowanceW(config.rampWPerS, lastStepAt, now);
  return limitSetpoint(
    { targetW: test.watts, heldByDeadband: false },
    s.setpointW,
    allowance,
    s.band,
  );
}
