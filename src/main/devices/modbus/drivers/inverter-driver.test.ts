import { describe, expect, it } from 'vitest';
import { InverterDriver } from './inverter-driver';
import { MemoryTransport } from '../wire/memory-transport';
import { ModbusConnectionError } from '../wire/modbus-errors';
import { loadProfile } from '../profile/profile-loader';
import type { DeviceProfile } from '../profile/profile-schema';
import { ProfiledDevice } from './profiled-device';
import { buildSunSpecImage } from '../sunspec/sunspec-image';

const u16 = (v: number): number => v & 0xffff;

/** A memory device whose next N writes fail like a dropped link. */
class FlakyTransport extends MemoryTransport {
  failWrites = 0;
  override writeRegisters(address: number, values: readonly number[]): Promise<void> {
    if (this.failWrites > 0) {
      this.failWrites -= 1;
      return Promise.reject(new ModbusConnectionError(`${this.label}: link lost`));
    }
    return super.writeRegisters(address, values);
  }
}

async function simInverter(
  edit?: (p: DeviceProfile) => DeviceProfile,
): Promise<{ inv: InverterDriver; t: FlakyTransport }> {
  const t = new FlakyTransport('inv');
  t.set('holding', 0, [0xffff, 0xfa24, 654, 2, 0, 5000, 0, 6000]);
  // setpointW 8-9, heartbeat 10 (last value 7), watchdogTimeoutS 11.
  t.set('holding', 8, [0, 0, 7, 0]);
  const profile = await loadProfile('sim-inverter');
  return { inv: new InverterDriver(new ProfiledDevice(edit ? edit(profile) : profile, t)), t };
}

/** SunSpec storage at base 40000: models 1, 103, 124; WChaMax 5000 W, InOutWRte_SF -2. */
async function sunspecInverter(): Promise<{
  inv: InverterDriver;
  t: MemoryTransport;
  at124: number;
}> {
  const t = new MemoryTransport('ss');
  const image = buildSunSpecImage([
    { id: 1, length: 66 },
    { id: 103, length: 50, values: { 14: 1234, 15: u16(-1) } },
    { id: 124, length: 24, values: { 2: 500, 8: 6543, 18: 1, 22: u16(-2), 25: u16(-2) } },
  ]);
  t.set('holding', 40000, image);
  return {
    inv: new InverterDriver(new ProfiledDevice(await loadProfile('sunspec-storage-124'), t)),
    t,
    at124: 40000 + 2 + 68 + 52,
  };
}

