import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../wire/memory-transport';
import { ModbusConnectionError } from '../wire/modbus-errors';
import { loadProfile } from '../profile/profile-loader';
import { buildSunSpecImage } from './sunspec-image';
import { discoverSunSpec, resolveSunSpecAddresses } from './sunspec-resolver';

const u16 = (v: number): number => v & 0xffff;

async function deviceAt(base: number, regs: number[]): Promise<MemoryTransport> {
  const t = new MemoryTransport('dev');
  t.set('holding', base, regs);
  await t.connect();
  return t;
}

describe('discoverSunSpec', () => {
  it('finds SunS at a later candidate after exceptions at the earlier ones and walks the chain', async () => {
    const image = buildSunSpecImage([
      { id: 1, length: 66 },
      { id: 124, length: 24 },
      { id: 203, length: 105 },
      { id: 103, length: 50 },
    ]);
    const t = await deviceAt(50000, image);
    const map = await discoverSunSpec(t, [40000, 0, 50000]);
    expect(map.base).toBe(50000);
    expect([...map.models]).toEqual([
      [1, 50002],
      [124, 50070],
      [203, 50096],
      [103, 50203],
    ]);
    expect(map.lengths.get(203)).toBe(105);
  });

  it('keeps the first instance of a repeated model', async () => {
    const t = await deviceAt(
      0,
      buildSunSpecImage([
        { id: 1, length: 4 },
        { id: 103, length: 50 },
        { id: 103, length: 50 },
      ]),
    );
    expect((await discoverSunSpec(t, [0])).models.get(103)).toBe(8);
  });

  it('lists every address tried and what it held when no marker is found', async () => {
    const t = await deviceAt(0, [0x1234, 0x5678]);
    await expect(discoverSunSpec(t, [40000, 0])).rejects.toThrow(
      "dev: no SunSpec marker 'SunS' found; tried 40000 (Modbus exception 2 (illegal data address) holding 40000+2), 0 (held 0x1234 0x5678)",
    );
  });

  it('stops a chain that runs past register 65535 instead of looping', async () => {
    const t = await deviceAt(65500, [
      0x5375,
      0x6e53,
      1,
      40,
      ...new Array<number>(40).fill(0),
      7,
      60000,
    ]);
    await expect(discoverSunSpec(t, [65500])).rejects.toThrow(
      /SunSpec model chain from 65500 runs past register 65535/,
    );
  });

  it('passes link failures through instead of trying the next address', async () => {
    const t = new MemoryTransport('dev');
    await expect(discoverSunSpec(t, [40000, 0])).rejects.toBeInstanceOf(ModbusConnectionError);
  });
});

describe('resolveSunSpecAddresses', () => {
  it('adds each point offset to its model start', async () => {
    const profile = await loadProfile('sunspec-storage-124');
    const map = {
      base: 0,
      models: new Map([
        [103, 100],
        [124, 300],
      ]),
      lengths: new Map([
        [103, 50],
        [124, 24],
      ]),
    };
    const addresses = resolveSunSpecAddresses(profile, map, 'dev');
    expect(addresses.get('W')).toBe(114);
    expect(addresses.get('W_SF')).toBe(115);
    expect(addresses.get('StorCtl_Mod')).toBe(305);
    expect(addresses.get('InOutWRte_SF')).toBe(325);
  });

  it('names the missing model, the points that need it and the models found', async () => {
    const profile = await loadProfile('sunspec-storage-124');
    const map = {
      base: 40000,
      models: new Map([
        [1, 40002],
        [103, 40070],
      ]),
      lengths: new Map([
        [1, 66],
        [103, 50],
      ]),
    };
    expect(() => resolveSunSpecAddresses(profile, map, 'inverter x')).toThrow(
      /^inverter x: SunSpec model 124 \(needed by WChaMax, StorCtl_Mod, .*InOutWRte_SF\) not found on the device at base 40000; it has models 1, 103$/,
    );
  });

  it('rejects a point beyond a model that is shorter than the standard one', async () => {
    const profile = await loadProfile('sunspec-meter-203');
    const map = { base: 0, models: new Map([[203, 2]]), lengths: new Map([[203, 40]]) };
    expect(() => resolveSunSpecAddresses(profile, map, 'm')).toThrow(
      'm: point TotWhImp (offset 46) lies beyond SunSpec model 203, which has length 40',
    );
  });
});

describe('buildSunSpecImage', () => {
  it('lays out marker, headers, bodies and end marker', () => {
    expect(buildSunSpecImage([{ id: 7, length: 2, values: { 3: u16(-1) } }])).toEqual([
      0x5375, 0x6e53, 7, 2, 0, 0xffff, 0xffff, 0,
    ]);
    expect(() => buildSunSpecImage([{ id: 7, length: 2, values: { 4: 1 } }])).toThrow(RangeError);
  });
});
