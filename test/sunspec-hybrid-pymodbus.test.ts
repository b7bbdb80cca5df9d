import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_DEFAULT_EXPIRY_WARNING } from '../src/main/runtime/snapshot-builder';
import { parseStatus, statusWhere } from './support/status-lines';
import { spawnTsx, type TsxProcess } from './support/tsx-process';

/**
 * The headless host, set up as a new user would (a site file naming sunspec-meter-203 and
 * sunspec-hybrid-124), against a SunSpec hybrid that nobody here wrote in TypeScript: a site
 * served by Debian's python3-pymodbus, with PV behind the inverter, 2 kW load steps and 70 %
 * PV clouds (test/fixtures/pymodbus-sunspec-hybrid-site.py). SELF_CONSUMPTION must hold the
 * grid near 0 W without a false INVERTER_NOT_FOLLOWING, and warn that the device returns to
 * its own dispatch when its watchdog expires.
 */

const SCRIPT = join(
  dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'pymodbus-sunspec-hybrid-site.py',
);
const HEADLESS = 'src/main/hosts/headless/cli.ts';

let site: ChildProcessWithoutNullStreams;
let ems: TsxProcess | null = null;
const replies: ((line: string) => void)[] = [];

function ask(command: string): Promise<string> {
  return new Promise((resolve) => {
    replies.push(resolve);
    site.stdin.write(`${command}\n`);
  });
}

beforeAll(async () => {
  site = spawn('/usr/bin/python3', [SCRIPT, '0'], { stdio: 'pipe' });
  let stderr = '';
  site.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: site.stdout }).on('line', (line) => replies.shift()?.(line));
  const first = await new Promise<string>((resolve, reject) => {
    replies.push(resolve);
    site.once('exit', () => reject(new Error(`pymodbus exited: ${stderr}`)));
  });
  const port = Number(/^READY (\d+)$/.exec(first)?.[1]);
  if (!(port > 0)) throw new Error(`pymodbus did not start: ${first} ${stderr}`);
  const device = { host: '127.0.0.1', port, timeoutMs: 500 };
  const siteFile = join(await mkdtemp(join(tmpdir(), 'ems-hybrid-')), 'site.json');
  await writeFile(
    siteFile,
    JSON.stringify({
      name: 'SunSpec hybrid on pymodbus',
      meter: { ...device, unitId: 2, profile: 'sunspec-meter-203' },
      inverter: {
        ...device,
        unitId: 1,
        profile: 'sunspec-hybrid-124',
        ratedChargeW: 5000,
        ratedDischargeW: 5000,
      },
    }),
  );
  ems = spawnTsx(HEADLESS, ['--site', siteFile, '--mode', 'SELF_CONSUMPTION']);
});

afterAll(async () => {
  if (ems !== null) {
    ems.kill('SIGTERM');
    await ems.exited;
  }
  const gone = new Promise((resolve) => site.once('exit', resolve));
  site.stdin.end();
  await gone;
});

describe('SELF_CONSUMPTION on a pymodbus SunSpec hybrid', () => {
  it('holds the grid near 0 W through load steps and clouds, with no false fault', async () => {
    const host = ems;
    if (host === null) throw new Error('headless host not started');
    await host.waitForLine(
      statusWhere((s) => s.state === 'SELF_CONSUMPTION'),
      30_000,
    );
    expect(await ask('reset')).toBe('ok');
    const from = host.lines.length;
    // Thirty status lines (one a second): load steps and clouds.
    await host.waitForLine(() => host.lines.length - from >= 30, 50_000, from);
    const [, n, meanAbsGrid, meanAbsNoBattery] = (await ask('stats')).split(' ').map(Number);
    const lines = host.lines.slice(from).flatMap((l) => {
      try {
        return [parseStatus(l)];
      } catch {
        return [];
      }
    });
    expect(lines.every((s) => s.state === 'SELF_CONSUMPTION')).toBe(true);
    expect(lines.flatMap((s) => s.faults)).toEqual([]);
    expect(lines.at(-1)?.warnings).toContain(DEVICE_DEFAULT_EXPIRY_WARNING);
    expect(n).toBeGreaterThan(100);
    // The battery takes most of the exchange: what is left is the ramp after each step.
    expect(meanAbsGrid).toBeLessThan(0.3 * (meanAbsNoBattery ?? 0));
  }, 90_000);
});
