import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../wire/memory-transport';
import { ModbusValueError } from '../wire/modbus-errors';
import { loadProfile } from '../profile/profile-loader';
import { ProfiledDevice } from './profiled-device';
import { buildSunSpecImage } from '../sunspec/sunspec-image';

const u16 = (v: number): number => v & 0xffff;

/** The sim-inverter register map, written out by hand (not through the codec). */
async function simInverter(): Promise<{ device: ProfiledDevice; t: MemoryTransport }> {
  const t = new MemoryTransport('inv');
  t.set('holding', 0, [0xffff, 0xfa24, 654, 2, 0, 5000, 0, 6000]);
  // setpointW 8-9, heartbeat 10, watchdogTimeoutS 11: the map has no gap.
  t.set('holding', 8, [0, 0, 7, 0]);
  return { device: new ProfiledDevice(await loadProfile('sim-inverter'), t), t };
}

/** A SunSpec storage inverter at base 0: models 1, 124, 103 (not the usual order). */
async function sunspecInverter(sf: {
  w: number;
  rte: number;
}): Promise<{ device: ProfiledDevice; t: MemoryTransport }> {
  const t = new MemoryTransport('ss');
  const image = buildSunSpecImage([
    { id: 1, length: 66 },
    { id: 124, length: 24, values: { 2: 500, 5: 0, 8: 6543, 18: 1, 22: u16(-2), 25: u16(sf.rte) } },
    { id: 103, length: 50, values: { 14: u16(-350), 15: u16(sf.w), 38: 4 } },
  ]);
  t.set('holding', 0, image);
  return { device: new ProfiledDevice(await loadProfile('sunspec-storage-124'), t), t };
}

describe('ProfiledDevice with absolute addressing', () => {
  it('connects on first use and reads every point in the planned requests', async () => {
    const { device, t } = await simInverter();
    const values = await device.readAll();
    expect(values).toEqual({
      activePowerW: -1500,
      socPct: 65.4,
      status: 2,
      ratedChargeW: 5000,
      ratedDischargeW: 6000,
      setpointW: 0,
      watchdogTimeoutS: 0,
      heartbeat: 7,
    });
    expect(t.isOpen).toBe(true);
    // Registers 0-11 are contiguous: one read-holding request fetches every point.
    expect(device.plannedReadRequests).toBe(1);
    expect(device.lastReadRequests).toBe(1);
    expect(t.requests).toBe(1);
  });

  it('turns not-implemented sentinels into null', async () => {
    const { device, t } = await simInverter();
    t.set('holding', 2, [0xffff]);
    t.set('holding', 0, [0x8000, 0]);
    const values = await device.readAll();
    expect(values.socPct).toBeNull();
    expect(values.activePowerW).toBeNull();
  });

  it('writes adjacent points in one request, in the device word order', async () => {
    const { device, t } = await simInverter();
    await device.writePoint('setpointW', -2500);
    await device.writePoints({ setpointW: 1000, watchdogTimeoutS: 15, heartbeat: 8 });
    // Written in address order whatever order the caller lists them: heartbeat 10, timeout 11.
    expect(t.writes).toEqual([
      [8, [0xffff, 0xf63c]],
      [8, [0, 1000, 8, 15]],
    ]);
  });

  it('refuses read-only, unknown and out-of-range writes before sending anything', async () => {
    const { device, t } = await simInverter();
    await expect(device.writePoint('activePowerW', 1)).rejects.toThrow(
      'inv: point activePowerW is read-only',
    );
    await expect(device.writePoint('nope', 1)).rejects.toThrow(
      'inv: profile "Simulated battery inverter" has no point nope',
    );
    await expect(device.writePoint('watchdogTimeoutS', 70000)).rejects.toThrow(
      'inv: cannot write 70000 s to watchdogTimeoutS: uint16: 70000 is outside 0..65535',
    );
    await expect(device.writePoint('setpointW', Number.NaN)).rejects.toBeInstanceOf(
      ModbusValueError,
    );
    expect(t.writes).toEqual([]);
  });

  it('rejects every request after close()', async () => {
    const { device } = await simInverter();
    await device.connect();
    await device.close();
    await expect(device.readAll()).rejects.toThrow(/inv: not connected/);
  });
});

describe('ProfiledDevice with SunSpec addressing', () => {
  it('resolves the models and applies scale factors', async () => {
    const { device } = await sunspecInverter({ w: 1, rte: -2 });
    const values = await device.readAll();
    expect(values.W).toBe(-3500);
    expect(values.WChaMax).toBe(5000);
    expect(values.ChaState).toBe(65.43);
    expect(values.St).toBe(4);
    expect(device.sunspec?.models.get(124)).toBe(70);
    expect(device.addressOf('W')).toBe(96 + 14);
    // 124 (offsets 2..25 at 70) and 103 (offsets 14..38 at 96) lie within maxReadGap 30: one request.
    expect(device.lastReadRequests).toBe(1);
  });

  it('gives null for values whose scale factor is not implemented or absurd', async () => {
    const { device, t } = await sunspecInverter({ w: -32768, rte: 99 });
    const values = await device.readAll();
    expect(values.W).toBeNull();
    expect(values.W_SF).toBeNull();
    expect(values.OutWRte).toBeNull();
    await expect(device.writePoint('OutWRte', 10)).rejects.toThrow(
      /cannot write OutWRte: its scale factor InOutWRte_SF is not valid \(99\)/,
    );
    expect(t.writes).toEqual([]);
  });

  it('reads a needed scale factor before the first write and scales the written value', async () => {
    const { device, t } = await sunspecInverter({ w: 0, rte: -2 });
    await device.connect();
    const before = t.requests;
    await device.writePoints({ OutWRte: 12.5, InWRte: -12.5 });
    expect(t.requests - before).toBe(2);
    expect(t.writes).toEqual([[70 + 12, [1250, u16(-1250)]]]);
  });

  it('reads some points with the scale factors they need', async () => {
    const { device } = await sunspecInverter({ w: 2, rte: 0 });
    expect(await device.readPoints(['W'])).toEqual({ W: -35000 });
    expect(device.cachedValue('W')).toBe(-35000);
  });

  it('reads model 1 with the chain, and still connects when model 1 cannot be read', async () => {
    const { device } = await sunspecInverter({ w: 1, rte: -2 });
    expect(device.identity).toBeNull();
    await device.connect();
    // buildSunSpecImage leaves model 1 blank: every identity field reads as not implemented.
    expect(device.identity).toEqual({
      manufacturer: null,
      model: null,
      serial: null,
      version: null,
    });

    const refusing = await sunspecInverter({ w: 1, rte: -2 });
    const read = refusing.t.readHolding.bind(refusing.t);
    // Model 1 sits at 2 (base 0): its header and 66 registers in one request.
    refusing.t.readHolding = (address, count) =>
      address === 2 && count === 68
        ? Promise.reject(new ModbusValueError('ss: model 1 refused'))
        : read(address, count);
    await refusing.device.connect();
    expect(refusing.device.identity).toBeNull();
    expect((await refusing.device.readAll()).W).toBe(-3500);
  });
});
