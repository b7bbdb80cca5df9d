import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/main/sim/free-port';
import type { EmsSnapshot } from '../src/shared/snapshot';
import { eventually, send, statusOf } from './api-support';
import { waitForStderr } from './support/headless-ui-process';
import { ROOT, spawnTsx, type TsxProcess } from './support/tsx-process';
import { STARTUP_TIMEOUT_MS } from './support/startup-timeout';

/**
 * The energy counters end to end: the simulator in its own process counts the energy its
 * battery really exchanged; the headless host integrates what it measures over Modbus. The
 * two must agree within 2 % once the battery has charged and then discharged.
 */

const TOKEN = 'energy-counters-test-token-0123456789';
const running: TsxProcess[] = [];
let sim: TsxProcess;
let ems: TsxProcess;
let api: { port: number };

/** The simulator's own counters: asks for a status line on its console and reads it. */
async function simCounters(): Promise<{ chargeWh: number; dischargeWh: number }> {
  const before = sim.stderr().length;
  sim.child.stdin.write('status\n');
  const pattern = /charged ([\d.]+) Wh \| discharged ([\d.]+) Wh/;
  return eventually('a simulator status line', 5_000, () => {
    const hit = pattern.exec(sim.stderr().slice(before));
    return Promise.resolve(
      hit ? { chargeWh: Number(hit[1]), dischargeWh: Number(hit[2]) } : undefined,
    );
  });
}

async function post(path: string, body?: unknown): Promise<void> {
  const r = await send(api, 'POST', path, { token: TOKEN, ...(body ? { body } : {}) });
  expect(r.status, `${path}: ${r.text}`).toBe(200);
}

/** Waits until the inverter is at rest and the EMS's counters have stopped growing. */
async function settled(): Promise<EmsSnapshot> {
  let last: EmsSnapshot | null = null;
  return eventually('the counters at rest', 20_000, async () => {
    const s = await statusOf(api);
    const prev = last;
    last = s;
    const atRest = s.inverterW !== null && Math.abs(s.inverterW) < 1;
    const same =
      prev !== null &&
      prev.energySession.chargeWh === s.energySession.chargeWh &&
      prev.energySession.dischargeWh === s.energySession.dischargeWh;
    return atRest && same ? s : undefined;
  });
}

beforeAll(async () => {
  const ports = {
    meter: await findFreePort('127.0.0.1'),
    inverter: await findFreePort('127.0.0.1'),
  };
  const site = JSON.parse(
    await readFile(join(ROOT, 'resources/sites/sim-modbus.json'), 'utf8'),
  ) as {
    meter: { port: number };
    inverter: { port: number };
  };
  site.meter.port = ports.meter;
  site.inverter.port = ports.inverter;
  const siteFile = join(await mkdtemp(join(tmpdir(), 'ems-energy-')), 'site.json');
  await writeFile(siteFile, JSON.stringify(site));
  sim = spawnTsx('src/main/sim/cli.ts', [
    '--meter-port',
    `${ports.meter}`,
    '--inverter-port',
    `${ports.inverter}`,
    '--seed',
    '7',
    '--time',
    '20:00',
    '--can-port',
    '0',
  ]);
  running.push(sim);
  await sim.waitForLine((l) => l.includes('"ready"'), STARTUP_TIMEOUT_MS);
  ems = spawnTsx(
    'src/main/hosts/headless/cli.ts',
    ['--site', siteFile, '--api', '--port', '0', '--mode', 'IDLE'],
    { EMS_API_TOKEN: TOKEN },
  );
  running.push(ems);
  const [, port] = await waitForStderr(ems, /API: http:\/\/[^/\s]+:(\d+)\/api\//, 60_000);
  api = { port: Number(port) };
}, 90_000);

afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exited));
});

describe('energy counters', () => {
  it('grow as the simulated battery charges and discharges and agree with its own counters', async () => {
    const start = await statusOf(api);
    expect(start.energyToday).toMatchObject({ chargeWh: 0, dischargeWh: 0, pvWh: null });

    await post('/api/override-power', { watts: 3000 });
    await post('/api/mode', { mode: 'CHARGE_ONLY' });
    await eventually('10 Wh charged', 40_000, async () => {
      const s = await statusOf(api);
      return s.energyToday.chargeWh >= 10 ? s : undefined;
    });
    await post('/api/mode', { mode: 'IDLE' });
    const charged = await settled();
    const simCharged = await simCounters();
    expect(charged.energyToday.dischargeWh).toBeLessThan(0.2);
    expect(charged.energyToday.chargeWh).toBeGreaterThan(10);
    expect(Math.abs(charged.energyToday.chargeWh - simCharged.chargeWh)).toBeLessThanOrEqual(
      0.02 * simCharged.chargeWh,
    );

    await post('/api/mode', { mode: 'DISCHARGE_ONLY' });
    await eventually('10 Wh discharged', 40_000, async () => {
      const s = await statusOf(api);
      return s.energyToday.dischargeWh >= 10 ? s : undefined;
    });
    await post('/api/mode', { mode: 'IDLE' });
    const discharged = await settled();
    const simDischarged = await simCounters();
    expect(discharged.energyToday.chargeWh).toBeCloseTo(charged.energyToday.chargeWh, 0);
    expect(
      Math.abs(discharged.energyToday.dischargeWh - simDischarged.dischargeWh),
    ).toBeLessThanOrEqual(0.02 * simDischarged.dischargeWh);
    expect(discharged.energySession.dischargeWh).toBe(discharged.energyToday.dischargeWh);
  }, 150_000);
});
