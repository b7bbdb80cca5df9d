import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../wire/memory-transport';
import { loadProfile } from '../profile/profile-loader';
import { buildSunSpecImage } from '../sunspec/sunspec-image';
import { InverterDriver } from './inverter-driver';
import { MeterDriver } from './meter-driver';
import { ProfiledDevice } from './profiled-device';

/**
 * Each built-in library profile against an emulation of its vendor's register map: a memory
 * transport holding, at the vendor's addresses, values packed here with DataView (not with the
 * codec under test). The driver must read the right watts with the project's sign (grid +
 * import, inverter + discharge), and a setpoint must land in the vendor's registers with the
 * vendor's encoding.
 */

/** Registers of a value packed big-endian by DataView, high word first unless `lowFirst`. */
function pack(
  type: 'f32' | 'i32' | 'u32' | 'i16' | 'u16',
  value: number,
  lowFirst = false,
): number[] {
  const view = new DataView(new ArrayBuffer(4));
  if (type === 'f32') view.setFloat32(0, value);
  else if (type === 'i32') view.setInt32(0, value);
  else if (type === 'u32') view.setUint32(0, value);
  else {
    if (type === 'i16') view.setInt16(0, value);
    else view.setUint16(0, value);
    return [view.getUint16(0)];
  }
  const words = [view.getUint16(0), view.getUint16(2)];
  return lowFirst ? words.reverse() : words;
}
const i16 = (v: number): number => (v < 0 ? v + 0x10000 : v);

async function meterOn(profile: string, t: MemoryTransport): Promise<MeterDriver> {
  return new MeterDriver(new ProfiledDevice(await loadProfile(profile), t));
}
async function inverterOn(profile: string, t: MemoryTransport): Promise<InverterDriver> {
  return new InverterDriver(new ProfiledDevice(await loadProfile(profile), t));
}

describe('library meters read their vendor maps', () => {
  it('eastron-sdm630: input registers, float32 high word first, total at 0x0034', async () => {
    const t = new MemoryTransport('sdm630');
    for (const [addr, v] of [
      [0, 231.5],
      [2, 0],
      [4, 0],
      [12, -400.25],
      [14, 0],
      [16, 0],
      [70, 49.98],
      // Total import and export energy, kWh (0x0048, 0x004A).
      [72, 1234.5],
      [74, 67.25],
    ] as const)
      t.set('input', addr, pack('f32', v));
    t.set('input', 52, pack('f32', -1234.5));
    const r = await (await meterOn('eastron-sdm630', t)).read();
    expect(r.gridW).toBe(-1234.5);
    expect(r.importWh).toBe(1_234_500);
    expect(r.exportWh).toBe(67_250);
    expect(r.points['voltageL1V']).toBeCloseTo(231.5, 4);
    expect(r.points['frequencyHz']).toBeCloseTo(49.98, 4);
  });

  it('carlo-gavazzi-em24: int32 low word first, 0.1 W, total at 0x28', async () => {
    const t = new MemoryTransport('em24');
    for (const addr of [0, 2, 4, 18, 20, 22]) t.set('input', addr, pack('i32', 2301, true));
    t.set('input', 40, pack('i32', -31234, true));
    t.set('input', 55, [500]);
    const r = await (await meterOn('carlo-gavazzi-em24', t)).read();
    expect(r.gridW).toBeCloseTo(-3123.4, 6);
    expect(r.points['voltageL1V']).toBeCloseTo(230.1, 6);
    expect(r.points['frequencyHz']).toBeCloseTo(50, 6);
  });

  it('shelly-pro-3em: input registers, float32 low word first, total at 1013', async () => {
    const t = new MemoryTransport('shelly');
    t.set('input', 1013, pack('f32', 1875.5, true));
    for (const addr of [1020, 1024, 1040, 1044, 1060, 1064])
      t.set('input', addr, pack('f32', 230, true));
    const r = await (await meterOn('shelly-pro-3em', t)).read();
    expect(r.gridW).toBe(1875.5);
  });

  it('victron-gx-grid: the three phases 820..822 added', async () => {
    const t = new MemoryTransport('gx');
    t.set('holding', 820, [i16(-1500), 700, 200]);
    const r = await (await meterOn('victron-gx-grid', t)).read();
    expect(r.gridW).toBe(-600);
  });

  it.each([201, 202, 203, 204])(
    'sunspec-meter-%i: model W with W_SF, found by walking the chain',
    async (model) => {
      const t = new MemoryTransport(`m${model}`);
      t.set(
        'holding',
        40000,
        buildSunSpecImage([
          { id: 1, length: 66 },
          {
            id: model,
            length: 105,
            values: {
              8: 2301,
              15: i16(-1),
              16: 5000,
              17: i16(-2),
              18: i16(-4321),
              19: i16(-4321),
              22: i16(-1),
            },
          },
        ]),
      );
      const meter = await meterOn(`sunspec-meter-${model}`, t);
      await meter.connect();
      const r = await meter.read();
      expect(r.gridW).toBeCloseTo(-432.1, 6);
      expect(r.points['Hz']).toBeCloseTo(50, 6);
    },
  );
});

