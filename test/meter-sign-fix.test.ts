import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRunView, CommissioningStatusView } from '../src/shared/check-views';
import { COMMISSIONING_STATE_FILE_NAME } from '../src/main/config/commissioning-state';
import { SiteStore } from '../src/main/config/site-store';
import type { SiteSwitcher } from '../src/main/hosts/site-switcher';
import { startSiteHost } from '../src/main/hosts/site-host';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { siteFileSchema } from '../src/main/site/site-schema';
import { createRealTime } from '../src/main/util/real-time';
import { waitFor } from './support/wait-for';

/**
 * Issue 12, the meterSign fix on a stored (managed) site, in-process on real time: the
 * simulator's meter is right, the stored site says powerSign -1, so meterSign fails and
 * proposes 1. The fix must land in sites/<id>.json, the site must say "not commissioned"
 * until meterSign passes again, and a restart without --site must open the same site and
 * still say so; the pass on the corrected sign clears it.
 */

const realTime = createRealTime();
const CTX = { authorised: true, source: 'test' } as const;
let sim: SimulatedSite;
let configDir: string;
let id: string;

beforeAll(async () => {
  sim = await startSimulatedSite({ ports: { meter: 0, inverter: 0 }, time: realTime });
  configDir = await mkdtemp(join(tmpdir(), 'ems-sign-fix-'));
  const store = new SiteStore({ configDir, log: () => undefined });
  id = await store.create(
    siteFileSchema.parse({
      name: 'Sign rig',
      meter: { host: '127.0.0.1', port: sim.ports.meter, profile: 'sim-meter', powerSign: -1 },
      inverter: {
        host: '127.0.0.1',
        port: sim.ports.inverter,
        profile: 'sim-inverter',
        ratedChargeW: 5000,
        ratedDischargeW: 5000,
      },
    }),
  );
  await store.setActive(id);
});

afterAll(async () => {
  await sim.stop();
  await rm(configDir, { recursive: true, force: true });
});

async function call<T>(host: SiteSwitcher, method: string, params: unknown = {}): Promise<T> {
  const reply = await host.handle(method, params, CTX);
  if (!reply.ok) throw new Error(`${method}: ${reply.error}`);
  return reply.result as T;
}

/** Opens the site active last (no --site), starts the EMS and waits for STANDBY. */
async function openSite(): Promise<SiteSwitcher> {
  const host = await startSiteHost({
    siteFile: null,
    mode: null,
    log: () => undefined,
    time: realTime,
    recordingPath: null,
    configDir,
  });
  expect(host.current.runtime.snapshot().site.id).toBe(id);
  await call(host, 'command', { command: { type: 'start' } });
  await waitFor(() => host.current.runtime.snapshot().state === 'STANDBY', {
    what: 'STANDBY',
    timeoutMs: 30_000,
  });
  return host;
}

async function runMeterSign(host: SiteSwitcher): Promise<CheckRunView> {
  const { runId } = await call<{ runId: string }>(host, 'runCheck', {
    check: 'meterSign',
    confirmed: true,
  });
  return waitFor(
    async () =>
      (await call<CheckRunView[]>(host, 'listChecks')).find(
        (r) => r.runId === runId && r.status !== 'running',
      ),
    { what: 'meterSign to finish', timeoutMs: 90_000, intervalMs: 200 },
  );
}

const signWhy = (s: CommissioningStatusView): string | undefined =>
  s.missing.find((m) => m.check === 'meterSign')?.why;

describe('the meterSign fix on a stored site', () => {
  it('writes sites/<id>.json and keeps the site not commissioned, across a restart, until meterSign passes', async () => {
    let host = await openSite();
    try {
      const bad = await runMeterSign(host);
      expect(bad.status).toBe('fail');
      expect(bad.proposedFix).toEqual({ meterPowerSign: 1 });
      const fixed = await call<{ powerSign: number; message: string }>(host, 'applyMeterSignFix', {
        runId: bad.runId,
        confirmed: true,
      });
      expect(fixed.powerSign).toBe(1);
      const file = join(configDir, 'sites', `${id}.json`);
      expect(fixed.message).toContain(file);
      const stored = JSON.parse(await readFile(file, 'utf8')) as { meter: { powerSign: number } };
      expect(stored.meter.powerSign).toBe(1);
      if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
      const status = await call<CommissioningStatusView>(host, 'commissioningStatus');
      expect(status.commissioned).toBe(false);
      expect(signWhy(status)).toMatch(/sign was changed/);
    } finally {
      await host.stop();
    }

    // A restart without --site opens the same site, on its new sign, and still remembers.
    host = await openSite();
    try {
      const status = await call<CommissioningStatusView>(host, 'commissioningStatus');
      expect(signWhy(status)).toMatch(/sign was changed/);
      const good = await runMeterSign(host);
      expect(good.status).toBe('pass');
      const after = await call<CommissioningStatusView>(host, 'commissioningStatus');
      expect(after.passed).toContain('meterSign');
      const state = JSON.parse(
        await readFile(join(configDir, COMMISSIONING_STATE_FILE_NAME), 'utf8'),
      ) as { sites: Record<string, unknown> };
      expect(state.sites[id]).toBeUndefined();
    } finally {
      await host.stop();
    }
  }, 240_000);
});
