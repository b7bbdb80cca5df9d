import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../wire/memory-transport';
import type { DiscoveryEvent } from './sunspec-discovery';
import { discoverDevice } from './sunspec-discovery';
import { sunspecModelValues } from './sunspec-encode';
import { buildSunSpecImage } from './sunspec-image';
import { MODEL_1 } from './sunspec-models-common';
import { MODEL_124 } from './sunspec-models-controls';
import { MODEL_103 } from './sunspec-models-inverter';

/** A device at `base`: common model, inverter, storage, a vendor model and a long 701. */
async function device(base: number): Promise<MemoryTransport> {
  const image = buildSunSpecImage([
    { id: 1, length: 66, values: sunspecModelValues(MODEL_1, { Mn: 'Acme', SN: 'A-17', DA: 1 }) },
    {
      id: 103,
      length: 50,
      values: sunspecModelValues(MODEL_103, { W: -350, W_SF: 1, DCA: null, St: 4 }),
    },
    { id: 64001, length: 3, values: { 2: 7, 3: 8, 4: 9 } },
    {
      id: 124,
      length: 24,
      values: sunspecModelValues(MODEL_124, {
        WChaMax: 500,
        WChaMax_SF: 1,
        ChaState: 6543,
        ChaState_SF: null,
      }),
    },
    { id: 701, length: 153 },
  ]);
  const t = new MemoryTransport('dev');
  t.set('holding', base, image);
  await t.connect();
  return t;
}

describe('discoverDevice', () => {
  it('finds SunS at 0, walks the chain, decodes known models and lists the unknown one raw', async () => {
    const t = await device(0);
    const result = await discoverDevice(t);
    expect(result.base).toBe(0);
    expect(result.models.map((m) => [m.id, m.address, m.length, m.name])).toEqual([
      [1, 2, 66, 'common'],
      [103, 70, 50, 'inverter_three_phase'],
      [64001, 122, 3, null],
      [124, 127, 24, 'storage_basic'],
      [701, 153, 153, 'DERMeasureAC'],
    ]);
    const value = (i: number, name: string): unknown =>
      result.models[i]?.decoded?.points.find((p) => p.name === name)?.value;
    expect([value(0, 'Mn'), value(0, 'SN'), value(0, 'Md')]).toEqual(['Acme', 'A-17', null]);
    expect([value(1, 'W'), value(1, 'DCA'), value(1, 'St')]).toEqual([-3500, null, 4]);
    expect([value(3, 'WChaMax'), value(3, 'ChaState')]).toEqual([5000, null]);
    const vendor = result.models[2];
    expect([vendor?.decoded, vendor?.registers]).toEqual([null, [7, 8, 9]]);
  });

  it('reports progress and reads no more than 125 registers per request', async () => {
    const t = await device(50000);
    const events: DiscoveryEvent[] = [];
    const result = await discoverDevice(t, { onProgress: (e) => events.push(e) });
    const bases = events.filter((e) => e.kind === 'base');
    expect(bases.map((e) => [e.base, e.found])).toEqual([
      [40000, false],
      [0, false],
      [50000, true],
    ]);
    expect(bases[0]?.detail).toMatch(/exception 2/);
    expect(events.filter((e) => e.kind === 'model').map((e) => e.id)).toEqual([
      1, 103, 64001, 124, 701,
    ]);
    const reads = events.flatMap((e) => (e.kind === 'read' ? [e] : []));
    expect(reads.every((e) => e.count <= 125)).toBe(true);
    // 701's 153 registers take two requests.
    expect(reads.filter((e) => e.address >= 50155).map((e) => e.count)).toEqual([125, 28]);
    expect(reads.at(-1)).toMatchObject({ registersRead: 296, registersTotal: 296 });
    expect(events.at(-1)).toEqual({ kind: 'done', models: 5, registersRead: 296 });
    expect(result.requests).toBe(6);
  });

  it('lists a model whose body the device refuses, and one longer than the limit, without failing', async () => {
    const t = new MemoryTransport('dev');
    // Model 103 announces 50 registers but the device only defines its header.
    t.set('holding', 40000, [0x5375, 0x6e53, 103, 50]);
    t.set('holding', 40054, [64100, 5000]);
    t.set('holding', 45056, [0xffff, 0]);
    await t.connect();
    const result = await discoverDevice(t, { maxModelLength: 1000 });
    expect(result.models.map((m) => [m.id, m.decoded, m.registers])).toEqual([
      [103, null, []],
      [64100, null, []],
    ]);
    expect(result.models[0]?.notes[0]).toMatch(/^body not read: .*exception 2/);
    expect(result.models[1]?.notes).toEqual(['not read: length 5000 > 1000']);
  });

  it('notes a known model that is shorter than the table and one with groups after it', async () => {
    const t = new MemoryTransport('dev');
    t.set(
      'holding',
      0,
      buildSunSpecImage([
        { id: 103, length: 20 },
        { id: 704, length: 65 },
      ]),
    );
    await t.connect();
    const [short, long] = (await discoverDevice(t, { bases: [0] })).models;
    expect(short?.notes[0]).toMatch(/^length 20 is shorter than the table's 50: .*St/);
    expect(long?.notes[0]).toMatch(/^8 registers after the fixed block not decoded \(four/);
  });

  it('names every base tried when there is no SunSpec device', async () => {
    const t = new MemoryTransport('dev');
    t.set('holding', 0, [1, 2]);
    await t.connect();
    await expect(discoverDevice(t)).rejects.toThrow(
      /no SunSpec marker 'SunS' found; tried 40000 \(.*\), 0 \(held 0x0001 0x0002\), 50000/,
    );
  });
});
