import { describe, expect, it } from 'vitest';
import { loadProfile, parseProfile } from './profile-loader';

/** The inverter profile's coupling, controlled quantity and watchdog-expiry fields. */

const base = {
  name: 'test inverter',
  kind: 'inverter',
  points: {
    W: { address: 0, type: 'int16', unit: 'W' },
    DCW: { address: 1, type: 'int16', unit: 'W' },
    sp: { address: 2, type: 'int16', unit: 'W', access: 'rw' },
  },
};
const section = {
  powerPoint: 'W',
  setpoint: { method: 'signedWatts', point: 'sp' },
  watchdog: null,
};
const parse = (inverter: Record<string, unknown>): ReturnType<typeof parseProfile> =>
  parseProfile(JSON.stringify({ ...base, inverter: { ...section, ...inverter } }), 'test.json');

describe('inverter coupling and watchdog expiry', () => {
  it('defaults to AC coupling and the unsafe expiry answer, so undeclared devices are warned about', () => {
    expect(parse({}).inverter).toMatchObject({ coupling: 'ac', onWatchdogExpiry: 'deviceDefault' });
  });

  it('refuses a hybrid without a declared controlled quantity, saying why', () => {
    expect(() => parse({ coupling: 'hybrid' })).toThrow(
      /hybrid inverter's AC power includes its PV/,
    );
  });

  it('refuses a controlled term naming a point the profile lacks, and bad signs', () => {
    const terms = [
      { point: 'W', sign: 1 },
      { point: 'PV', sign: -1 },
    ];
    expect(() => parse({ controlled: { quantity: 'batteryPower', terms } })).toThrow(
      /inverter\.controlled\.terms\.1\.point.*"PV"/,
    );
    const badSign = [{ point: 'W', sign: 2 }];
    expect(() => parse({ controlled: { quantity: 'batteryPower', terms: badSign } })).toThrow(
      /sign/,
    );
    expect(() => parse({ onWatchdogExpiry: 'maybe' })).toThrow(/onWatchdogExpiry/);
  });

  it('declares every built-in inverter profile explicitly', async () => {
    const expected = {
      'sim-inverter': ['ac', 'zero'],
      'sunspec-storage-124': ['ac', 'deviceDefault'],
      'sunspec-hybrid-124': ['hybrid', 'deviceDefault'],
    };
    for (const [name, [coupling, expiry]] of Object.entries(expected)) {
      const inverter = (await loadProfile(name)).inverter;
      expect([inverter?.coupling, inverter?.onWatchdogExpiry], name).toEqual([coupling, expiry]);
    }
    const hybrid = (await loadProfile('sunspec-hybrid-124')).inverter?.controlled;
    expect(hybrid).toEqual({
      quantity: 'batteryPower',
      terms: [
        { point: 'W', sign: 1 },
        { point: 'DCW', sign: -1 },
      ],
    });
  });
});
