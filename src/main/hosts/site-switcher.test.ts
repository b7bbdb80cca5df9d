import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteFileSchema } from '../../shared/site-schema';
import { SiteStore } from '../config/site-store';
import type { ZeroStop } from '../runtime/ems-runtime';
import type { EmsHost } from './ems-host';
import { SiteSwitcher, type StartSite } from './site-switcher';

/**
 * The switcher's own decisions, with hosts that only record what was asked of them (the real
 * switch over real Modbus is in test/api-sites.test.ts): a site that fails to start sends the
 * EMS back to the previous site, a second switch while one runs is refused, and a switch never
 * starts control.
 */

const SITE = siteFileSchema.parse({
  name: 'Plant room',
  meter: { host: '127.0.0.1', port: 1502, profile: 'sim-meter' },
  inverter: {
    host: '127.0.0.1',
    port: 1503,
    profile: 'sim-inverter',
    ratedChargeW: 5000,
    ratedDischargeW: 5000,
  },
});

interface Started {
  readonly file: string | null;
  readonly mode: string | null;
  stopped: boolean;
}

let dir: string;
let store: SiteStore;
let started: Started[];
let failNext: string | null;
let zero: ZeroStop;
let holdZero: Promise<void> | null;

function fakeHost(file: string | null, mode: string | null): EmsHost {
  const record: Started = { file, mode, stopped: false };
  started.push(record);
  const id = file === null ? 'built-in' : (/([^/]+)\.json$/.exec(file)?.[1] ?? file);
  const host = {
    site: { name: file === null ? 'Built-in simulated site' : 'Plant room' },
    runtime: {
      snapshot: () => ({ site: { id, name: 'x' } }),
      stopAtZero: async () => {
        await holdZero;
        return zero;
      },
    },
    service: {
      handle: () => Promise.resolve({ ok: true, result: null }),
      subscribe: () => () => undefined,
      useTokens: () => undefined,
    },
    stop: () => {
      record.stopped = true;
      return Promise.resolve(true);
    },
  };
  return host as unknown as EmsHost;
}

const startSite: StartSite = (file, mode) => {
  if (failNext !== null && file !== null) {
    const why = failNext;
    failNext = null;
    return Promise.reject(new Error(why));
  }
  return Promise.resolve(fakeHost(file, mode));
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-switch-'));
  store = new SiteStore({ configDir: dir, log: () => undefined });
  started = [];
  failNext = null;
  zero = { confirmed: true, reason: null };
  holdZero = null;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the site switcher', () => {
  it('starts the new site without a mode (control never starts by a switch) and remembers it', async () => {
    const id = await store.create(SITE);
    const sw = await SiteSwitcher.start(
      { store, startSite, log: () => undefined },
      null,
      'SELF_CONSUMPTION',
    );
    expect(started[0]?.mode).toBe('SELF_CONSUMPTION');
    await sw.activate(id, false);
    expect(started.map((s) => [s.file === null ? null : 'stored', s.mode, s.stopped])).toEqual([
      [null, 'SELF_CONSUMPTION', true],
      ['stored', null, false],
    ]);
    expect(await store.activeId()).toBe(id);
  });

  it('a site that does not start sends the EMS back to the previous one, and says why', async () => {
    const id = await store.create(SITE);
    const sw = await SiteSwitcher.start({ store, startSite, log: () => undefined }, null, null);
    failNext = 'inverter profile: no such file';
    await expect(sw.activate(id, false)).rejects.toThrow(
      /did not start: inverter profile: no such file/,
    );
    expect(started.map((s) => s.file)).toEqual([null, null]);
    expect(sw.activeId()).toBe('built-in');
    expect(await store.activeId()).toBeNull();
  });

  it('refuses a second switch while one runs, and an unconfirmed 0 W without the acknowledgement', async () => {
    const id = await store.create(SITE);
    const sw = await SiteSwitcher.start({ store, startSite, log: () => undefined }, null, null);
    let release: () => void = () => undefined;
    holdZero = new Promise((r) => (release = r));
    const first = sw.activate(id, false);
    await expect(sw.activate(id, false)).rejects.toThrow('a site switch is already under way');
    release();
    await first;
    zero = { confirmed: false, reason: '0 W could not be confirmed: timeout' };
    await expect(sw.activate('built-in', false)).rejects.toMatchObject({ kind: 'conflict' });
    expect(sw.activeId()).toBe(id);
    const forced = await sw.activate('built-in', true);
    expect(forced).toMatchObject({ id: 'built-in', zeroWConfirmed: false });
  });
});