describe('library inverters read power in the project sign and write setpoints the vendor way', () => {
  it('victron-gx-ess: AC-in power negated, setpoint register 37 negated with 38/39 cleared in one request', async () => {
    const t = new MemoryTransport('vebus');
    t.set('holding', 12, [i16(-150)]); // 1500 W out of the Multi into the grid side: discharging
    t.set('holding', 30, [655]);
    t.set('holding', 37, [0, 1, 1]);
    const inv = await inverterOn('victron-gx-ess', t);
    await inv.connect();
    expect(t.writes).toEqual([]); // the VE.Bus timeout is fixed: nothing to write at connect
    const r = await inv.read();
    expect(r.activePowerW).toBe(1500);
    expect(r.socPct).toBeCloseTo(65.5, 6);
    await inv.writeSetpoint(2000);
    expect(t.writes.at(-1)).toEqual([37, [i16(-2000), 0, 0]]);
    await inv.writeSetpoint(-1200);
    expect(t.writes.at(-1)).toEqual([37, [1200, 0, 0]]);
    expect(inv.watchdogTimeoutS).toBe(60);
  });

  it('sma-sunny-island: 30775 as is, 40149 with 40151 = 802 in one write-multiple', async () => {
    const t = new MemoryTransport('si');
    t.set('holding', 30775, pack('i32', -2500));
    t.set('holding', 30845, pack('u32', 71));
    t.set('holding', 40149, [0, 0, 0, 803]);
    const inv = await inverterOn('sma-sunny-island', t);
    await inv.connect();
    const r = await inv.read();
    expect([r.activePowerW, r.socPct]).toEqual([-2500, 71]);
    await inv.writeSetpoint(-3000);
    expect(t.writes.at(-1)).toEqual([40149, [...pack('i32', -3000), ...pack('u32', 802)]]);
    await inv.writeSetpoint(1800);
    expect(t.get('holding', 40149, 4)).toEqual([...pack('i32', 1800), ...pack('u32', 802)]);
  });

  it('huawei-sun2000-luna: a hybrid; battery power 37765 negated is the controlled quantity; forcible power, duration and mode, then the command', async () => {
    const t = new MemoryTransport('huawei');
    t.set('holding', 32064, pack('i32', 3000)); // PV input 3000 W
    t.set('holding', 32080, pack('i32', 800)); // AC output 800 W = 3000 W PV - 2200 W into the battery
    t.set('holding', 37046, [...pack('u32', 5000), ...pack('u32', 5000)]);
    t.set('holding', 37760, [803]);
    t.set('holding', 37765, pack('i32', 2200)); // charging at 2200 W
    t.set('holding', 47083, [0]);
    t.set('holding', 47100, [0]);
    t.set('holding', 47246, [0, ...pack('u32', 0), ...pack('u32', 0)]);
    const inv = await inverterOn('huawei-sun2000-luna', t);
    await inv.connect();
    const r = await inv.read();
    expect([r.activePowerW, r.controlledW, r.pvW]).toEqual([800, -2200, 3000]);
    expect([r.socPct, r.ratedChargeW]).toEqual([80.3, 5000]);
    expect(inv.onWatchdogExpiry).toBe('deviceDefault');
    await inv.writeSetpoint(-2500);
    expect(t.get('holding', 47246, 5)).toEqual([0, ...pack('u32', 2500), ...pack('u32', 0)]);
    expect(t.get('holding', 47083, 1)).toEqual([2]); // 120 s = 2 minutes
    expect(t.writes.at(-1)).toEqual([47100, [1]]); // the command goes last
    await inv.writeSetpoint(9000); // clamped to the 5000 W rating
    expect(t.get('holding', 47247, 4)).toEqual([...pack('u32', 0), ...pack('u32', 5000)]);
    expect(t.get('holding', 47100, 1)).toEqual([2]);
    await inv.writeSetpoint(0);
    expect(t.get('holding', 47247, 4)).toEqual([0, 0, 0, 0]);
    expect(t.get('holding', 47100, 1)).toEqual([0]);
  });

  it('fronius-gen24: a SunSpec hybrid, PV and battery from model 160, RvrtTms 60 s at connect, rates in % of WChaMax', async () => {
    const t = new MemoryTransport('gen24');
    // Model 160 with four modules (L = 8 + 4 x 20): DCW_SF at offset 4 (here -1: 0.1 W), each
    // module's DCW at 10 + 20 (k - 1) + 11. PV strings 2300 W and 1400 W; the battery charges
    // at 1500 W (module 3), module 4 (discharge) reads 0.
    const m160: Record<number, number> = { 4: i16(-1), 8: 4 };
    for (const [k, w] of [
      [1, 2300],
      [2, 1400],
      [3, 1500],
      [4, 0],
    ] as const)
      m160[10 + 20 * (k - 1) + 11] = w * 10;
    t.set(
      'holding',
      40000,
      buildSunSpecImage([
        { id: 1, length: 66 },
        { id: 103, length: 50, values: { 14: 2200, 15: 0 } },
        { id: 160, length: 88, values: m160 },
        { id: 124, length: 24, values: { 2: 1000, 8: 5000, 18: 1, 22: i16(-2), 25: i16(-2) } },
      ]),
    );
    const at124 = 40000 + 2 + 68 + 52 + 90;
    const inv = await inverterOn('fronius-gen24', t);
    await inv.connect();
    expect(t.get('holding', at124 + 15, 1)).toEqual([60]);
    const r = await inv.read();
    // 103 W (2200 W) is PV (3700 W) minus the battery's charge (1500 W): the controlled
    // quantity is the battery, from model 160.
    expect([r.activePowerW, r.controlledW, r.pvW, r.socPct]).toEqual([2200, -1500, 3700, 50]);
    expect(inv.onWatchdogExpiry).toBe('deviceDefault');
    await inv.writeSetpoint(2500); // 25 % of 10 kW
    expect(t.get('holding', at124 + 12, 2)).toEqual([2500, i16(-2500)]);
    expect(t.get('holding', at124 + 5, 1)).toEqual([3]);
  });

  it('every built-in inverter profile declares its coupling and its watchdog expiry in the file', async () => {
    const dir = fileURLToPath(new URL('../../../../../resources/profiles/', import.meta.url));
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    const inverters: string[] = [];
    for (const file of files) {
      const raw = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
        kind: string;
        inverter?: Record<string, unknown>;
      };
      if (raw.kind !== 'inverter') continue;
      inverters.push(file);
      expect(['zero', 'deviceDefault'], file).toContain(raw.inverter?.['onWatchdogExpiry']);
      expect(['ac', 'hybrid'], file).toContain(raw.inverter?.['coupling']);
    }
    expect(inverters.length).toBeGreaterThanOrEqual(7);
  });

  it('every library profile cites its sources and ships unverified', async () => {
    for (const name of [
      'eastron-sdm630',
      'carlo-gavazzi-em24',
      'shelly-pro-3em',
      'sunspec-meter-201',
      'sunspec-meter-202',
      'sunspec-meter-203',
      'sunspec-meter-204',
      'victron-gx-grid',
      'victron-gx-ess',
      'sma-sunny-island',
      'fronius-gen24',
      'huawei-sun2000-luna',
    ]) {
      const p = await loadProfile(name);
      expect(p.sources.length, name).toBeGreaterThan(0);
      expect(p.verified, name).toBe(false);
    }
  });
});
