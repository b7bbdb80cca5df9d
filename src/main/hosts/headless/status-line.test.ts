import { ZERO_ENERGY } from '../../../shared/energy';
import { describe, expect, test } from 'vitest';
import { EMS_STATES } from '../../../shared/ems-names';
import type { EmsSnapshot } from '../../../shared/snapshot';
import { toStatusLine } from './status-line';

const LINK = { health: 'ok', ageMs: 10, lastError: null } as const;
const BASE: EmsSnapshot = {
  time: '2024-01-01T00:00:00.000Z',
  site: { id: 'test', name: 'Test site' },
  state: 'SELF_CONSUMPTION',
  mode: 'SELF_CONSUMPTION',
  pendingMode: null,
  gridW: -408,
  inverterW: -4798,
  soc: 50,
  setpointW: -5000,
  limitedBy: 'inverterRating',
  band: { lowerW: -5000, upperW: 5000, lowerBy: 'inverterRating', upperBy: 'inverterRating' },
  ratings: { maxChargeW: 5000, maxDischargeW: 5000 },
  socWindow: { minPct: 10, maxPct: 95 },
  gridTargetW: 0,
  overrideW: 1000,
  external: null,
  modbusOk: true,
  canOk: null,
  links: { meter: LINK, inverter: LINK, bms: null },
  bms: null,
  faults: [],
  needsAck: false,
  warnings: [],
  energyToday: ZERO_ENERGY,
  energySession: ZERO_ENERGY,
  pvW: null,
  loadW: null,
};

describe('toStatusLine', () => {
  test('has exactly the documented flat fields, in order', () => {
    const line = toStatusLine(BASE);
    expect(Object.keys(line)).toEqual([
      'time',
      'state',
      'mode',
      'gridW',
      'inverterW',
      'soc',
      'setpointW',
      'limitedBy',
      'modbusOk',
      'canOk',
      'faults',
    ]);
    expect(JSON.stringify(line)).toBe(
      '{"time":"2024-01-01T00:00:00.000Z","state":"SELF_CONSUMPTION","mode":"SELF_CONSUMPTION","gridW":-408,"inverterW":-4798,"soc":50,"setpointW":-5000,"limitedBy":"inverterRating","modbusOk":true,"canOk":null,"faults":[]}',
    );
  });

  test('stale values stay null', () => {
    const line = toStatusLine({ ...BASE, gridW: null, inverterW: null, soc: null, canOk: false });
    expect(line).toMatchObject({ gridW: null, inverterW: null, soc: null, canOk: false });
  });

  test('faults are listed by code', () => {
    const since = BASE.time;
    const line = toStatusLine({
      ...BASE,
      state: 'FAULT',
      faults: [
        { code: 'METER_COMM_LOSS', message: 'meter silent', since },
        { code: 'BMS_COMM_LOSS', message: 'BMS silent', since },
      ],
    });
    expect(line.faults).toEqual(['METER_COMM_LOSS', 'BMS_COMM_LOSS']);
  });

  test('setpointW is 0 outside SELF_CONSUMPTION and EXTERNAL_CONTROL', () => {
    const shown = EMS_STATES.map((state) => [state, toStatusLine({ ...BASE, state }).setpointW]);
    expect(Object.fromEntries(shown)).toEqual({
      STOP: 0,
      STANDBY: 0,
      SELF_CONSUMPTION: -5000,
      EXTERNAL_CONTROL: -5000,
      FAULT: 0,
    });
  });

  test('a pending mode, BMS values and warnings are added only when present', () => {
    const line = toStatusLine({
      ...BASE,
      pendingMode: 'CHARGE_ONLY',
      warnings: ['no watchdog'],
      bms: {
        socPct: 50,
        sohPct: null,
        voltageV: 52.1,
        currentA: -3,
        temperatureC: 20,
        chargeCurrentLimitA: 50,
        dischargeCurrentLimitA: 60,
        chargeEnabled: true,
        dischargeEnabled: true,
        alarms: [],
        warnings: [],
      },
    });
    expect(line.pendingMode).toBe('CHARGE_ONLY');
    expect(line.warnings).toEqual(['no watchdog']);
    expect(line.bms).toEqual({
      voltageV: 52.1,
      currentA: -3,
      temperatureC: 20,
      cclA: 50,
      dclA: 60,
    });
  });
});
