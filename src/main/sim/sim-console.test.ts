import { describe, expect, it } from 'vitest';
import { formatStatusLine, runConsoleCommand } from './sim-console';
import { SiteModel } from './site-model';

describe('sim console', () => {
  it('toggles faults, alarms, warnings and the ambient temperature', () => {
    const model = new SiteModel({ startAt: 0 });
    expect(runConsoleCommand('meterSilent on', model)).toBe('meterSilent on');
    expect(model.hasFault('meterSilent')).toBe(true);
    expect(runConsoleCommand('  meterSilent   off ', model)).toBe('meterSilent off');
    expect(model.hasFault('meterSilent')).toBe(false);
    expect(runConsoleCommand('alarm over_temperature on', model)).toBe('alarm OVER_TEMPERATURE on');
    expect(model.battery.alarms()).toEqual(['OVER_TEMPERATURE']);
    expect(runConsoleCommand('warning HIGH_TEMPERATURE on', model)).toBe(
      'warning HIGH_TEMPERATURE on',
    );
    expect(model.battery.warnings()).toContain('HIGH_TEMPERATURE');
    expect(runConsoleCommand('ambient 40', model)).toBe('ambient 40 degC');
    expect(runConsoleCommand('help', model)).toContain('bmsSilent');
    expect(runConsoleCommand('', model)).toBe('');
  });

  it('answers a bad command with an error line instead of throwing', () => {
    const model = new SiteModel({ startAt: 0 });
    expect(runConsoleCommand('explode', model)).toBe(
      'error: unknown command "explode" (type help)',
    );
    expect(runConsoleCommand('bmsSilent maybe', model)).toBe(
      'error: expected on or off, got "maybe"',
    );
    expect(runConsoleCommand('alarm FIRE on', model)).toMatch(/^error: unknown BMS alarm "FIRE"/);
    expect(runConsoleCommand('ambient warm', model)).toMatch(/^error: expected a temperature/);
    expect(model.snapshot().faults).toEqual([]);
  });

  it('prints a status line with the power flows, SOC and faults', () => {
    const model = new SiteModel({ startAt: 0, initialSocPct: 64 });
    model.setFault('bmsSilent', true);
    model.advance(1_000);
    const line = formatStatusLine(model);
    expect(line).toMatch(
      /^sim 12:00:01 \| load \d+ W \| pv \d+ W \| inverter 0 W \| grid -?\d+ W \| soc 64\.0 % \| setpoint 0 W \| charged 0\.00 Wh \| discharged 0\.00 Wh \| faults bmsSilent$/,
    );
    const remote = new SiteModel({ startAt: 0, inverterSource: 'remote' });
    expect(formatStatusLine(remote, 'remote inverter 127.0.0.1:5021: timeout')).toContain(
      'remote inverter: remote inverter 127.0.0.1:5021: timeout',
    );
  });
});
