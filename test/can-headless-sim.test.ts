import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/main/sim/free-port';
import { parseStatus, statusWhere } from './support/status-lines';
import { ROOT, spawnTsx, type TsxProcess } from './support/tsx-process';
import { waitFor } from './support/wait-for';
import { STARTUP_TIMEOUT_MS } from './support/startup-timeout';

/**
 * The headless host against a separately started `npm run sim`, the BMS over CAN through the
 * simulator's socketcand gateway (resources/sites/sim-socketcand.json), and against a
 * candump log replayed in a loop. Real processes, real sockets, nothing stubbed.
 */

const HEADLESS = 'src/main/hosts/headless/cli.ts';
const SIM = 'src/main/sim/cli.ts';
const running: TsxProcess[] = [];
let ports: { meter: number; inverter: number; can: number };
let dir: string;

async function siteFile(name: string, bms: unknown): Promise<string> {
  const example = JSON.parse(
    await readFile(join(ROOT, 'resources/sites/sim-socketcand.json'), 'utf8'),
  ) as {
    meter: { port: number };
    inverter: { port: number };
    bms: unknown;
  };
  example.meter.port = ports.meter;
  example.inverter.port = ports.inverter;
  example.bms = bms;
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(example));
  return path;
}

function start(script: string, args: readonly string[]): TsxProcess {
  const p = spawnTsx(script, args);
  running.push(p);
  return p;
}

/** The simulator's own SOC, from its console (the truth, not the EMS's view). */
async function simSoc(sim: TsxProcess): Promise<number> {
  const before = sim.stderr().length;
  sim.child.stdin.write('status\n');
  const match = await waitFor(() => /soc (\d+(?:\.\d+)?) %/.exec(sim.stderr().slice(before)), {
    what: 'the status reply',
  });
  return Number(match[1]);
}

beforeAll(async () => {
  ports = {
    meter: await findFreePort('127.0.0.1'),
    inverter: await findFreePort('127.0.0.1'),
    can: await findFreePort('127.0.0.1'),
  };
  dir = await mkdtemp(join(tmpdir(), 'ems-can-site-'));
});

afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exited));
});

describe('headless host with the BMS on socketcand from npm run sim', () => {
  let sim: TsxProcess;
  let ems: TsxProcess;

  it('runs self-consumption with canOk true and the BMS values in the status line', async () => {
    sim = start(SIM, [
      '--meter-port',
      `${ports.meter}`,
      '--inverter-port',
      `${ports.inverter}`,
      '--can-port',
      `${ports.can}`,
      '--seed',
      '7',
      '--time',
      '20:00',
    ]);
    const ready = JSON.parse(
      await sim.waitForLine((l) => l.includes('"ready"'), STARTUP_TIMEOUT_MS),
    ) as {
      canPort: number;
    };
    expect(ready.canPort).toBe(ports.can);
    const site = await siteFile('socketcand.json', {
      transport: { type: 'socketcand', host: '127.0.0.1', port: ports.can, interface: 'can0' },
      profile: 'pylontech-v1.2',
    });
    ems = start(HEADLESS, ['--site', site, '--mode', 'SELF_CONSUMPTION']);
    const line = await ems.waitForLine(
      statusWhere((s) => s.state === 'SELF_CONSUMPTION' && s.canOk === true && s.bms !== undefined),
      20_000,
    );
    const s = parseStatus(line);
    expect(s.bms?.voltageV).toBeGreaterThan(48);
    expect(s.bms?.voltageV).toBeLessThan(58);
    expect(s.bms?.cclA).toBeGreaterThan(0);
    expect(s.bms?.dclA).toBeGreaterThan(0);
    expect(typeof s.bms?.temperatureC).toBe('number');
    expect(Math.abs((s.soc ?? -100) - (await simSoc(sim)))).toBeLessThan(1);
    expect(ems.stderr()).toContain(
      `BMS on socketcand:127.0.0.1:${ports.can}/can0 speaking pylontech-v1.2`,
    );
  });

  it('faults with BMS_COMM_LOSS when the BMS falls silent, and recovers when it speaks again', async () => {
    const from = ems.lines.length;
    const silencedAt = Date.now();
    sim.child.stdin.write('bmsSilent on\n');
    const lost = parseStatus(
      await ems.waitForLine(
        statusWhere((s) => s.state === 'FAULT'),
        8000,
        from,
      ),
    );
    // Three missed 1 s frame periods, plus a poll and the 1 s status cadence.
    expect(Date.parse(lost.time) - silencedAt).toBeLessThanOrEqual(5000);
    expect(lost).toMatchObject({
      faults: ['BMS_COMM_LOSS'],
      canOk: false,
      setpointW: 0,
      soc: null,
    });
    expect(lost.bms).toBeUndefined();
    sim.child.stdin.write('bmsSilent off\n');
    await ems.waitForLine(
      statusWhere((s) => s.state === 'STANDBY' && s.canOk === true),
      10_000,
      ems.lines.length,
    );
  });

  it('faults with BMS_PROTECTION_ALARM when the simulated BMS raises an alarm', async () => {
    const from = ems.lines.length;
    sim.child.stdin.write('alarm CELL_OVER_VOLTAGE on\n');
    const line = await ems.waitForLine(
      statusWhere((s) => s.faults.includes('BMS_PROTECTION_ALARM')),
      5000,
      from,
    );
    expect(parseStatus(line)).toMatchObject({ state: 'FAULT', setpointW: 0 });
  });

  it('faults with BMS_COMM_LOSS within 3 s of the gateway being killed, at 0 W', async () => {
    const from = ems.lines.length;
    const killedAt = Date.now();
    sim.kill('SIGKILL');
    await sim.exited;
    const line = await ems.waitForLine(
      statusWhere((s) => s.faults.includes('BMS_COMM_LOSS')),
      5000,
      from,
    );
    const s = parseStatus(line);
    expect(Date.parse(s.time) - killedAt).toBeLessThanOrEqual(3000);
    expect(s).toMatchObject({ state: 'FAULT', setpointW: 0, canOk: false });
    expect(ems.stderr()).toContain('connection to the gateway lost');
    ems.kill('SIGTERM');
    expect(await ems.exited).toBe(0);
  });
});

describe('headless host with the BMS on a replayed candump log', () => {
  it('reads the logged BMS values while the simulator serves the Modbus devices', async () => {
    const sim = start(SIM, [
      '--meter-port',
      `${ports.meter}`,
      '--inverter-port',
      `${ports.inverter}`,
      '--can-port',
      '0',
      '--seed',
      '7',
      '--time',
      '20:00',
    ]);
    await sim.waitForLine((l) => l.includes('"ready"'), STARTUP_TIMEOUT_MS);
    const site = await siteFile('replay.json', {
      transport: {
        type: 'replay',
        file: join(ROOT, 'test/fixtures/can-pylontech-v12.log'),
        loop: true,
      },
      profile: 'pylontech-v1.2',
    });
    const ems = start(HEADLESS, ['--site', site, '--mode', 'SELF_CONSUMPTION']);
    const line = await ems.waitForLine(
      statusWhere((s) => s.canOk === true && s.bms !== undefined),
      20_000,
    );
    expect(parseStatus(line)).toMatchObject({
      soc: 64,
      bms: { voltageV: 52.3, currentA: 8.5, temperatureC: 23.4, cclA: 60, dclA: 90 },
    });
    ems.kill('SIGTERM');
    expect(await ems.exited).toBe(0);
  });
});
