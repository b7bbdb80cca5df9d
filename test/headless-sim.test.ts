import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInverterDriver } from '../src/main/devices/modbus/drivers/inverter-driver';
import { loadProfile } from '../src/main/devices/modbus/profile/profile-loader';
import { findFreePort } from '../src/main/sim/free-port';
import { parseStatus, statusWhere } from './support/status-lines';
import { ROOT, spawnTsx, type TsxProcess } from './support/tsx-process';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';
import { STARTUP_TIMEOUT_MS } from './support/startup-timeout';

/**
 * The foundation's acceptance path with real processes on loopback: `npm run sim` serving
 * meter and inverter over Modbus TCP, and `npm run headless --site` controlling it.
 */

const HEADLESS = 'src/main/hosts/headless/cli.ts';
const SIM = 'src/main/sim/cli.ts';
const running: TsxProcess[] = [];
let ports: { meter: number; inverter: number };
let siteFile: string;

function startSim(): TsxProcess {
  // Evening: no PV, so the battery can cover the whole house load within its limits.
  const p = spawnTsx(SIM, [
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
  running.push(p);
  return p;
}

function startHeadless(mode: string): TsxProcess {
  const p = spawnTsx(HEADLESS, ['--site', siteFile, '--mode', mode]);
  running.push(p);
  return p;
}

/** Reads the simulated inverter's own registers through its profile: the truth, not the EMS's view. */
async function simInverterRegisters(): Promise<{ setpointW: number | null; activePowerW: number }> {
  const inverter = createInverterDriver(await loadProfile('sim-inverter'), {
    clock: realTime,
    host: '127.0.0.1',
    port: ports.inverter,
    timeoutMs: 1000,
  });
  try {
    const r = await inverter.read();
    return { setpointW: r.points['setpointW'] ?? null, activePowerW: r.activePowerW };
  } finally {
    await inverter.close();
  }
}

beforeAll(async () => {
  ports = { meter: await findFreePort('127.0.0.1'), inverter: await findFreePort('127.0.0.1') };
  const example = JSON.parse(
    await readFile(join(ROOT, 'resources/sites/sim-modbus.json'), 'utf8'),
  ) as {
    meter: { port: number };
    inverter: { port: number };
  };
  example.meter.port = ports.meter;
  example.inverter.port = ports.inverter;
  siteFile = join(await mkdtemp(join(tmpdir(), 'ems-site-')), 'site.json');
  await writeFile(siteFile, JSON.stringify(example));
});

afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exited));
});

describe('headless host against a separately started simulator', () => {
  let sim: TsxProcess;
  let ems: TsxProcess;

  it('reaches SELF_CONSUMPTION within 5 s and holds the grid near 0 W', async () => {
    sim = startSim();
    await sim.waitForLine((l) => l.includes('"ready"'), STARTUP_TIMEOUT_MS);
    ems = startHeadless('SELF_CONSUMPTION');
    const first = await ems.waitForLine(
      statusWhere(() => true),
      15_000,
    );
    const reached = await ems.waitForLine(
      statusWhere((s) => s.state === 'SELF_CONSUMPTION'),
      15_000,
    );
    expect(
      Date.parse(parseStatus(reached).time) - Date.parse(parseStatus(first).time),
    ).toBeLessThanOrEqual(5000);

    // Ten seconds of operation; steady lines are those where no limit binds and the inverter is settled.
    const from = ems.lines.length;
    await ems.waitForLine(() => ems.lines.length - from >= 10, 15_000, from);
    const lines = ems.lines.slice(from).map(parseStatus);
    const deadband = 50;
    let steady = 0;
    for (let i = 1; i < lines.length; i++) {
      const [prev, cur] = [lines[i - 1], lines[i]];
      if (!prev || !cur || cur.gridW === null || cur.inverterW === null || prev.inverterW === null)
        continue;
      const free = (l: string): boolean => l === 'none' || l === 'deadband';
      if (
        !free(prev.limitedBy) ||
        !free(cur.limitedBy) ||
        Math.abs(cur.inverterW - prev.inverterW) > 100
      )
        continue;
      steady++;
      expect(Math.abs(cur.gridW), `grid at ${cur.time}`).toBeLessThan(deadband + 100);
    }
    expect(steady, 'some steady-state lines to judge').toBeGreaterThanOrEqual(3);
    expect(
      lines.every((l) => l.state === 'SELF_CONSUMPTION' && l.modbusOk && l.canOk === null),
    ).toBe(true);
  });

  it('goes to FAULT with a 0 W setpoint within 3 s of the simulator being killed', async () => {
    const killedAt = Date.now();
    sim.kill('SIGKILL');
    await sim.exited;
    const from = ems.lines.length;
    const line = await ems.waitForLine(
      statusWhere((s) => s.state === 'FAULT'),
      5000,
      from,
    );
    const s = parseStatus(line);
    expect(Date.parse(s.time) - killedAt).toBeLessThanOrEqual(3000);
    expect(s.setpointW).toBe(0);
    expect(s.modbusOk).toBe(false);
    // Each link is declared lost on its own poll failures; once both are, no grid value is shown.
    const both = parseStatus(
      await ems.waitForLine(
        statusWhere(
          (x) => x.faults.includes('METER_COMM_LOSS') && x.faults.includes('INVERTER_COMM_LOSS'),
        ),
        5000,
        from,
      ),
    );
    expect(both.state).toBe('FAULT');
    expect(both.setpointW).toBe(0);
    expect(both.gridW).toBeNull();
  });

  it('returns to STANDBY by itself once the simulator is back', async () => {
    sim = startSim();
    await sim.waitForLine((l) => l.includes('"ready"'), STARTUP_TIMEOUT_MS);
    const from = ems.lines.length;
    const line = await ems.waitForLine(
      statusWhere((s) => s.state === 'STANDBY'),
      15_000,
      from,
    );
    const s = parseStatus(line);
    expect(s.mode).toBe('IDLE');
    expect(s.setpointW).toBe(0);
    expect(s.faults).toEqual([]);
  });

  it('on SIGTERM writes 0 W to the inverter and exits 0', async () => {
    ems.kill('SIGTERM');
    expect(await ems.exited).toBe(0);
    // Now a discharging EMS: SIGTERM must leave the simulated inverter at 0 W, read from its own registers.
    ems = startHeadless('DISCHARGE_ONLY');
    await ems.waitForLine(
      statusWhere((s) => s.state === 'SELF_CONSUMPTION' && (s.inverterW ?? 0) > 800),
      15_000,
    );
    expect((await simInverterRegisters()).setpointW).toBeGreaterThan(800);
    ems.kill('SIGTERM');
    expect(await ems.exited).toBe(0);
    expect(ems.stderr()).toContain('inverter at 0 W');
    expect((await simInverterRegisters()).setpointW).toBe(0);
    // The simulated inverter ramps its output down to the 0 W it was told.
    await waitFor(async () => Math.abs((await simInverterRegisters()).activePowerW) < 50, {
      what: 'the simulated inverter output at 0 W',
    });
  });
});
