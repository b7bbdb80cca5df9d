import { describe, expect, test } from 'vitest';
import { parseSiteFile, SiteFileError } from './site-loader';
import { siteFileSchema } from './site-schema';

/** The smallest valid site: everything else has a default. */
const MINIMAL = {
  name: 'Plant room',
  meter: { host: '10.0.0.5', profile: 'sunspec-meter-203' },
  inverter: {
    host: '10.0.0.6',
    profile: 'sunspec-storage-124',
    ratedChargeW: 6000,
    ratedDischargeW: 5000,
  },
};

/** Parses `site` as file text, returning the error message (or null when it parses). */
function problem(site: unknown): string | null {
  try {
    parseSiteFile(JSON.stringify(site), 'plant-room.json');
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(SiteFileError);
    return (err as Error).message;
  }
}

describe('site file schema', () => {
  test('applies every documented default', () => {
    const s = siteFileSchema.parse(MINIMAL);
    expect(s.meter).toEqual({
      host: '10.0.0.5',
      port: 502,
      unitId: 1,
      profile: 'sunspec-meter-203',
      timeoutMs: 500,
    });
    expect(s.bms).toBeUndefined();
    expect(s.control).toEqual({
      gridTargetW: 0,
      socMinPct: 10,
      socMaxPct: 95,
      socHysteresisPct: 2,
      rampWPerS: 2000,
      deadbandW: 50,
      gridImportLimitW: null,
      gridExportLimitW: null,
      pollIntervalMs: 125,
      missedPolls: 3,
      recoverSamples: 3,
      recoverHoldMs: 10_000,
      inverterEfficiency: 0.95,
      meterMaxHoldS: 30,
      connectGraceMs: 15_000,
      externalDefaultTtlS: 10,
      defaultOverrideW: 1000,
      autoResume: false,
    });
  });

  test('fills defaults inside a partly given control block and a BMS block', () => {
    const s = siteFileSchema.parse({
      ...MINIMAL,
      control: { socMinPct: 20 },
      bms: { transport: { type: 'memory' } },
    });
    expect(s.control).toMatchObject({ socMinPct: 20, socMaxPct: 95, pollIntervalMs: 125 });
    expect(s.bms).toEqual({
      transport: { type: 'memory' },
      profile: 'pylontech-v1.2',
      framePeriodMs: 1000,
      missedFrames: 3,
    });
  });

  test('a bad field is named by its path', () => {
    const bad = { ...MINIMAL, inverter: { ...MINIMAL.inverter, ratedChargeW: -5 } };
    expect(problem(bad)).toMatch(/^site file plant-room\.json: inverter\.ratedChargeW: /);
    expect(problem({ ...MINIMAL, meter: { ...MINIMAL.meter, port: 70000 } })).toMatch(
      /^site file plant-room\.json: meter\.port: /,
    );
    expect(problem({ ...MINIMAL, control: { pollIntervalMs: '250' } })).toMatch(
      /: control\.pollIntervalMs: /,
    );
  });

  test('a missing required field is named', () => {
    const { name: _name, ...noName } = MINIMAL;
    expect(problem(noName)).toMatch(/^site file plant-room\.json: name: /);
    const { ratedDischargeW: _r, ...inverter } = MINIMAL.inverter;
    expect(problem({ ...MINIMAL, inverter })).toMatch(/: inverter\.ratedDischargeW: /);
  });

  test('an unknown field is rejected, at the top and nested, with its name', () => {
    expect(problem({ ...MINIMAL, controll: {} })).toMatch(/controll/);
    expect(problem({ ...MINIMAL, control: { socMin: 10 } })).toMatch(
      /^site file .*: control: .*socMin/,
    );
    expect(problem({ ...MINIMAL, meter: { ...MINIMAL.meter, unit: 3 } })).toMatch(/meter: .*unit/);
  });

  test('the meter maximum hold is bounded to 5..3600 s', () => {
    for (const bad of [4, 3601, '30']) {
      expect(problem({ ...MINIMAL, control: { meterMaxHoldS: bad } })).toMatch(
        /: control\.meterMaxHoldS: /,
      );
    }
    expect(problem({ ...MINIMAL, control: { meterMaxHoldS: 5 } })).toBeNull();
    expect(problem({ ...MINIMAL, control: { meterMaxHoldS: 3600 } })).toBeNull();
  });

  test('a SOC window that can lock both directions is refused, naming the fields', () => {
    const control = { socMinPct: 45, socMaxPct: 55, socHysteresisPct: 5 };
    expect(problem({ ...MINIMAL, control })).toBe(
      'site file plant-room.json: control.socHysteresisPct: socMaxPct - socMinPct must be more than 2 x socHysteresisPct, or both directions can lock',
    );
    expect(problem({ ...MINIMAL, control: { ...control, socHysteresisPct: 4.9 } })).toBeNull();
  });

  test('socMinPct at or above socMaxPct is rejected with the documented line', () => {
    expect(problem({ ...MINIMAL, control: { socMinPct: 95 } })).toBe(
      'site file plant-room.json: control.socMinPct: socMinPct must be below socMaxPct',
    );
    expect(problem({ ...MINIMAL, control: { socMinPct: 50, socMaxPct: 40 } })).toMatch(
      /control\.socMinPct/,
    );
    expect(problem({ ...MINIMAL, control: { socMinPct: 40, socMaxPct: 50 } })).toBeNull();
  });

  test('BMS transports: each type with its defaults, and bad entries named by path', () => {
    const bms = (transport: unknown): unknown =>
      siteFileSchema.parse({ ...MINIMAL, bms: { transport } }).bms?.transport;
    expect(bms({ type: 'socketcand', host: '10.0.0.5', interface: 'can0' })).toEqual({
      type: 'socketcand',
      host: '10.0.0.5',
      port: 29536,
      interface: 'can0',
    });
    expect(bms({ type: 'slcan', device: '/dev/ttyACM0' })).toEqual({
      type: 'slcan',
      device: '/dev/ttyACM0',
      bitrate: 500000,
      serialBaudRate: 115200,
    });
    expect(bms({ type: 'replay', file: 'bms.log' })).toEqual({
      type: 'replay',
      file: 'bms.log',
      speed: 1,
      loop: false,
    });
    expect(bms({ type: 'socketcan', interface: 'can1' })).toEqual({
      type: 'socketcan',
      interface: 'can1',
    });
    expect(problem({ ...MINIMAL, bms: { transport: { type: 'socketcan' } } })).toMatch(
      /: bms\.transport\.interface: /,
    );
    expect(problem({ ...MINIMAL, bms: { transport: { type: 'canbus' } } })).toMatch(
      /: bms\.transport\.type: /,
    );
    expect(
      problem({ ...MINIMAL, bms: { transport: { type: 'slcan', device: 'COM3', bitrate: 33 } } }),
    ).toMatch(/: bms\.transport\.bitrate: one of 10000, /);
  });

  test('nullable grid limits accept null and numbers, not negatives', () => {
    expect(problem({ ...MINIMAL, control: { gridImportLimitW: null, gridExportLimitW: 0 } })).toBe(
      null,
    );
    expect(problem({ ...MINIMAL, control: { gridExportLimitW: -1 } })).toMatch(
      /control\.gridExportLimitW/,
    );
  });
});
