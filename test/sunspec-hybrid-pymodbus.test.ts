import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_DEFAULT_EXPIRY_WARNING } from '../src/main/runtime/snapshot-builder';
import { parseStatus, statusWhere } from './support/status-lines';
import {
  startHybridHost,
  startPymodbusSite,
  writeHybridSiteFile,
  type PymodbusSite,
} from './support/pymodbus-site';
import type { TsxProcess } from './support/tsx-process';

/**
 * The headless host, set up as a new user would (a site file naming sunspec-meter-203 and
 * sunspec-hybrid-124), against a SunSpec hybrid that nobody here wrote in TypeScript: a site
 * served by Debian's python3-pymodbus, with PV behind the inverter, 2 kW load steps and 70 %
 * PV clouds (test/fixtures/pymodbus-sunspec-hybrid-site.py). SELF_CONSUMPTION must hold the
 * grid near 0 W without a false INVERTER_NOT_FOLLOWING, and warn that the device returns to
 * its own dispatch when its watchdog expires.
 */

let site: PymodbusSite;
let ems: TsxProcess | null = null;
const ask = (command: string): Promise<string> => site.ask(command);

beforeAll(async () => {
  site = await startPymodbusSite();
  ems = startHybridHost(await writeHybridSiteFile(site.port));
});

afterAll(async () => {
  if (ems !== null) {
    ems.kill('SIGTERM');
    await ems.exited;
  }
  await site.close();
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
