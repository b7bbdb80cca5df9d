import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorOffset, positionOf } from '../../../util/json-error-position';
import { ProfileError, listBuiltinProfiles, loadProfile, parseProfile } from './profile-loader';
import { builtinProfilesDir, findResourcesDir } from '../../../util/resources-path';

const validInverter = {
  name: 'test inverter',
  kind: 'inverter',
  points: {
    p: { address: 0, type: 'int32' },
    sp: { address: 2, type: 'int16', access: 'rw' },
  },
  inverter: { powerPoint: 'p', setpoint: { method: 'signedWatts', point: 'sp' }, watchdog: null },
};

/** The message parseProfile throws for `json`, asserting it is one line. */
function errorFor(json: unknown): string {
  try {
    parseProfile(JSON.stringify(json, null, 2), 'x.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    expect(message.startsWith('profile x.json: ')).toBe(true);
    return message;
  }
  throw new Error('expected a ProfileError');
}

describe('parseProfile', () => {
  it('accepts a valid profile and fills defaults', () => {
    const profile = parseProfile(JSON.stringify(validInverter), 'x.json');
    expect(profile.wordOrder).toBe('big');
    expect(profile.addressing).toEqual({ type: 'absolute' });
    expect(profile.maxReadGap).toBe(0);
    expect(profile.points.sp?.kind).toBe('holding');
  });

  it('names the field path and the allowed values of a bad enum', () => {
    const bad = {
      ...validInverter,
      points: { ...validInverter.points, sp: { address: 2, type: 'int17', access: 'rw' } },
    };
    expect(errorFor(bad)).toBe(
      'profile x.json: points.sp.type: expected one of int16|uint16|int32|uint32|float32',
    );
  });

  it('names unknown fields, wrong types and bad setpoint methods', () => {
    expect(errorFor({ ...validInverter, colour: 'red' })).toBe(
      'profile x.json: (top level): unknown field colour',
    );
    expect(errorFor({ ...validInverter, points: { p: { address: '0', type: 'int32' } } })).toMatch(
      /points\.p\.address: expected number, received string/,
    );
    const method = {
      ...validInverter,
      inverter: { ...validInverter.inverter, setpoint: { method: 'percent' } },
    };
    expect(errorFor(method)).toBe(
      'profile x.json: inverter.setpoint.method: expected one of signedWatts|splitWatts|sunspecStorage',
    );
    expect(errorFor({ ...validInverter, points: { '9x': { address: 0, type: 'int16' } } })).toMatch(
      /points\.9x: invalid name/,
    );
  });

  it('rejects cross-references the schema alone cannot see', () => {
    const noPoint = { ...validInverter, inverter: { ...validInverter.inverter, powerPoint: 'q' } };
    expect(errorFor(noPoint)).toMatch(
      /inverter\.powerPoint: names point "q", which the profile does not define/,
    );
    const readOnly = {
      ...validInverter,
      points: { ...validInverter.points, sp: { address: 2, type: 'int16' } },
    };
    expect(errorFor(readOnly)).toMatch(
      /inverter\.setpoint\.point: point "sp" is written by the EMS and needs "access": "rw"/,
    );
    const sfType = {
      ...validInverter,
      points: {
        ...validInverter.points,
        p: { address: 0, type: 'int32', scaleFactorPoint: 'sp' },
        sp: { address: 2, type: 'uint16', access: 'rw' },
      },
    };
    expect(errorFor(sfType)).toMatch(
      /points\.p\.scaleFactorPoint: scale factor point "sp" must be int16, not uint16/,
    );
    const past = {
      ...validInverter,
      points: { ...validInverter.points, p: { address: 65535, type: 'int32' } },
    };
    expect(errorFor(past)).toMatch(/points\.p\.address: a int32 at 65535 runs past register 65535/);
    const inputRw = {
      ...validInverter,
      points: {
        ...validInverter.points,
        sp: { address: 2, kind: 'input', type: 'int16', access: 'rw' },
      },
    };
    expect(errorFor(inputRw)).toMatch(/points\.sp\.access: input registers cannot be written/);
  });

  it('reports JSON syntax errors on one line with line and column', () => {
    expect(() => parseProfile('{\n  "name": "a",\n}', 'x.json')).toThrow(
      /^profile x\.json: not valid JSON at line 3 column 1: /,
    );
    expect(() => parseProfile('{\n  "name": "a"\n  "kind": 1 }', 'x.json')).toThrow(
      /^profile x\.json: not valid JSON at line 3 column 3: [^\n]+$/,
    );
    expect(() => parseProfile('', 'x.json')).toThrow(
      /^profile x\.json: not valid JSON at line 1 column 1/,
    );
  });
});

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on validity and points at the first bad character', () => {
    const cases: [string, number | null][] = [
      ['{"a":[1,-2.5e3,true,null,"\\u00e9"]}', null],
      ['[1,2,]', 5],
      ['{"a" 1}', 5],
      ['"tab\there"', 4],
      ['{} x', 3],
      ['01', 1],
    ];
    for (const [text, offset] of cases) {
      expect(jsonErrorOffset(text)).toBe(offset);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(parses).toBe(offset === null);
    }
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('loadProfile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ems-profile-'));
    await writeFile(join(dir, 'good.json'), JSON.stringify(validInverter));
    await writeFile(join(dir, 'broken.json'), '{ "name": ');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every built-in profile', async () => {
    const names = await listBuiltinProfiles();
    expect(names).toEqual(
      expect.arrayContaining([
        'sim-meter',
        'sim-inverter',
        'sunspec-meter-203',
        'sunspec-storage-124',
      ]),
    );
    for (const name of names) await expect(loadProfile(name)).resolves.toHaveProperty('name');
  });

  it('loads a path relative to the base folder, or absolute', async () => {
    await expect(loadProfile('good.json', dir)).resolves.toHaveProperty('name', 'test inverter');
    await expect(loadProfile(join(dir, 'good.json'))).resolves.toHaveProperty('kind', 'inverter');
  });

  it('fails with one line naming the file', async () => {
    await expect(loadProfile('missing.json', dir)).rejects.toThrow(
      `profile missing.json: file not found (${join(dir, 'missing.json')})`,
    );
    await expect(loadProfile('broken.json', dir)).rejects.toThrow(
      /^profile broken\.json: not valid JSON at line 1 column 11: [^\n]+$/,
    );
    await expect(loadProfile('no-such-profile')).rejects.toThrow(
      /^profile no-such-profile\.json: no built-in profile "no-such-profile" \(built-in: .*sim-inverter/,
    );
  });
});

describe('findResourcesDir', () => {
  it('finds the resources folder from this source folder and from a bundle-like folder below the repo', async () => {
    const fromHere = findResourcesDir();
    expect(await readFile(join(fromHere, 'profiles', 'sim-meter.json'), 'utf8')).toContain(
      '"meter"',
    );
    expect(findResourcesDir(join(fromHere, '..', 'out', 'main'))).toBe(fromHere);
    expect(builtinProfilesDir()).toBe(join(fromHere, 'profiles'));
  });
});
