import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSunSpecImage } from './sunspec-image';
import { SUNSPEC_MODELS } from './sunspec-models';
import { decodeSunSpecModel } from './sunspec-decode';
import { SUNSPEC_SYMBOL_TABLES } from './sunspec-symbol-tables';
import { symbolNames, symbolTable } from './sunspec-symbols';

/**
 * The project's enum and bitfield symbol tables against the official SunSpec model JSON: for
 * every enum or bitfield point of every model the project decodes, the table holds exactly the
 * JSON's symbols (same values or bits, same names), and points the JSON gives no symbols
 * have no table. Without the JSON this fails rather than skipping.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const jsonDir = process.env.SUNSPEC_JSON_DIR ?? resolve(repoRoot, '../shared/sunspec/json');

interface JsonPoint {
  name: string;
  type: string;
  symbols?: { name: string; value: number }[];
}

function jsonPoints(id: number): JsonPoint[] {
  const file = join(jsonDir, `model_${id}.json`);
  if (!existsSync(file))
    throw new Error(`SunSpec model JSON ${file} is missing (set SUNSPEC_JSON_DIR)`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { group: { points: JsonPoint[] } }).group
    .points;
}

const SYMBOL_TYPES = ['enum16', 'enum32', 'bitfield16', 'bitfield32'];
const IDS = [...SUNSPEC_MODELS.keys()];

describe('SunSpec symbol tables', () => {
  it.each(IDS)('model %i: every enum and bitfield matches the SunSpec JSON', (id) => {
    const points = jsonPoints(id).filter((p) => SYMBOL_TYPES.includes(p.type));
    for (const p of points) {
      const expected = Object.fromEntries((p.symbols ?? []).map((s) => [s.value, s.name]));
      const table = symbolTable(id, p.name);
      if (Object.keys(expected).length === 0) expect(table, `${id} ${p.name}`).toBeUndefined();
      else expect({ ...table }, `${id} ${p.name}`).toEqual(expected);
    }
    // Nothing invented: every table belongs to an enum or bitfield point of the JSON.
    const own = Object.keys(SUNSPEC_SYMBOL_TABLES[id] ?? {});
    expect(own.filter((name) => !points.some((p) => p.name === name))).toEqual([]);
  });

  it('covers no model the project does not decode', () => {
    expect(
      Object.keys(SUNSPEC_SYMBOL_TABLES)
        .map(Number)
        .filter((id) => !IDS.includes(id)),
    ).toEqual([]);
  });
});

describe('symbolNames', () => {
  it('names enumerations: 103 St 8 is STANDBY, 124 ChaSt 6 is HOLDING', () => {
    expect(symbolNames(103, 'St', 'enum16', 8)).toEqual(['STANDBY']);
    expect(symbolNames(124, 'ChaSt', 'enum16', 6)).toEqual(['HOLDING']);
    expect(symbolNames(124, 'ChaSt', 'enum16', 9)).toEqual(['unknown value 9']);
  });

  it('names the set bits of a bitfield, lowest first, and unnamed bits by number', () => {
    expect(symbolNames(103, 'Evt1', 'bitfield32', 0x81)).toEqual(['GROUND_FAULT', 'OVER_TEMP']);
    expect(symbolNames(124, 'StorCtl_Mod', 'bitfield16', 3)).toEqual(['CHARGE', 'DiSCHARGE']);
    expect(symbolNames(124, 'StorCtl_Mod', 'bitfield16', 0)).toEqual([]);
    expect(symbolNames(122, 'PVConn', 'bitfield16', 0x8001)).toEqual(['CONNECTED', 'bit 15']);
    expect(symbolNames(802, 'Evt1', 'bitfield32', 0x80000000)).toEqual(['bit 31']);
  });

  it('leaves out not-implemented values, vendor points and points of other types', () => {
    expect(symbolNames(103, 'St', 'enum16', null)).toBeUndefined();
    expect(symbolNames(103, 'StVnd', 'enum16', 3)).toBeUndefined();
    expect(symbolNames(103, 'W', 'int16', 3)).toBeUndefined();
    expect(symbolNames(103, 'constructor', 'enum16', 3)).toBeUndefined();
  });

  it('decoding a model carries the names of its enum points', () => {
    const def = SUNSPEC_MODELS.get(124);
    if (def === undefined) throw new Error('no table of model 124');
    const chaSt = def.points.find((p) => p.name === 'ChaSt')?.offset ?? -1;
    const regs = buildSunSpecImage([{ id: 124, length: 24, values: { [chaSt]: 6 } }]).slice(2);
    const point = decodeSunSpecModel(def, regs).points.find((p) => p.name === 'ChaSt');
    expect(point).toMatchObject({ raw: 6, symbols: ['HOLDING'] });
  });
});
