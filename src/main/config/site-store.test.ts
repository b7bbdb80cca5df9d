import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteSlug } from '../../shared/site-ids';
import { siteFileSchema } from '../../shared/site-schema';
import { SiteFileError } from '../site/site-loader';
import { SiteNotFoundError, SiteStore } from './site-store';

const posix = process.platform !== 'win32';
let dir: string;
let logs: string[];
let store: SiteStore;
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

const PLANT = siteFileSchema.parse({
  name: 'Plant room',
  meter: { host: '10.0.0.5', profile: 'sunspec-meter-203' },
  inverter: {
    host: '10.0.0.6',
    profile: 'sunspec-storage-124',
    ratedChargeW: 6000,
    ratedDischargeW: 5000,
  },
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-sites-'));
  logs = [];
  let n = 0;
  store = new SiteStore({
    configDir: dir,
    log: (l) => void logs.push(l),
    randomSuffix: () => (n++).toString(16).padStart(4, '0'),
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('site ids', () => {
  it('are the slug of the name: lower case, dashes, no leading or trailing dash', () => {
    expect(siteSlug('Plant room 2')).toBe('plant-room-2');
    expect(siteSlug('  Café / Dach ')).toBe('cafe-dach');
    expect(siteSlug('???')).toBe('site');
  });
});

describe('the site store', () => {
  it('creates a site under an id it chooses, and reads it back with defaults written out', async () => {
    const id = await store.create(PLANT);
    expect(id).toBe('plant-room-0000');
    expect(await store.get(id)).toEqual(PLANT);
    const text = await readFile(store.pathOf(id), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ control: { socMinPct: 10 } });
    expect(await store.list()).toEqual([{ id, name: 'Plant room', problem: null }]);
  });

  it.runIf(posix)('keeps sites/ at 0700 and every site file at 0600', async () => {
    const id = await store.create(PLANT);
    expect(await modeOf(store.dir)).toBe(0o700);
    expect(await modeOf(store.pathOf(id))).toBe(0o600);
    await store.setActive(id);
    expect(await modeOf(join(dir, 'active-site.json'))).toBe(0o600);
    // A file loosened by hand is narrowed (and logged) when the store opens again.
    await chmod(store.pathOf(id), 0o644);
    new SiteStore({ configDir: dir, log: (l) => void logs.push(l) });
    expect(await modeOf(store.pathOf(id))).toBe(0o600);
    expect(logs.join('\n')).toMatch(/permissions were 0644, set to 0600/);
  });

  it('edits, duplicates, exports and deletes', async () => {
    const id = await store.create(PLANT);
    await store.update(id, { ...PLANT, name: 'Plant room B' });
    expect((await store.get(id)).name).toBe('Plant room B');
    const copy = await store.duplicate(id);
    expect(copy).toBe('plant-room-b-copy-0001');
    expect((await store.get(copy)).name).toBe('Plant room B (copy)');
    const exported = await store.exportText(id);
    expect(exported.fileName).toBe(`${id}.json`);
    expect(siteFileSchema.parse(JSON.parse(exported.text)).name).toBe('Plant room B');
    await store.delete(copy);
    expect((await store.list()).map((s) => s.id)).toEqual([id]);
  });

  it('imports a file only when it is a valid site, naming the field otherwise', async () => {
    const id = await store.importText(JSON.stringify(PLANT), 'plant.json');
    expect((await store.get(id)).name).toBe('Plant room');
    const bad = { ...PLANT, meter: { ...PLANT.meter, port: 70000 } };
    await expect(store.importText(JSON.stringify(bad), 'bad.json')).rejects.toThrow(
      /site file bad\.json: meter\.port: /,
    );
    await expect(store.importText('{"name": ', 'cut.json')).rejects.toBeInstanceOf(SiteFileError);
    expect(await store.list()).toHaveLength(1);
  });

  it('refuses unknown and malformed ids without touching any other file', async () => {
    await expect(store.get('nope-0000')).rejects.toBeInstanceOf(SiteNotFoundError);
    await expect(store.update('nope-0000', PLANT)).rejects.toBeInstanceOf(SiteNotFoundError);
    await expect(store.delete('nope-0000')).rejects.toBeInstanceOf(SiteNotFoundError);
    await expect(store.get('../settings')).rejects.toBeInstanceOf(SiteNotFoundError);
    expect(await store.list()).toEqual([]);
  });

  it('lists a hand-broken file with its problem instead of failing the list', async () => {
    await mkdir(store.dir, { recursive: true });
    await writeFile(join(store.dir, 'broken-0001.json'), '{"name": "x"}', { mode: 0o600 });
    const [entry] = await store.list();
    expect(entry?.id).toBe('broken-0001');
    expect(entry?.problem).toMatch(/meter: /);
  });

  it('remembers the active site; none saved or an unreadable file is null', async () => {
    expect(await store.activeId()).toBeNull();
    await store.setActive('built-in');
    expect(await store.activeId()).toBe('built-in');
    await writeFile(join(dir, 'active-site.json'), 'garbage');
    expect(await store.activeId()).toBeNull();
  });
});
