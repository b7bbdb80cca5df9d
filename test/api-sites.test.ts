import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { errorSchema } from '../src/main/transports/rest/rest-errors';
import { createRealTime } from '../src/main/util/real-time';
import { contractTable } from '../src/shared/contract';
import { send, startApiHost, statusOf, stopApiHost, type ApiHost } from './api-support';
import { waitForStderr } from './support/headless-ui-process';
import { spawnTsx } from './support/tsx-process';

/**
 * Managed sites over real HTTP: `npm run headless -- --api` on a fresh config folder (so the
 * built-in simulated site runs), a second simulated site served in this process on real
 * Modbus TCP, and a site file for it stored, switched to, and switched away from. The
 * refusal is real: the stored site's simulator is stopped, so its inverter cannot confirm
 * 0 W. File modes are read from the host's config folder.
 */

const posix = process.platform !== 'win32';
let host: ApiHost;
let sim: SimulatedSite | null = null;

function siteFor(s: SimulatedSite, name: string): Record<string, unknown> {
  return {
    name,
    meter: { host: '127.0.0.1', port: s.ports.meter, profile: 'sim-meter' },
    inverter: {
      host: '127.0.0.1',
      port: s.ports.inverter,
      profile: 'sim-inverter',
      ratedChargeW: 5000,
      ratedDischargeW: 5000,
    },
  };
}

async function simulator(): Promise<SimulatedSite> {
  return startSimulatedSite({
    ports: { meter: 0, inverter: 0 },
    time: createRealTime(),
    onError: () => undefined,
  });
}

const api = (method: string, path: string, body?: unknown): ReturnType<typeof send> =>
  send(host, method, path, { token: host.token, ...(body === undefined ? {} : { body }) });

beforeAll(async () => {
  host = await startApiHost(['--api', '--port', '0']);
  sim = await simulator();
}, 90_000);
afterAll(async () => {
  await stopApiHost(host);
  await sim?.stop();
});

