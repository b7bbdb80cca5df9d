import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../wire/memory-transport';
import { MeterDriver } from './meter-driver';
import { loadProfile } from '../profile/profile-loader';
import { ProfiledDevice } from './profiled-device';
import { buildSunSpecImage } from '../sunspec/sunspec-image';

async function simMeter(gridRegs: [number, number], sign: 1 | -1 = 1): Promise<MeterDriver> {
  const t = new MemoryTransport('meter');
  t.set('holding', 0, [...gridRegs, ...new Array<number>(15).fill(0)]);
  const profile = await loadProfile('sim-meter');
  return new MeterDriver(
    new ProfiledDevice({ ...profile, meter: { powerPoint: 'gridPowerW', powerSign: sign } }, t),
  );
}

describe('MeterDriver', () => {
  it('reads grid power in the project sign (positive = import)', async () => {
    expect((await (await simMeter([0xffff, 0xf830])).read()).gridW).toBe(-2000);
    expect((await (await simMeter([0, 1500])).read()).gridW).toBe(1500);
  });

  it('flips a meter whose positive is export', async () => {
    const meter = await simMeter([0xffff, 0xf830], -1);
    const reading = await meter.read();
    expect(reading.gridW).toBe(2000);
    expect(reading.points.gridPowerW).toBe(-2000);
    expect(meter.lastReadRequests).toBe(1);
  });

  it('rejects with a clear error when the power point is not implemented', async () => {
    await expect((await simMeter([0x8000, 0])).read()).rejects.toThrow(
      'meter: grid power point gridPowerW has no valid value (not implemented or not a number)',
    );
  });

  it('reads a SunSpec 203 meter with its scale factor', async () => {
    const t = new MemoryTransport('m');
    t.set(
      'holding',
      40000,
      buildSunSpecImage([
        { id: 1, length: 66 },
        { id: 203, length: 105, values: { 18: 12345, 22: 0xffff } },
      ]),
    );
    const meter = new MeterDriver(new ProfiledDevice(await loadProfile('sunspec-meter-203'), t));
    await meter.connect();
    expect((await meter.read()).gridW).toBe(1234.5);
    expect(meter.lastReadRequests).toBe(1);
  });

  it("reads the meter's own import and export counters where the profile names them", async () => {
    const t = new MemoryTransport('meter');
    // gridPowerW 0-1, ..., importEnergyWh 12-13 = 70000, exportEnergyWh 14-15 = 1234.
    t.set('holding', 0, [0, 1500, ...new Array<number>(10).fill(0), 1, 4464, 0, 1234, 0]);
    const profile = await loadProfile('sim-meter');
    const withCounters = await new MeterDriver(new ProfiledDevice(profile, t)).read();
    expect(withCounters).toMatchObject({ gridW: 1500, importWh: 70000, exportWh: 1234 });
    const {
      importEnergyPoint: _i,
      exportEnergyPoint: _e,
      ...plain
    } = profile.meter ?? {
      powerPoint: 'gridPowerW',
      powerSign: 1,
    };
    const without = await new MeterDriver(
      new ProfiledDevice({ ...profile, meter: plain }, t),
    ).read();
    expect(without).toMatchObject({ importWh: null, exportWh: null });
  });

  it('refuses a profile that is not a meter', async () => {
    const device = new ProfiledDevice(await loadProfile('sim-inverter'), new MemoryTransport());
    expect(() => new MeterDriver(device)).toThrow(
      'profile "Simulated battery inverter" is not a meter profile',
    );
  });
});
