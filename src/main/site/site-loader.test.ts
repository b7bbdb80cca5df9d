import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSiteFile, parseSiteFile, SiteFileError } from './site-loader';

const SITES_DIR = resolve(__dirname, '../../../resources/sites');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'site-loader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VALID = JSON.stringify({
  name: 'Test',
  meter: { host: 'meter.local', profile: 'sim-meter' },
  inverter: {
    host: 'inv.local',
    profile: './my-inverter.json',
    ratedChargeW: 1,
    ratedDischargeW: 1,
  },
});

describe('parseSiteFile', () => {
  test('text that is not JSON gives one line naming the file', () => {
    let message = '';
    try {
      parseSiteFile('{ "name": "x", }', 'plant-room.json');
    } catch (err) {
      expect(err).toBeInstanceOf(SiteFileError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/^site file plant-room\.json: not valid JSON \(.+\)$/);
    expect(message).not.toContain('\n');
  });

  test('valid JSON of the wrong shape is a SiteFileError too', () => {
    expect(() => parseSiteFile('[1, 2]', 'a.json')).toThrow(/^site file a\.json: \(root\): /);
    expect(() => parseSiteFile('null', 'a.json')).toThrow(SiteFileError);
  });
});

describe('loadSiteFile', () => {
  test('returns the parsed site, its absolute path and the folder relative paths resolve against', async () => {
    const path = join(dir, 'ok.json');
    await writeFile(path, VALID);
    const loaded = await loadSiteFile(path);
    expect(loaded.site.name).toBe('Test');
    expect(loaded.path).toBe(path);
    expect(loaded.baseDir).toBe(dir);
  });

  test('a missing file is named, as given', async () => {
    const path = join(dir, 'nope.json');
    await expect(loadSiteFile(path)).rejects.toThrow(`site file ${path}: no such file`);
    await expect(loadSiteFile(path)).rejects.toBeInstanceOf(SiteFileError);
  });

  test('a folder is not a site file', async () => {
    await expect(loadSiteFile(dir)).rejects.toThrow(`site file ${dir}: is a folder`);
  });

  test('a broken file is named in the error', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, 'name: plant');
    await expect(loadSiteFile(path)).rejects.toThrow(
      new RegExp(`^site file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`),
    );
  });

  test('every site file shipped in resources/sites parses', async () => {
    const files = (await readdir(SITES_DIR)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const loaded = await loadSiteFile(join(SITES_DIR, f));
      expect(loaded.site.name.length).toBeGreaterThan(0);
    }
  });
});
