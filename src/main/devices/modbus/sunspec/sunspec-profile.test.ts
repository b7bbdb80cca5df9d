import { describe, expect, it } from 'vitest';
import { InverterDriver } from '../drivers/inverter-driver';
import { MemoryTransport } from '../wire/memory-transport';
import { MeterDriver } from '../drivers/meter-driver';
import { deviceProfileSchema } from '../profile/profile-schema';
import { ProfiledDevice } from '../drivers/profiled-device';
import { discoverDevice } from './sunspec-discovery';
import { sunspecModelValues } from './sunspec-encode';
import type { SunSpecModelImage } from './sunspec-image';
import { buildSunSpecImage } from './sunspec-image';
import { MODEL_124 } from './sunspec-models-controls';
import { MODEL_103 } from './sunspec-models-inverter';
import { MODEL_203 } from './sunspec-models-meter';
import { MODEL_704 } from './sunspec-models-704';
import { MODEL_802 } from './sunspec-models-802';
import { profileFromDiscovery } from './sunspec-profile';
import { SunSpecPointSet } from './sunspec-profile-points';

const u16 = (v: number): number => v & 0xffff;

async function deviceWith(models: SunSpecModelImage[]): Promise<MemoryTransport> {
  const t = new MemoryTransport('dev');
  t.set('holding', 40000, buildSunSpecImage([{ id: 1, length: 66 }, ...models]));
  await t.connect();
  return t;
}

const INVERTER_103: SunSpecModelImage = {
  id: 103,
  length: 50,
  values: sunspecModelValues(MODEL_103, { W: -150, W_SF: 1, St: 4, DCA: null }),
};
const STORAGE_124: SunSpecModelImage = {
  id: 124,
  length: 24,
  values: sunspecModelValues(MODEL_124, {
    WChaMax: 500,
    WChaMax_SF: 1,
    ChaState: 655,
    ChaState_SF: -1,
    InOutWRte_RvrtTms: 0,
    InOutWRte_SF: -2,
  }),
};

describe('profileFromDiscovery', () => {
  it('makes a sunspecStorage inverter profile the InverterDriver reads and commands', async () => {
    const t = await deviceWith([INVERTER_103, STORAGE_124]);
    const profile = profileFromDiscovery(await discoverDevice(t), 'inverter');
    expect(deviceProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.addressing).toEqual({ type: 'sunspec', baseAddresses: [40000, 0, 50000] });
    expect(profile.points.DCA).toBeUndefined();
    expect(profile.inverter?.setpoint.method).toBe('sunspecStorage');
    expect(profile.inverter?.watchdog?.timeoutPoint).toBe('InOutWRte_RvrtTms');

    const driver = new InverterDriver(new ProfiledDevice(profile, t));
    await driver.connect();
    const reading = await driver.read();
    expect([reading.activePowerW, reading.socPct, reading.ratedChargeW]).toEqual([
      -1500, 65.5, 5000,
    ]);
    await driver.writeSetpoint(-1000);
    const at124 = 40002 + 68 + 52;
    // Charge at 20 % of 5000 W: OutWRte -20.00 %, InWRte 20.00 %, both limits on; timeout armed.
    expect(t.get('holding', at124 + 12, 2)).toEqual([u16(-2000), 2000]);
    expect(t.get('holding', at124 + 5, 1)).toEqual([3]);
    expect(t.get('holding', at124 + 15, 1)).toEqual([30]);
  });

  it('makes a meter profile from model 203 that the MeterDriver reads', async () => {
    const values = sunspecModelValues(MODEL_203, { W: 12345, W_SF: -1, WphA: 4000, Hz: null });
    const t = await deviceWith([{ id: 203, length: 105, values }]);
    const profile = profileFromDiscovery(await discoverDevice(t), 'meter');
    expect(profile.meter).toEqual({ powerPoint: 'W', powerSign: 1 });
    expect(profile.points.Hz).toBeUndefined();
    const meter = new MeterDriver(new ProfiledDevice(profile, t));
    const r = await meter.read();
    expect([r.gridW, r.points.WphA]).toEqual([1234.5, 400]);
  });

  it('falls back to 704 WSet with SOC and ratings from 802', async () => {
    const t = await deviceWith([
      INVERTER_103,
      { id: 704, length: 65, values: sunspecModelValues(MODEL_704, { WSet: 0, WSet_SF: 0 }) },
      {
        id: 802,
        length: 62,
        values: sunspecModelValues(MODEL_802, { SoC: 50, SoC_SF: 0, WChaRteMax: 3000, W: 7 }),
      },
    ]);
    const profile = profileFromDiscovery(await discoverDevice(t), 'inverter');
    expect(profile.inverter).toMatchObject({
      setpoint: { method: 'signedWatts', point: 'WSet', sign: 1 },
      socPoint: 'SoC',
      ratedChargePoint: 'WChaRteMax',
      watchdog: { timeoutPoint: 'WSetRvrtTms', timeoutS: 30 },
    });
    expect(profile.description).toMatch(/WSetEna must be set to 1/);
    const driver = new InverterDriver(new ProfiledDevice(profile, t));
    await driver.writeSetpoint(2500);
    expect(t.writes.at(-1)?.[1]).toEqual([0, 2500]);
  });

  it('names what is missing when no profile can be made', async () => {
    const inverterOnly = await discoverDevice(await deviceWith([INVERTER_103]));
    expect(() => profileFromDiscovery(inverterOnly, 'meter')).toThrow(
      'no meter model (201-204) found; the device has 1, 103',
    );
    expect(() => profileFromDiscovery(inverterOnly, 'inverter')).toThrow(
      'no model to command power (124 or 704) found; the device has 1, 103',
    );
    const noPower = {
      ...INVERTER_103,
      values: sunspecModelValues(MODEL_103, { W: null, W_SF: 0 }),
    };
    const dead = await discoverDevice(await deviceWith([noPower, STORAGE_124]));
    expect(() => profileFromDiscovery(dead, 'inverter')).toThrow(
      'model 103 at 40070: W is not implemented',
    );
  });
});

describe('SunSpecPointSet', () => {
  it('prefixes the points of a second model whose names clash', async () => {
    const t = await deviceWith([
      INVERTER_103,
      { id: 802, length: 62, values: sunspecModelValues(MODEL_802, { W: 5, W_SF: 0 }) },
    ]);
    const [, inv, battery] = (await discoverDevice(t)).models;
    if (inv === undefined || battery === undefined) throw new Error('models missing');
    const set = new SunSpecPointSet();
    set.add(inv, ['W']);
    expect([...set.add(battery, ['W'])]).toEqual([
      ['W', 'm802_W'],
      ['W_SF', 'm802_W_SF'],
    ]);
    expect(set.points.m802_W).toMatchObject({
      model: 802,
      address: 47,
      scaleFactorPoint: 'm802_W_SF',
    });
  });
});
