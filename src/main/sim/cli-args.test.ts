import { describe, expect, it } from 'vitest';
import { parseSimArgs } from './cli-args';

describe('sim command line', () => {
  it('has the documented defaults', () => {
    expect(parseSimArgs([])).toEqual({
      kind: 'run',
      options: {
        meterPort: 5020,
        inverterPort: 5021,
        host: '127.0.0.1',
        inverterAt: { host: '127.0.0.1', port: 5021 },
        canPort: 29536,
      },
    });
  });

  it('reads every flag, in both --flag value and --flag=value form', () => {
    const cmd = parseSimArgs([
      '--meter-port=0',
      '--inverter-port',
      '1502',
      '--host',
      '0.0.0.0',
      '--only',
      'meter',
      '--inverter-at=10.0.0.5:502',
      '--seed',
      '42',
      '--soc',
      '12.5',
      '--speed=60',
      '--time',
      '20:30',
    ]);
    expect(cmd).toEqual({
      kind: 'run',
      options: {
        meterPort: 0,
        inverterPort: 1502,
        host: '0.0.0.0',
        only: 'meter',
        inverterAt: { host: '10.0.0.5', port: 502 },
        seed: 42,
        socPct: 12.5,
        speed: 60,
        startTimeOfDayS: 20.5 * 3_600,
        canPort: null,
      },
    });
    expect(parseSimArgs(['--can-port', '0', '--bms-profile=pylontech-v1.3'])).toMatchObject({
      options: { canPort: 0, canPortExplicit: true, bmsProfile: 'pylontech-v1.3' },
    });
    expect(parseSimArgs(['--seed', '1', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus'], /unknown flag --bogus/],
    [['--can-port', '99999'], /--can-port must be a TCP port 0\.\.65535/],
    [['--only', 'meter', '--can-port', '1'], /--can-port does not apply with --only meter/],
    [['--only', 'meter', '--bms-profile', 'x'], /--bms-profile does not apply with --only meter/],
    [['5020'], /unexpected argument "5020"/],
    [['--meter-port'], /--meter-port needs a value/],
    [['--meter-port', '--seed', '1'], /--meter-port needs a value/],
    [['--meter-port', '70000'], /--meter-port must be a TCP port 0\.\.65535, got "70000"/],
    [['--inverter-port', '5o21'], /--inverter-port must be a TCP port/],
    [['--only', 'battery'], /--only must be "meter" or "inverter"/],
    [['--inverter-at', 'x:1'], /--inverter-at only applies with --only meter/],
    [['--only', 'meter', '--inverter-at', 'nohost'], /--inverter-at must be host:port/],
    [['--only', 'meter', '--inverter-at', 'h:0'], /--inverter-at must be a TCP port 1\.\.65535/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--soc', '101'], /--soc must be a percentage 0\.\.100, got "101"/],
    [['--soc', '-5'], /--soc must be a percentage/],
    [['--speed', '0'], /--speed must be a factor/],
    [['--seed', '1', '--seed', '2'], /--seed given twice/],
    [['--time', '24:00'], /--time must be a time of day/],
    [['--time', '8pm'], /--time must be a time of day HH:MM/],
    [['--meter-period', '0'], /--meter-period must be seconds in 0\.05\.\.60, got "0"/],
    [['--meter-period', '61'], /--meter-period must be seconds/],
    [['--meter-period', 'fast'], /--meter-period must be seconds/],
  ])('rejects %j naming the flag', (args, message) => {
    expect(() => parseSimArgs(args)).toThrow(message);
  });

  it('--meter-period takes seconds', () => {
    const parsed = parseSimArgs(['--meter-period', '1.5']);
    expect(parsed.kind === 'run' && parsed.options.meterPeriodS).toBe(1.5);
  });
});