describe('managed sites over REST', () => {
  let id = '';

  it('GET /api/sites needs the token, and lists the built-in site as active on a fresh machine', async () => {
    expect((await send(host, 'GET', '/api/sites')).status).toBe(401);
    const r = await api('GET', '/api/sites');
    expect(r.status).toBe(200);
    expect(contractTable.listSites.result.parse(r.json)).toEqual([
      {
        id: 'built-in',
        name: 'Built-in simulated site',
        active: true,
        builtIn: true,
        problem: null,
        changedSinceActivation: false,
      },
    ]);
  });

  it('POST /api/sites: a bad field is a 400 naming it, and nothing is stored', async () => {
    const bad = siteFor(sim as SimulatedSite, 'Bad');
    (bad['meter'] as Record<string, unknown>)['port'] = 70000;
    const r = await api('POST', '/api/sites', bad);
    expect(r.status).toBe(400);
    expect(errorSchema.parse(r.json).error).toMatch(/^meter\.port: /);
    const unknown = await api('POST', '/api/sites', {
      ...siteFor(sim as SimulatedSite, 'X'),
      colour: 1,
    });
    expect(errorSchema.parse(unknown.json).error).toBe('colour: unknown field');
    expect((await api('GET', '/api/sites')).json).toHaveLength(1);
  });

  it('POST /api/sites: 201 with an id the app chose; sites/ is 0700 and the file 0600', async () => {
    const r = await api('POST', '/api/sites', siteFor(sim as SimulatedSite, 'Roof test rig'));
    expect(r.status).toBe(201);
    id = contractTable.createSite.result.parse(r.json).id;
    expect(id).toMatch(/^roof-test-rig-[0-9a-f]{4}$/);
    if (posix) {
      const dir = join(host.configDir, 'sites');
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(dir, `${id}.json`))).mode & 0o777).toBe(0o600);
    }
    const got = contractTable.getSite.result.parse((await api('GET', `/api/sites/${id}`)).json);
    expect(got.site.meter.port).toBe(sim?.ports.meter);
  });

  it('an unknown site is a 404; the built-in site cannot be deleted', async () => {
    expect((await api('GET', '/api/sites/nope-0000')).status).toBe(404);
    expect((await api('POST', '/api/sites/nope-0000/activate')).status).toBe(404);
    expect((await api('DELETE', '/api/sites/built-in')).status).toBe(409);
    expect((await api('GET', '/api/sites/..%2Fsettings')).status).toBe(400);
  });

  it('activate: the built-in site stops at 0 W, the new site runs in STOP and every snapshot names it', async () => {
    const r = await api('POST', `/api/sites/${id}/activate`);
    expect(r.status).toBe(200);
    expect(contractTable.activateSite.result.parse(r.json)).toEqual({
      id,
      name: 'Roof test rig',
      zeroWConfirmed: true,
      unconfirmedReason: null,
    });
    const s = await statusOf(host);
    expect(s.site).toEqual({ id, name: 'Roof test rig' });
    expect(s.state).toBe('STOP');
    const list = contractTable.listSites.result.parse((await api('GET', '/api/sites')).json);
    expect(list.filter((e) => e.active).map((e) => e.id)).toEqual([id]);
  });

  it('editing the active site is stored, and takes effect only at its next activation', async () => {
    const r = await api('PUT', `/api/sites/${id}`, siteFor(sim as SimulatedSite, 'Roof rig B'));
    expect(r.status).toBe(200);
    expect((await statusOf(host)).site.name).toBe('Roof test rig');
    const list = contractTable.listSites.result.parse((await api('GET', '/api/sites')).json);
    expect(list.find((e) => e.id === id)).toMatchObject({
      name: 'Roof rig B',
      active: true,
      changedSinceActivation: true,
    });
    expect((await api('DELETE', `/api/sites/${id}`)).status).toBe(409);
  });

  it('a switch whose 0 W is not confirmed is refused (409 with the reason); forcing needs the acknowledgement', async () => {
    expect((await api('POST', '/api/start')).status).toBe(200);
    expect((await statusOf(host)).state).toBe('STANDBY');
    // The running site's devices go away: its inverter can no longer confirm 0 W.
    await sim?.stop();
    sim = null;
    const refused = await api('POST', '/api/sites/built-in/activate', {});
    expect(refused.status).toBe(409);
    expect(errorSchema.parse(refused.json).error).toMatch(
      /switch refused: site "Roof test rig" did not confirm 0 W \(0 W could not be confirmed: .+\).*oldInverterMayRun/,
    );
    const after = await statusOf(host);
    expect(after.site.id).toBe(id);
    expect(after.state).toBe('STOP');

    const notAcknowledged = await api('POST', '/api/sites/built-in/activate', {
      oldInverterMayRun: false,
    });
    expect(notAcknowledged.status).toBe(400);
    expect(errorSchema.parse(notAcknowledged.json).error).toMatch(/^oldInverterMayRun: /);

    const forced = await api('POST', '/api/sites/built-in/activate', { oldInverterMayRun: true });
    expect(forced.status).toBe(200);
    const result = contractTable.activateSite.result.parse(forced.json);
    expect(result).toMatchObject({ id: 'built-in', zeroWConfirmed: false });
    expect(result.unconfirmedReason).toMatch(/0 W could not be confirmed/);
    const s = await statusOf(host);
    expect(s.site).toEqual({ id: 'built-in', name: 'Built-in simulated site' });
    expect(s.state).toBe('STOP');
  }, 30_000);

  it('duplicate, export and delete a site that is not active', async () => {
    const dup = await api('POST', `/api/sites/${id}/duplicate`);
    expect(dup.status).toBe(201);
    const copy = contractTable.duplicateSite.result.parse(dup.json).id;
    const exported = await api('GET', `/api/sites/${copy}/export`);
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="${copy}.json"`);
    expect(JSON.parse(exported.text)).toMatchObject({ name: 'Roof rig B (copy)' });
    expect((await api('DELETE', `/api/sites/${copy}`)).status).toBe(200);
    expect((await api('DELETE', `/api/sites/${id}`)).status).toBe(200);
    expect((await api('GET', `/api/sites/${id}`)).status).toBe(404);
  });
});

describe('a restart without --site', () => {
  it('opens the site active last; --sim opens the built-in site', async () => {
    const s = await simulator();
    const first = await startApiHost(['--api', '--port', '0']);
    try {
      const created = await send(first, 'POST', '/api/sites', {
        token: first.token,
        body: siteFor(s, 'Plant room'),
      });
      const { id } = contractTable.createSite.result.parse(created.json);
      const switched = await send(first, 'POST', `/api/sites/${id}/activate`, {
        token: first.token,
      });
      expect(switched.status).toBe(200);
      first.process.kill('SIGTERM');
      await first.process.exited;

      for (const [args, expected] of [
        [[], 'EMS running on site "Plant room"'],
        [['--sim'], 'EMS running on site "Built-in simulated site"'],
      ] as const) {
        const again = spawnTsx('src/main/hosts/headless/cli.ts', args, {
          EMS_CONFIG_DIR: first.configDir,
        });
        try {
          await waitForStderr(again, new RegExp(expected), 90_000);
          const line = await again.waitForLine((l) => l.startsWith('{'), 30_000);
          expect(JSON.parse(line)).toMatchObject({ state: 'STOP' });
        } finally {
          again.kill('SIGTERM');
          await again.exited;
        }
      }
    } finally {
      await stopApiHost(first);
      await s.stop();
    }
  }, 240_000);
});
