import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SunSpecModelDef } from './sunspec-model-def';
import { SUNSPEC_MODELS } from './sunspec-models';

/**
 * The project's own SunSpec point tables against the official SunSpec model JSON: every point
 * of a table must exist there at the same offset with the same type, size, scale factor,
 * units and access, and every point of the JSON's fixed block must be in the table (nothing
 * invented, nothing left out). Without the JSON this fails: a wrong offset would read the
 * wrong register on every real device.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const jsonDir = process.env.SUNSPEC_JSON_DIR ?? resolve(repoRoot, '../shared/sunspec/json');

interface JsonPoint {
  name: string;
  type: string;
  size: number;
  sf?: string | number;
  units?: string;
  access?: string;
  value?: number;
}
interface JsonGroup {
  name: string;
  points: JsonPoint[];
  groups?: JsonGroup[];
}

function loadModel(id: number): JsonGroup {
  const file = join(jsonDir, `model_${id}.json`);
  if (!existsSync(file))
    throw new Error(`SunSpec model JSON ${file} is missing (set SUNSPEC_JSON_DIR)`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { group: JsonGroup }).group;
}

/** The JSON's fixed block as [name, offset, point]. */
function fixedPoints(group: JsonGroup): { name: string; offset: number; point: JsonPoint }[] {
  let offset = 0;
  return group.points.map((point) => {
    const entry = { name: point.name, offset, point };
    offset += point.size;
    return entry;
  });
}

function groupSize(group: JsonGroup): number {
  const own = group.points.reduce((n, p) => n + p.size, 0);
  return own + (group.groups ?? []).reduce((n, g) => n + groupSize(g), 0);
}

const EXPECTED_IDS = [1, 101, 102, 103, 120, 121, 122, 123, 124, 201, 202, 203, 204, 701, 704, 802];

describe('SunSpec point tables', () => {
  it(`find the SunSpec JSON in ${jsonDir}`, () => {
    expect(existsSync(join(jsonDir, 'model_1.json')), `no SunSpec JSON in ${jsonDir}`).toBe(true);
  });

  it('cover exactly the models the project decodes', () => {
    expect([...SUNSPEC_MODELS.keys()].sort((a, b) => a - b)).toEqual(EXPECTED_IDS);
  });

  it.each(EXPECTED_IDS)('model %i matches the SunSpec JSON point by point', (id) => {
    const table = SUNSPEC_MODELS.get(id) as SunSpecModelDef;
    const json = loadModel(id);
    const ref = fixedPoints(json);
    expect(table.name, 'model name').toBe(json.name);
    expect(ref[0]?.point.value, 'ID value').toBe(id);
    expect(
      table.points.map((p) => p.name),
      'point names in order',
    ).toEqual(ref.map((r) => r.name));
    for (const p of table.points) {
      const r = ref.find((x) => x.name === p.name);
      if (r === undefined) throw new Error(`model ${id}: ${p.name} is not a SunSpec point`);
      const where = `model ${id} ${p.name}`;
      expect(p.offset, `${where} offset`).toBe(r.offset);
      expect(p.type, `${where} type`).toBe(r.point.type);
      expect(p.size, `${where} size`).toBe(r.point.size);
      expect(p.sf, `${where} scale factor`).toBe(
        typeof r.point.sf === 'string' ? r.point.sf : undefined,
      );
      expect(p.units ?? '', `${where} units`).toBe((r.point.units ?? '').trim());
      expect(p.access, `${where} access`).toBe(r.point.access === 'RW' ? 'rw' : 'r');
    }
    const fixed = ref.reduce((n, r) => n + r.point.size, 0) - 2;
    expect(table.length, 'fixed-block length').toBe(fixed);
    // A model with groups after its fixed block must say what the project leaves undecoded.
    const groups = json.groups ?? [];
    if (groups.length > 0) {
      expect(table.notDecoded, `model ${id} has groups`).toBeTruthy();
      const declared = ref[1]?.point.value;
      if (declared !== undefined)
        expect(fixed + groups.reduce((n, g) => n + groupSize(g), 0)).toBe(declared);
    } else {
      expect(table.notDecoded).toBeUndefined();
    }
  });
});
