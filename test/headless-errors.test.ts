import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/main/sim/free-port';
import { parseStatus, statusWhere } from './support/status-lines';
import { ROOT, spawnTsx, type TsxProcess } from './support/tsx-process';

/**
 * Bad input at start-up: each gives one line on stderr naming what is wrong, and nothing
 * crashes. An unreachable device is not a start-up error: the host runs and reports it.
 */

const HEADLESS = 'src/main/hosts/headless/cli.ts';
const running: TsxProcess[] = [];
let dir: string;
let example: Record<string, unknown> & {
  meter: Record<string, unknown>;
  inverter: Record<string, unknown>;
};

function headless(args: readonly string[]): TsxProcess {
  const p = spawnTsx(HEADLESS, args);
  running.push(p);
  return p;
}

/** The non-empty stderr lines that are not routine log lines. */
function errorLines(p: TsxProcess): string[] {
  return p
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('headless:'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-bad-'));
  example = JSON.parse(
    await readFile(join(ROOT, 'resources/sites/sim-modbus.json'), 'utf8'),
  ) as typeof example;
});

afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exited));
});

describe('headless start-up errors', () => {
  it('a site file that is not JSON: one line naming the file, exit 1', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ "name": "x", ');
    const p = headless(['--site', file]);
    expect(await p.exited).toBe(1);
    const lines = errorLines(p);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('broken.json');
    expect(lines[0]).toContain('not valid JSON');
  });

  it('a site file with a bad field names the field', async () => {
    const file = join(dir, 'bad-field.json');
    await writeFile(file, JSON.stringify({ ...example, control: { socMinPct: 'ten' } }));
    const p = headless(['--site', file]);
    expect(await p.exited).toBe(1);
    expect(errorLines(p)).toEqual([expect.stringContaining('control.socMinPct')]);
  });

  it('a profile with a bad field names the profile and the field', async () => {
    const profile = JSON.parse(
      await readFile(join(ROOT, 'resources/profiles/sim-meter.json'), 'utf8'),
    ) as {
      points: Record<string, { type: string }>;
    };
    const gridPoint = profile.points['gridPowerW'];
    if (!gridPoint) throw new Error('sim-meter has no gridPowerW');
    gridPoint.type = 'int17';
    await writeFile(join(dir, 'odd-meter.json'), JSON.stringify(profile));
    const file = join(dir, 'bad-profile.json');
    await writeFile(
      file,
      JSON.stringify({ ...example, meter: { ...example.meter, profile: './odd-meter.json' } }),
    );
    const p = headless(['--site', file]);
    expect(await p.exited).toBe(1);
    const lines = errorLines(p);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('odd-meter.json');
    expect(lines[0]).toContain('points.gridPowerW.type');
  });

  it('an unknown flag is a one-line error, exit 2', async () => {
    const p = headless(['--sight', 'x']);
    expect(await p.exited).toBe(2);
    expect(errorLines(p)).toEqual([expect.stringContaining('--sight')]);
  });

  it('an unreachable device: the host keeps running, names host:port, and faults after the grace time', async () => {
    const dead = await findFreePort('127.0.0.1');
    const file = join(dir, 'unreachable.json');
    await writeFile(
      file,
      JSON.stringify({
        ...example,
        meter: { ...example.meter, port: dead },
        inverter: { ...example.inverter, port: dead },
        control: { ...(example['control'] as object), connectGraceMs: 2000 },
      }),
    );
    const p = headless(['--site', file, '--mode', 'SELF_CONSUMPTION']);
    const line = await p.waitForLine(
      statusWhere((s) => s.state === 'FAULT'),
      10_000,
    );
    const s = parseStatus(line);
    expect(s.setpointW).toBe(0);
    expect(s.modbusOk).toBe(false);
    expect(s.faults).toEqual(expect.arrayContaining(['METER_COMM_LOSS', 'INVERTER_COMM_LOSS']));
    const meterErrors = p
      .stderr()
      .split('\n')
      .filter((l) => l.includes(`127.0.0.1:${dead}`) && l.startsWith('meter'));
    expect(meterErrors.length).toBeGreaterThanOrEqual(1);
    expect(meterErrors[0]).toMatch(/refused/i);
    p.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });
});