describe('InverterDriver with a signed-watts setpoint and a heartbeat counter', () => {
  it('writes the watchdog timeout at connect and reads power, SOC and ratings', async () => {
    const { inv, t } = await simInverter();
    expect(inv.watchdogTimeoutS).toBe(10);
    await inv.connect();
    expect(t.writes).toEqual([[11, [10]]]);
    const r = await inv.read();
    expect([r.activePowerW, r.socPct, r.ratedChargeW, r.ratedDischargeW]).toEqual([
      -1500, 65.4, 5000, 6000,
    ]);
  });

  it('reports an impossible SOC as null', async () => {
    const { inv, t } = await simInverter();
    t.set('holding', 2, [1500]);
    expect((await inv.read()).socPct).toBeNull();
  });

  it('clamps the setpoint to the ratings the device reports', async () => {
    const { inv, t } = await simInverter();
    await inv.connect();
    await inv.read();
    await inv.writeSetpoint(8000);
    expect(inv.lastCommandedW).toBe(6000);
    await inv.writeSetpoint(-9000.4);
    expect(inv.lastCommandedW).toBe(-5000);
    await inv.writeSetpoint(-1234.6);
    // Each write carries the next heartbeat (7 was read) in register 10, right after the setpoint.
    expect(t.writes.slice(1)).toEqual([
      [8, [0, 6000, 8]],
      [8, [0xffff, u16(-5000), 9]],
      [8, [0xffff, u16(-1235), 10]],
    ]);
    await expect(inv.writeSetpoint(Number.POSITIVE_INFINITY)).rejects.toThrow(
      'inv: setpoint Infinity W is not a finite number',
    );
  });

  it('applies the device sign to the setpoint', async () => {
    const { inv, t } = await simInverter((p) =>
      p.inverter
        ? {
            ...p,
            inverter: {
              ...p.inverter,
              setpoint: { method: 'signedWatts', point: 'setpointW', sign: -1 },
            },
          }
        : p,
    );
    await inv.writeSetpoint(300);
    // Nothing read yet, so the heartbeat counts on from 0.
    expect(t.writes.at(-1)).toEqual([8, [0xffff, u16(-300), 1]]);
  });

  it('increments the heartbeat from the value read, wrapping below the uint16 sentinel', async () => {
    const { inv, t } = await simInverter();
    await inv.read();
    await inv.writeSetpoint(100);
    await inv.writeSetpoint(200);
    expect(t.writes.slice(-2).map(([, values]) => values[2])).toEqual([8, 9]);
    const fresh = await simInverter();
    fresh.t.set('holding', 10, [65534]);
    await fresh.inv.read();
    await fresh.inv.writeSetpoint(50);
    expect(fresh.t.writes.at(-1)).toEqual([8, [0, 50, 0]]);
    await fresh.inv.writeSetpoint(60);
    expect(fresh.t.writes.at(-1)).toEqual([8, [0, 60, 1]]);
  });

  it('sends setpoint and heartbeat in one write request when their registers are adjacent', async () => {
    const { inv, t } = await simInverter();
    await inv.connect();
    await inv.read();
    const before = t.requests;
    await inv.writeSetpoint(-2500);
    expect(t.requests - before).toBe(1);
    expect(t.writes.at(-1)).toEqual([8, [0xffff, u16(-2500), 8]]);
    expect(t.get('holding', 8, 3)).toEqual([0xffff, u16(-2500), 8]);
  });

  it('sends the setpoint first, then the heartbeat, when a gap separates them', async () => {
    const { inv, t } = await simInverter((p) => {
      const heartbeat = p.points['heartbeat'];
      if (heartbeat === undefined) throw new Error('sim-inverter has no heartbeat point');
      return { ...p, points: { ...p.points, heartbeat: { ...heartbeat, address: 13 } } };
    });
    t.set('holding', 12, [0, 7]);
    await inv.connect();
    await inv.read();
    const before = t.requests;
    await inv.writeSetpoint(400);
    expect(t.requests - before).toBe(2);
    expect(t.writes.slice(-2)).toEqual([
      [8, [0, 400]],
      [13, [8]],
    ]);
  });

  it('rewrites the watchdog timeout after a failed request, in case the device restarted', async () => {
    const { inv, t } = await simInverter();
    await inv.connect();
    t.failWrites = 1;
    await expect(inv.writeSetpoint(100)).rejects.toThrow('inv: link lost');
    await inv.writeSetpoint(100);
    // The failed write advanced nothing: the retry carries heartbeat 1 again (nothing was read).
    expect(t.writes).toEqual([
      [11, [10]],
      [11, [10]],
      [8, [0, 100, 1]],
    ]);
  });
});

describe('InverterDriver with SunSpec storage control', () => {
  it('reads model 103 power and model 124 SOC with their scale factors', async () => {
    const { inv } = await sunspecInverter();
    await inv.connect();
    const r = await inv.read();
    expect([r.activePowerW, r.socPct, r.ratedChargeW, r.ratedDischargeW]).toEqual([
      123.4, 65.43, 5000, 5000,
    ]);
    expect(inv.watchdogTimeoutS).toBe(30);
  });

  it('arms InOutWRte_RvrtTms at connect and writes rates before the mode', async () => {
    const { inv, t, at124 } = await sunspecInverter();
    await inv.connect();
    await inv.writeSetpoint(2500);
    await inv.writeSetpoint(-1000);
    await inv.writeSetpoint(0);
    expect(t.writes).toEqual([
      [at124 + 15, [30]],
      [at124 + 12, [5000, u16(-5000)]],
      [at124 + 5, [3]],
      [at124 + 12, [u16(-2000), 2000]],
      [at124 + 5, [3]],
      [at124 + 12, [0, 0]],
      [at124 + 5, [3]],
    ]);
    expect(inv.lastCommandedW).toBe(0);
  });

  it('limits the rates to 100 % of WChaMax', async () => {
    const { inv, t, at124 } = await sunspecInverter();
    await inv.writeSetpoint(-12000);
    expect(t.writes.at(-2)).toEqual([at124 + 12, [u16(-10000), 10000]]);
    expect(inv.lastCommandedW).toBe(-5000);
  });

  it('refuses to write a percentage when WChaMax is not implemented', async () => {
    const { inv, t, at124 } = await sunspecInverter();
    t.set('holding', at124 + 2, [0xffff]);
    await expect(inv.writeSetpoint(100)).rejects.toThrow(
      /WChaMax has no valid value, so a setpoint cannot be turned into a percentage/,
    );
    expect(t.writes.filter(([a]) => a !== at124 + 15)).toEqual([]);
  });
});
