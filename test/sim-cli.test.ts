import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import ModbusRTU from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRaw, encodeRaw } from '../src/main/devices/modbus/profile/codec';
import { waitFor } from './support/wait-for';

/**
 * `npm run sim` as a real process: its flags, its ready line, its exit codes, its stdin
 * console, and two processes (--only meter, --only inverter) forming one site.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
const clients: ModbusRTU[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.close(() => undefined);
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Sim {
  readonly child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function sim(args: readonly string[]): Sim {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/sim/cli.ts', ...args], {
    cwd: ROOT,
  });
  children.push(child);
  const run: Sim = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
  return run;
}

async function ready(run: Sim): Promise<{ meterPort: number | null; inverterPort: number | null }> {
  await waitFor(() => run.stdout.includes('\n') || run.child.exitCode !== null, {
    timeoutMs: 15_000,
    what: `the ready line; stderr: ${run.stderr}`,
  });
  if (!run.stdout.includes('\n')) throw new Error(`no ready line; stderr: ${run.stderr}`);
  return JSON.parse(run.stdout.split('\n')[0] ?? '') as {
    meterPort: number | null;
    inverterPort: number | null;
  };
}

async function client(port: number | null, timeoutMs = 1_000): Promise<ModbusRTU> {
  const c = new ModbusRTU();
  clients.push(c);
  await c.connectTCP('127.0.0.1', { port: port ?? 0 });
  c.setID(1);
  c.setTimeout(timeoutMs);
  return c;
}

function holdPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('npm run sim', () => {
  it('prints its usage for --help and exits 0', async () => {
    const run = sim(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run sim/);
  });

  it('rejects a bad flag with one line naming it and exit code 2', async () => {
    for (const [args, flag] of [
      [['--bogus'], '--bogus'],
      [['--meter-port', '99999'], '--meter-port'],
      [['--only', 'battery'], '--only'],
    ] as const) {
      const run = sim(args);
      expect(await run.exited).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(flag);
    }
  });

  it('exits 1 with a line naming the port when the port is taken', async () => {
    const held = await holdPort();
    const address = held.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const run = sim(['--meter-port', String(port), '--inverter-port', '0', '--can-port', '0']);
      expect(await run.exited).toBe(1);
      expect(run.stderr.trim()).toBe(`sim: meter port ${port} on 127.0.0.1 is already in use`);
    } finally {
      held.close();
    }
  });

  it('serves until SIGTERM, takes fault commands on stdin, and exits 0', async () => {
    const run = sim([
      '--meter-port',
      '0',
      '--inverter-port',
      '0',
      '--seed',
      '4',
      '--can-port',
      '0',
    ]);
    const ports = await ready(run);
    const meter = await client(ports.meterPort, 400);
    const grid = decodeRaw((await meter.readHoldingRegisters(0, 2)).data, 'int32', 'big');
    expect(typeof grid).toBe('number');
    run.child.stdin.write('meterSilent on\n');
    await waitFor(() => run.stderr.includes('meterSilent on'), { what: 'meterSilent on' });
    await expect(meter.readHoldingRegisters(0, 2)).rejects.toMatchObject({ errno: 'ETIMEDOUT' });
    run.child.stdin.write('meterSilent off\n');
    await waitFor(() => run.stderr.includes('meterSilent off'), { what: 'meterSilent off' });
    expect((await meter.readHoldingRegisters(0, 2)).data).toHaveLength(2);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('forms one site from two processes: the meter process sees the inverter process power', async () => {
    const inverterRun = sim(['--only', 'inverter', '--inverter-port', '0', '--can-port', '0']);
    const inverterPorts = await ready(inverterRun);
    expect(inverterPorts.meterPort).toBeNull();
    const meterRun = sim([
      '--only',
      'meter',
      '--meter-port',
      '0',
      '--inverter-at',
      `127.0.0.1:${inverterPorts.inverterPort}`,
    ]);
    const meterPorts = await ready(meterRun);

    const meter = await client(meterPorts.meterPort);
    const readGrid = async (): Promise<number> =>
      decodeRaw((await meter.readHoldingRegisters(0, 2)).data, 'int32', 'big') ?? NaN;
    const before = await readGrid();
    const inverter = await client(inverterPorts.inverterPort);
    await inverter.writeRegisters(8, encodeRaw(3_000, 'int32', 'big'));
    // Noon with the default seed: the meter should drop by about the inverter's 3 kW.
    const after = await waitFor(
      async () => {
        const grid = await readGrid();
        return grid < before - 2_500 ? grid : undefined;
      },
      { intervalMs: 100, what: `the grid reading to drop below ${before - 2_500} W` },
    );
    expect(after).toBeLessThan(before - 2_500);

    inverterRun.child.kill('SIGINT');
    meterRun.child.kill('SIGINT');
    expect(await inverterRun.exited).toBe(0);
    expect(await meterRun.exited).toBe(0);
  });
});
