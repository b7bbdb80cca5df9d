import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { timeStderr, type TimedLine, type TimedStderr } from './timed-lines';
import { spawnTsx, type TsxProcess } from './tsx-process';
import { STARTUP_TIMEOUT_MS } from './startup-timeout';

/**
 * Real processes on loopback for the fault-injection tests: `npm run sim` (whole, or split
 * with --only), fault proxies, site files with short timeouts, and the headless host with
 * its REST API. Every process and proxy a rig starts is ended by `cleanup()`, so several
 * rigs can run side by side in one file and nothing outlives the tests.
 */

const HEADLESS = 'src/main/hosts/headless/cli.ts';
const SIM = 'src/main/sim/cli.ts';

/** The control settings every test site uses (short, so faults show within seconds). */
export const TEST_CONTROL = {
  pollIntervalMs: 250,
  missedPolls: 3,
  connectGraceMs: 5000,
  defaultOverrideW: 1500,
  rampWPerS: 2000,
  socMinPct: 10,
  socMaxPct: 95,
} as const;
/** Modbus request timeout of the test sites, ms. */
export const TEST_REQUEST_TIMEOUT_MS = 300;
/** BMS frame period and missed frames of the test sites (the simulator sends once a second). */
export const TEST_BMS = { framePeriodMs: 1000, missedFrames: 3 } as const;

/** A running `npm run sim`. */
export interface Sim {
  readonly process: TsxProcess;
  readonly stderr: TimedStderr;
  readonly meterPort: number | null;
  readonly inverterPort: number | null;
  readonly canPort: number | null;
  /** Types a console command; resolves with the simulator's answer (its arrival = injection time). */
  console(command: string): Promise<TimedLine>;
}

/** How to start a simulator. */
export interface SimOptions {
  readonly only?: 'meter' | 'inverter';
  readonly meterPort?: number;
  readonly inverterPort?: number;
  /** With only 'meter': the inverter process's port. */
  readonly inverterAt?: number;
}

/** A running headless host with its REST API. */
export interface Ems {
  readonly process: TsxProcess;
  readonly stderr: TimedStderr;
  readonly apiPort: number;
  readonly token: string;
}

/** What a site file points at. */
export interface SiteOptions {
  readonly meterPort: number;
  readonly inverterPort: number;
  /** The simulator's socketcand port, for a site with a CAN BMS. */
  readonly canPort?: number;
  /** Control settings added to TEST_CONTROL (e.g. a short meterMaxHoldS). */
  readonly control?: Readonly<Record<string, number>>;
}

/** One test's processes and proxies. */
export class FaultRig {
  private readonly children: TsxProcess[] = [];
  private readonly proxies: FaultProxy[] = [];
  private readonly closers: (() => Promise<void>)[] = [];

  private constructor(readonly dir: string) {}

  /** A rig with its own temporary folder. */
  static async create(): Promise<FaultRig> {
    return new FaultRig(await mkdtemp(join(tmpdir(), 'ems-fault-')));
  }

  /** Spawns a project script and tracks it for cleanup. */
  spawn(script: string, args: readonly string[]): TsxProcess {
    const p = spawnTsx(script, args);
    this.children.push(p);
    return p;
  }

  /**
   * Starts a simulator (evening, SOC 60 %, no PV) and waits for its ready line. A process
   * with the inverter also serves the BMS on a socketcand gateway (a free port).
   */
  async sim(options: SimOptions = {}): Promise<Sim> {
    const args = ['--seed', '7', '--time', '20:00', '--soc', '60'];
    if (options.only) args.push('--only', options.only);
    if (options.only !== 'inverter') args.push('--meter-port', `${options.meterPort ?? 0}`);
    if (options.only !== 'meter') {
      args.push('--inverter-port', `${options.inverterPort ?? 0}`);
      args.push('--can-port', '0');
    }
    if (options.inverterAt !== undefined)
      args.push('--inverter-at', `127.0.0.1:${options.inverterAt}`);
    const process = this.spawn(SIM, args);
    const stderr = timeStderr(process);
    const ready = JSON.parse(
      await process.waitForLine((l) => l.includes('"ready"'), STARTUP_TIMEOUT_MS),
    ) as {
      meterPort: number | null;
      inverterPort: number | null;
      canPort: number | null;
    };
    return {
      process,
      stderr,
      meterPort: ready.meterPort,
      inverterPort: ready.inverterPort,
      canPort: ready.canPort,
      console: (command) => {
        const since = Date.now();
        process.child.stdin.write(`${command}\n`);
        const echo = new RegExp(`^(${command.replace(/\s+/g, '\\s+')}|error: .*)$`, 'i');
        return stderr.waitFor(echo, 5000, since).then((hit) => {
          if (hit.line.startsWith('error:')) throw new Error(`sim console: ${hit.line}`);
          return hit;
        });
      },
    };
  }

  /** A fault proxy in front of a device port on 127.0.0.1. */
  async proxy(targetPort: number): Promise<FaultProxy> {
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: targetPort });
    this.proxies.push(proxy);
    return proxy;
  }

  /** Writes a site file with the test timeouts; returns its path. */
  async site(name: string, options: SiteOptions): Promise<string> {
    const device = (port: number, profile: string): Record<string, unknown> => ({
      host: '127.0.0.1',
      port,
      unitId: 1,
      profile,
      timeoutMs: TEST_REQUEST_TIMEOUT_MS,
    });
    const site = {
      name: `fault test ${name}`,
      meter: device(options.meterPort, 'sim-meter'),
      inverter: {
        ...device(options.inverterPort, 'sim-inverter'),
        ratedChargeW: 5000,
        ratedDischargeW: 5000,
      },
      ...(options.canPort !== undefined
        ? {
            bms: {
              transport: {
                type: 'socketcand',
                host: '127.0.0.1',
                port: options.canPort,
                interface: 'can0',
              },
              profile: 'pylontech-v1.2',
              ...TEST_BMS,
            },
          }
        : {}),
      control: { ...TEST_CONTROL, ...options.control },
    };
    const path = join(this.dir, `${name}.json`);
    await writeFile(path, JSON.stringify(site, null, 2));
    return path;
  }

  /** Starts the headless host on `site` in `mode` with its REST API on a free port. */
  async ems(site: string, mode: string): Promise<Ems> {
    const token = randomBytes(24).toString('hex');
    const tokenFile = join(this.dir, `token-${randomBytes(4).toString('hex')}`);
    await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
    const process = this.spawn(HEADLESS, [
      ...['--site', site, '--mode', mode],
      ...['--api', '--port', '0', '--token-file', tokenFile],
    ]);
    const stderr = timeStderr(process);
    const api = await stderr.waitFor(/API: http:\/\/127\.0\.0\.1:(\d+)\//, STARTUP_TIMEOUT_MS);
    const apiPort = Number(/127\.0\.0\.1:(\d+)/.exec(api.line)?.[1]);
    return { process, stderr, apiPort, token };
  }

  /** Runs `close` at cleanup, before the processes are killed (e.g. a Modbus probe). */
  onCleanup(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  /** Kills every process (SIGKILL: the tests judge the safe stop elsewhere) and proxy. */
  async cleanup(): Promise<void> {
    await Promise.allSettled(this.closers.map((close) => close()));
    for (const p of this.children) {
      p.kill('SIGCONT');
      p.kill('SIGKILL');
    }
    await Promise.all(this.children.map((p) => p.exited));
    await Promise.all(this.proxies.map((p) => p.close()));
    await rm(this.dir, { recursive: true, force: true });
  }
}
