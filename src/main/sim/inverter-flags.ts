import type { InverterOptions } from './inverter-model';

/**
 * The simulator flags that shape the inverter's response, so the commissioning checks have
 * something known to measure: its ramp, its dead time, its watchdog timeout and what it does
 * when the watchdog expires. Pure parsing; a bad value is an Error naming the flag.
 */

/** The flags, as given on the command line. */
export const INVERTER_FLAGS = [
  '--inverter-ramp',
  '--inverter-delay',
  '--inverter-lag',
  '--watchdog-timeout',
  '--watchdog-revert',
] as const;
/** One of {@link INVERTER_FLAGS}. */
export type InverterFlag = (typeof INVERTER_FLAGS)[number];

/** Help lines of the flags, for the simulator's usage text. */
export const INVERTER_FLAGS_USAGE = `  --inverter-ramp W/S     fastest change of the inverter's power, W/s (default 3000)
  --inverter-delay S      dead time from a setpoint write to the power moving, s (default 0)
  --inverter-lag S        time constant of the power stage after the ramp, s (default 0.3;
                          0 makes the measured ramp equal --inverter-ramp)
  --watchdog-timeout S    watchdog timeout at start-up, whole seconds 1..3600 (default 10;
                          the EMS writes its profile's timeout where the register exists)
  --watchdog-revert R     what the inverter does when the watchdog expires: zero (default)
                          or own:W, its own dispatch at W watts (+ discharge, - charge)`;

/** Parses the given inverter flags; throws an Error naming the first bad one. */
export function parseInverterFlags(
  text: (flag: InverterFlag) => string | undefined,
  fail: (message: string) => never,
): Partial<InverterOptions> {
  const num = (
    flag: InverterFlag,
    ok: (n: number) => boolean,
    expected: string,
  ): number | undefined => {
    const raw = text(flag);
    if (raw === undefined) return undefined;
    const n = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(n) || !ok(n)) fail(`${flag} must be ${expected}, got "${raw}"`);
    return n;
  };
  const ramp = num('--inverter-ramp', (n) => n > 0 && n <= 1_000_000, 'a ramp in W/s, > 0');
  const delay = num('--inverter-delay', (n) => n >= 0 && n <= 60, 'a dead time in s, 0..60');
  const lag = num('--inverter-lag', (n) => n >= 0 && n <= 60, 'a time constant in s, 0..60');
  const timeout = num(
    '--watchdog-timeout',
    (n) => Number.isInteger(n) && n >= 1 && n <= 3_600,
    'whole seconds 1..3600',
  );
  const revert = text('--watchdog-revert');
  let revertToW: number | undefined;
  if (revert !== undefined) {
    const own = /^own:(-?\d+(?:\.\d+)?)$/.exec(revert);
    if (revert === 'zero') revertToW = 0;
    else if (own !== null && Math.abs(Number(own[1])) <= 100_000) revertToW = Number(own[1]);
    else fail(`--watchdog-revert must be zero or own:W (e.g. own:-800), got "${revert}"`);
  }
  return {
    ...(ramp !== undefined ? { rampWPerS: ramp } : {}),
    ...(delay !== undefined ? { deadTimeS: delay } : {}),
    ...(lag !== undefined ? { lagS: lag } : {}),
    ...(timeout !== undefined ? { watchdogTimeoutS: timeout } : {}),
    ...(revertToW !== undefined ? { revertToW } : {}),
  };
}
