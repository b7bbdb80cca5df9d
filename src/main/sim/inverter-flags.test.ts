import { describe, expect, it } from 'vitest';
import { CliArgError, parseSimArgs } from './cli-args';
import { InverterModel } from './inverter-model';

const run = (argv: string[]): ReturnType<typeof parseSimArgs> => parseSimArgs(argv);
const bounds = { maxChargeW: 10_000, maxDischargeW: 10_000 };

describe('inverter response flags', () => {
  it('parse into the inverter options', () => {
    const c = run([
      '--inverter-ramp',
      '500',
      '--inverter-delay=0.8',
      '--inverter-lag',
      '0',
      '--watchdog-timeout',
      '6',
      '--watchdog-revert',
      'own:-700',
    ]);
    expect(c).toMatchObject({
      kind: 'run',
      options: {
        inverter: {
          rampWPerS: 500,
          deadTimeS: 0.8,
          lagS: 0,
          watchdogTimeoutS: 6,
          revertToW: -700,
        },
      },
    });
  });

  it.each([
    [['--inverter-ramp', '0'], /--inverter-ramp must be a ramp/],
    [['--inverter-delay', '-1'], /--inverter-delay must be/],
    [['--inverter-lag', 'x'], /--inverter-lag must be/],
    [['--watchdog-timeout', '2.5'], /--watchdog-timeout must be whole seconds/],
    [['--watchdog-revert', 'own'], /--watchdog-revert must be zero or own:W/],
    [['--only', 'meter', '--inverter-ramp', '100'], /do not apply with --only meter/],
  ])('%j is refused naming the flag', (argv, message) => {
    expect(() => run(argv)).toThrow(CliArgError);
    expect(() => run(argv)).toThrow(message);
  });
});

describe('inverter model dead time and revert', () => {
  it('holds the old power for the dead time, then ramps at the configured rate', () => {
    const inv = new InverterModel(0, { rampWPerS: 500, lagS: 0, deadTimeS: 1 });
    inv.writeSetpoint(0, 1000);
    expect(inv.step(900, bounds)).toBe(0);
    inv.step(1000, bounds);
    expect(inv.step(2000, bounds)).toBeCloseTo(500, 6);
    expect(inv.step(3500, bounds)).toBe(1000);
  });

  it('reverts to its own dispatch when the watchdog expires', () => {
    const inv = new InverterModel(0, {
      rampWPerS: 10_000,
      lagS: 0,
      watchdogTimeoutS: 5,
      revertToW: -800,
    });
    inv.writeSetpoint(0, 500);
    expect(inv.step(1000, bounds)).toBe(500);
    expect(inv.step(5000, bounds)).toBe(-800);
    expect(inv.setpointW).toBe(-800);
    expect(inv.reverts).toEqual([{ at: 5000, fromW: 500 }]);
  });
});
