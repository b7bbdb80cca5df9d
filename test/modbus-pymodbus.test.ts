import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInverterDriver } from '../src/main/devices/modbus/drivers/inverter-driver';
import { createMeterDriver } from '../src/main/devices/modbus/drivers/meter-driver';
import { loadProfile } from '../src/main/devices/modbus/profile/profile-loader';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/**
 * The profile drivers against pymodbus 3.0 (Debian python3-pymodbus), a Modbus server nobody
 * on this project wrote. The Python side computes its register values with struct and reports
 * what it stored, so both directions are checked against an independent implementation.
 */

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pymodbus-server.py');
const READY_TIMEOUT_MS = 20_000;

/** The running pymodbus server and its stdin/stdout command channel. */
class PymodbusServer {
  port = 0;
  private readonly lines: string[] = [];
  private waiter: ((line: string) => void) | null = null;
  private stderr = '';
  private exited: string | null = null;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w(line);
      } else this.lines.push(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    child.on('exit', (code, signal) => {
      this.exited = `pymodbus server exited (code ${String(code)}, signal ${String(signal)}): ${this.stderr.trim()}`;
      this.waiter?.(`EXITED ${this.exited}`);
    });
  }

  /** Starts the server and waits for its ready line (not a fixed sleep). */
  static async start(): Promise<PymodbusServer> {
    const server = new PymodbusServer(spawn(PYTHON, [SCRIPT, '0'], { stdio: 'pipe' }));
    const line = await server.nextLine(READY_TIMEOUT_MS);
    const match = /^READY (\d+)$/.exec(line);
    if (!match?.[1])
      throw new Error(`pymodbus server did not start: ${line} ${server.stderr.trim()}`);
    server.port = Number(match[1]);
    return server;
  }

  /** Holding registers as pymodbus stores them. */
  async get(unit: number, address: number, count: number): Promise<number[]> {
    const reply = await this.command(`get ${unit} ${address} ${count}`);
    if (!reply.startsWith('got ')) throw new Error(`pymodbus: ${reply}`);
    return reply.slice(4).split(' ').map(Number);
  }

  /** Stores holding registers in pymodbus. */
  async set(unit: number, address: number, values: readonly number[]): Promise<void> {
    const reply = await this.command(`set ${unit} ${address} ${values.join(' ')}`);
    if (reply !== 'ok') throw new Error(`pymodbus: ${reply}`);
  }

  /** Ends the process: closing stdin makes it exit; the kill is the fallback. */
  async stop(): Promise<void> {
    if (this.exited !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await gone;
    clearTimeout(timer);
  }

  private command(line: string): Promise<string> {
    this.child.stdin.write(`${line}\n`);
    return this.nextLine(5000);
  }

  private nextLine(timeoutMs: number): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exited !== null) return Promise.reject(new Error(this.exited));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(
          new Error(
            `pymodbus server: no output within ${timeoutMs} ms; stderr: ${this.stderr.trim()}`,
          ),
        );
      }, timeoutMs);
      this.waiter = (l) => {
        clearTimeout(timer);
        if (l.startsWith('EXITED ')) reject(new Error(l.slice(7)));
        else resolve(l);
      };
    });
  }
}

const u16 = (v: number): number => v & 0xffff;

let py: PymodbusServer;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  py = await PymodbusServer.start();
});

afterAll(async () => {
  for (const close of closers) await close();
  await py?.stop();
});

describe('sim-inverter profile against pymodbus (unit 1, absolute addresses)', () => {
  it('arms the watchdog, reads, writes the setpoint and feeds the heartbeat', async () => {
    const inv = createInverterDriver(await loadProfile('sim-inverter'), {
      clock: realTime,
      host: '127.0.0.1',
      port: py.port,
      unitId: 1,
    });
    closers.push(() => inv.close());
    await inv.connect();
    expect(await py.get(1, 11, 1)).toEqual([10]);

    const r = await inv.read();
    expect([r.activePowerW, r.socPct, r.ratedChargeW, r.ratedDischargeW]).toEqual([
      -1500, 65.4, 5000, 6000,
    ]);
    expect(r.points.heartbeat).toBe(41);
    expect(inv.lastReadRequests).toBe(1);

    // Each setpoint write carries the next heartbeat in the same write-multiple.
    await inv.writeSetpoint(-2500);
    expect(await py.get(1, 8, 3)).toEqual([0xffff, u16(-2500), 42]);
    await inv.writeSetpoint(9000);
    expect(await py.get(1, 8, 3)).toEqual([0, 6000, 43]);

    await py.set(1, 0, [0, 3000]);
    expect((await inv.read()).activePowerW).toBe(3000);
  });
});

describe('SunSpec profiles against pymodbus (unit 2, models 1, 124, 203, 103 from base 50000)', () => {
  it('finds model 203 by walking the chain and reads W with its scale factor', async () => {
    const meter = createMeterDriver(await loadProfile('sunspec-meter-203'), {
      clock: realTime,
      host: '127.0.0.1',
      port: py.port,
      unitId: 2,
    });
    closers.push(() => meter.close());
    await meter.connect();
    expect([...(meter.device.sunspec?.models ?? [])]).toEqual([
      [1, 50002],
      [124, 50070],
      [203, 50096],
      [103, 50203],
    ]);
    const r = await meter.read();
    expect(r.gridW).toBe(1234.5);
    expect([
      r.points.WphA,
      r.points.WphC,
      r.points.Hz,
      r.points.PhVphA,
      r.points.TotWhImp,
      r.points.TotWhExp,
    ]).toEqual([400, 424.5, 50.02, 230.1, 654321, 123456]);
    expect(meter.lastReadRequests).toBe(1);
  });

  it('reads models 103 and 124 and writes a sunspecStorage setpoint', async () => {
    const inv = createInverterDriver(await loadProfile('sunspec-storage-124'), {
      clock: realTime,
      host: '127.0.0.1',
      port: py.port,
      unitId: 2,
    });
    closers.push(() => inv.close());
    const at124 = 50070;
    await inv.connect();
    expect(await py.get(2, at124 + 15, 1)).toEqual([30]);

    const r = await inv.read();
    expect([r.activePowerW, r.socPct, r.ratedChargeW, r.ratedDischargeW]).toEqual([
      -3500, 65.43, 5000, 5000,
    ]);
    // Two is the minimum here: model 203 (105 registers) sits between 124 and 103, so the span
    // from 124's WChaMax to 103's St (170 registers) exceeds both maxReadGap 30 and the
    // 125-register read limit.
    expect(inv.lastReadRequests).toBe(2);

    await inv.writeSetpoint(2500);
    expect(await py.get(2, at124 + 12, 2)).toEqual([5000, u16(-5000)]);
    expect(await py.get(2, at124 + 5, 1)).toEqual([3]);

    await inv.writeSetpoint(-1000);
    expect(await py.get(2, at124 + 12, 2)).toEqual([u16(-2000), 2000]);

    await inv.writeSetpoint(0);
    expect(await py.get(2, at124 + 12, 2)).toEqual([0, 0]);
  });
});
