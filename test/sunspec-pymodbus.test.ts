import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInverterDriver } from '../src/main/devices/modbus/drivers/inverter-driver';
import { ModbusTcpClient } from '../src/main/devices/modbus/wire/modbus-client';
import type { DiscoveryEvent } from '../src/main/devices/modbus/sunspec/sunspec-discovery';
import type { SunSpecChainView } from '../src/shared/sunspec-views';
import { discoverDevice } from '../src/main/devices/modbus/sunspec/sunspec-discovery';
import { profileFromDiscovery } from '../src/main/devices/modbus/sunspec/sunspec-profile';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/**
 * SunSpec discovery against a device served by Debian's python3-pymodbus, whose registers
 * are computed in Python with struct: the chain includes a vendor model the project does not
 * know, a 701 longer than one read and a 704 with groups; unit 1 has 'SunS' at 0, unit 2 at
 * 50000. A profile made from the discovery then commands the device.
 */

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(
  dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'pymodbus-sunspec-server.py',
);
const u16 = (v: number): number => v & 0xffff;

let child: ChildProcessWithoutNullStreams;
let port = 0;
const replies: ((line: string) => void)[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  child = spawn(PYTHON, [SCRIPT, '0'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => replies.shift()?.(line));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY: ${stderr}`)), 20_000);
    replies.push((line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', () => reject(new Error(`pymodbus exited: ${stderr}`)));
  });
  const match = /^READY (\d+)$/.exec(first);
  if (!match?.[1]) throw new Error(`pymodbus did not start: ${first} ${stderr}`);
  port = Number(match[1]);
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

afterAll(async () => {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await gone;
  clearTimeout(timer);
});

/** Holding registers as pymodbus stores them. */
function stored(unit: number, address: number, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    replies.push((line) =>
      line.startsWith('got ')
        ? resolve(line.slice(4).split(' ').map(Number))
        : reject(new Error(line)),
    );
    child.stdin.write(`get ${unit} ${address} ${count}\n`);
  });
}

async function discover(unitId: number, events?: DiscoveryEvent[]): Promise<SunSpecChainView> {
  const t = new ModbusTcpClient({
    clock: realTime,
    host: '127.0.0.1',
    port,
    unitId,
    name: 'pm',
    timeoutMs: 2000,
  });
  closers.push(() => t.close());
  await t.connect();
  return discoverDevice(t, events ? { onProgress: (e) => events.push(e) } : {});
}

function value(result: SunSpecChainView, id: number, name: string): unknown {
  const model = result.models.find((m) => m.id === id);
  return model?.decoded?.points.find((p) => p.name === name)?.value;
}

describe('SunSpec discovery against pymodbus', () => {
  it('walks the chain from 50000, decodes known models and lists the vendor model raw', async () => {
    const events: DiscoveryEvent[] = [];
    const result = await discover(2, events);
    expect(result.base).toBe(50000);
    expect(result.models.map((m) => [m.id, m.address, m.length])).toEqual([
      [1, 50002, 66],
      [103, 50070, 50],
      [64001, 50122, 4],
      [124, 50128, 24],
      [701, 50154, 153],
      [704, 50309, 65],
      [802, 50376, 62],
    ]);
    expect(events.filter((e) => e.kind === 'base').map((e) => [e.base, e.found])).toEqual([
      [40000, false],
      [0, false],
      [50000, true],
    ]);
    expect([value(result, 1, 'Mn'), value(result, 1, 'Md'), value(result, 1, 'SN')]).toEqual([
      'PyModbus Co',
      'PM-Storage',
      'PY-0001',
    ]);
    expect([value(result, 103, 'W'), value(result, 103, 'Hz'), value(result, 103, 'DCA')]).toEqual([
      -3500,
      50.02,
      null,
    ]);
    expect([value(result, 124, 'WChaMax'), value(result, 124, 'ChaState')]).toEqual([5000, 65.43]);
    expect([value(result, 701, 'W'), value(result, 701, 'TotWhInj')]).toEqual([123.4, 2 ** 33 + 7]);
    expect(value(result, 802, 'SoC')).toBe(65);
    const vendor = result.models[2];
    expect([vendor?.name, vendor?.decoded, vendor?.registers]).toEqual([
      null,
      null,
      [11, 22, 33, 44],
    ]);
    const groups = result.models[5]?.decoded?.undecoded;
    expect(groups).toEqual({ offset: 59, registers: [950, 1, 960, 0, 970, 1, 980, 0] });
    // 701's 153 registers need two requests; every other body fits one.
    expect(result.requests).toBe(8);
    expect(result.registersRead).toBe(424);
    expect(events.at(-1)).toEqual({ kind: 'done', models: 7, registersRead: 424 });
  });

  it('finds the same device at base 0 after an exception at 40000', async () => {
    const result = await discover(1);
    expect(result.base).toBe(0);
    expect(result.models.map((m) => m.id)).toEqual([1, 103, 64001, 124, 701, 704, 802]);
    expect(value(result, 103, 'W')).toBe(-3500);
  });

  it('commands the device through a profile made from the discovery', async () => {
    const profile = profileFromDiscovery(await discover(2), 'inverter');
    expect(profile.inverter?.setpoint.method).toBe('sunspecStorage');
    expect(profile.inverter?.socPoint).toBe('ChaState');
    const inv = createInverterDriver(profile, {
      clock: realTime,
      host: '127.0.0.1',
      port,
      unitId: 2,
    });
    closers.push(() => inv.close());
    await inv.connect();
    const at124 = 50128;
    expect(await stored(2, at124 + 15, 1)).toEqual([30]);
    const r = await inv.read();
    expect([r.activePowerW, r.socPct, r.ratedChargeW]).toEqual([-3500, 65.43, 5000]);
    await inv.writeSetpoint(2500);
    expect(await stored(2, at124 + 12, 2)).toEqual([5000, u16(-5000)]);
    expect(await stored(2, at124 + 5, 1)).toEqual([3]);
  });
});
