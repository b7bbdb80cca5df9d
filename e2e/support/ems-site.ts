import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectProcess, ROOT } from './project-process';
import { readSimGridW, readSimInverter, type SimInverterTruth } from './sim-truth';

/**
 * One end-to-end site: the simulator as its own process(es) serving Modbus TCP on loopback,
 * and the headless host with `--ui` controlling it through a site file, serving the built
 * renderer and the WebSocket bridge. Nothing is faked: the browser talks to this host, the
 * host to this simulator.
 */

const SIM = 'src/main/sim/cli.ts';
const HEADLESS = 'src/main/hosts/headless/cli.ts';
// An upper bound on start-up, generous because CI shares two cores; a quick start passes at once.
const START_TIMEOUT_MS = 90_000;
const LOCALHOST = '127.0.0.1';
/** The host's stderr line with a browser pairing code. */
const PAIRING_LINE = /Pairing code: ([0-9A-Z-]+)/;
/** The host's line naming the UI's address (https beyond loopback, e.g. https://0.0.0.0:N/). */
const UI_LINE = /UI: (https?):\/\/([0-9.]+):(\d+)\//;
/** The host's line with its TLS certificate's fingerprint (only when it serves HTTPS). */
const FINGERPRINT_LINE = /TLS certificate SHA-256: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/;

/**
 * How the site runs: one simulator process; meter and inverter as two processes (so the
 * meter can be killed and restarted like a device losing power); or the host's built-in
 * in-process site, the only one with a CAN BMS (its registers are not reachable from here).
 */
export type SiteLayout = 'one-process' | 'split-meter' | 'built-in';

/** How a test wants its site. */
export interface SiteOptions {
  /** Extra simulator flags (`--speed 30`, `--soc 40`), given to every simulator process. */
  readonly simArgs: readonly string[];
  readonly layout: SiteLayout;
  /** Extra host flags (`--listen 0.0.0.0`: HTTPS with the self-signed certificate). */
  readonly hostArgs?: readonly string[];
  /** Profiles other than the example site's (register console: a SunSpec site with `--sunspec`). */
  readonly profiles?: { readonly meter: string; readonly inverter: string };
}

/** Defaults: evening (no PV, so the battery can cover the house), a fixed seed. */
export const DEFAULT_SIM_ARGS: readonly string[] = ['--time', '20:00', '--seed', '7'];

/** A running site. */
export interface EmsSite {
  /**
   * The UI's address on loopback: http://127.0.0.1:N/, or https://127.0.0.1:N/ when the host
   * listens beyond loopback (a 0.0.0.0 listener is reached at 127.0.0.1).
   */
  readonly url: string;
  /** The certificate fingerprint the host printed (`AA:BB:...`); null over plain HTTP. */
  readonly tlsFingerprint: string | null;
  /** The pairing code the host printed on stderr (single use: the ui fixture pairs with it). */
  readonly pairingCode: string;
  /** This test's temporary data folder (site file, anything the host writes). */
  readonly dataDir: string;
  readonly host: ProjectProcess;
  /** The simulator (the whole site, or its inverter half when split): its stdin is the fault console. */
  sim(): ProjectProcess;
  /** Kills the meter-only simulator at once (split-meter only). */
  killMeter(): void;
  /** Starts the meter-only simulator again on the same port (split-meter only). */
  restartMeter(): Promise<void>;
  /** The simulated inverter's own registers. */
  inverterTruth(): Promise<SimInverterTruth>;
  /** The simulated meter's own grid power register, W (positive = import). */
  gridTruth(): Promise<number>;
  /** Every process's output, for the report of a failed test. */
  transcripts(): string;
  /** Stops the host first (its safe stop writes 0 W to a live inverter), then the simulator. */
  stop(): Promise<void>;
  /**
   * Stops the host and starts it again on the same data folder (its session store), as after
   * a power cut of the EMS PC; resolves with the new UI address and pairing code.
   */
  restartHost(): Promise<{ url: string; pairingCode: string }>;
}

async function isReady(p: ProjectProcess): Promise<void> {
  await p.waitForLine('stdout', (l) => l.includes('"ready":true'), START_TIMEOUT_MS);
}

/** The ports a simulator names in its ready line (null: that device is not served). */
async function readyPorts(
  p: ProjectProcess,
): Promise<{ meterPort: number | null; inverterPort: number | null }> {
  const line = await p.waitForLine('stdout', (l) => l.includes('"ready":true'), START_TIMEOUT_MS);
  return JSON.parse(line) as { meterPort: number | null; inverterPort: number | null };
}

function needs(layout: SiteLayout, wanted: SiteLayout, what: string): never | void {
  if (layout !== wanted)
    throw new Error(`${what} needs layout "${wanted}", this site is "${layout}"`);
}

/** Starts simulator(s) and host; rejects (after cleaning up) when either does not come up. */
export async function startEmsSite(options: SiteOptions): Promise<EmsSite> {
  const { layout } = options;
  const dataDir = await mkdtemp(join(tmpdir(), 'ems-e2e-'));
  const started: ProjectProcess[] = [];
  const launch = (name: string, script: string, args: readonly string[]): ProjectProcess => {
    const p = new ProjectProcess(name, script, args, dataDir);
    started.push(p);
    return p;
  };
  const transcripts = (): string =>
    started.map((p) => `== ${p.name}\n${p.transcript()}`).join('\n\n');

  try {
    // Every simulator binds port 0 and names its ports in its ready line: no other process
    // can take a port picked in advance. The meter keeps its port across restartMeter.
    const ports = { meter: 0, inverter: 0 };
    const simArgs = [...DEFAULT_SIM_ARGS, ...options.simArgs];
    const meterArgs = (): string[] => [
      ...['--only', 'meter', '--meter-port', `${ports.meter}`],
      ...['--inverter-at', `${LOCALHOST}:${ports.inverter}`, ...simArgs],
    ];
    let sim: ProjectProcess | null = null;
    let meter: ProjectProcess | null = null;
    if (layout === 'one-process') {
      sim = launch('sim', SIM, ['--meter-port', '0', '--inverter-port', '0', ...simArgs]);
      const ready = await readyPorts(sim);
      ports.meter = ready.meterPort ?? 0;
      ports.inverter = ready.inverterPort ?? 0;
    } else if (layout === 'split-meter') {
      sim = launch('sim-inverter', SIM, ['--only', 'inverter', '--inverter-port', '0', ...simArgs]);
      ports.inverter = (await readyPorts(sim)).inverterPort ?? 0;
      meter = launch('sim-meter', SIM, meterArgs());
      ports.meter = (await readyPorts(meter)).meterPort ?? 0;
    }

    // port 0: the host picks one and names it on stderr
    const hostArgs = ['--ui', '--port', '0', ...(options.hostArgs ?? [])];
    if (layout !== 'built-in') {
      const siteFile = join(dataDir, 'site.json');
      await writeFile(siteFile, JSON.stringify(await siteFor(ports, options.profiles), null, 2));
      hostArgs.push('--site', siteFile);
    }
    const hostUp = async (
      p: ProjectProcess,
    ): Promise<{ url: string; pairingCode: string; tlsFingerprint: string | null }> => {
      const uiLine = await p.waitForLine('stderr', (l) => UI_LINE.test(l), START_TIMEOUT_MS);
      const [, scheme = 'http', , port = ''] = UI_LINE.exec(uiLine) ?? [];
      const printed = p.lines.find((l) => l.stream === 'stderr' && FINGERPRINT_LINE.test(l.text));
      const codeLine = await p.waitForLine('stderr', (l) => PAIRING_LINE.test(l), START_TIMEOUT_MS);
      return {
        url: `${scheme}://${LOCALHOST}:${port}/`,
        pairingCode: PAIRING_LINE.exec(codeLine)?.[1] ?? '',
        tlsFingerprint:
          printed === undefined ? null : (FINGERPRINT_LINE.exec(printed.text)?.[1] ?? null),
      };
    };
    let host = launch('host', HEADLESS, hostArgs);
    const { url, pairingCode, tlsFingerprint } = await hostUp(host);

    return {
      url,
      tlsFingerprint,
      pairingCode,
      dataDir,
      get host() {
        return host;
      },
      sim: () => {
        if (sim === null) throw new Error('the built-in site has no simulator process');
        return sim;
      },
      killMeter: () => {
        needs(layout, 'split-meter', 'killMeter');
        meter?.kill();
      },
      restartMeter: async () => {
        needs(layout, 'split-meter', 'restartMeter');
        await meter?.exited;
        meter = launch('sim-meter (restarted)', SIM, meterArgs());
        await isReady(meter);
      },
      inverterTruth: () => {
        if (layout === 'built-in')
          throw new Error('the built-in site is not reachable from the test');
        return readSimInverter(ports.inverter);
      },
      gridTruth: () => {
        if (layout === 'built-in')
          throw new Error('the built-in site is not reachable from the test');
        return readSimGridW(ports.meter);
      },
      transcripts,
      stop: async () => {
        await host.stop();
        await Promise.all(started.map((p) => p.stop()));
        await rm(dataDir, { recursive: true, force: true });
      },
      restartHost: async () => {
        await host.stop();
        host = launch('host (restarted)', HEADLESS, hostArgs);
        return hostUp(host);
      },
    };
  } catch (err) {
    const output = transcripts();
    for (const p of started) p.kill();
    await Promise.all(started.map((p) => p.exited));
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${output}`, {
      cause: err,
    });
  }
}

/** The repository's example site file, pointed at this test's simulator ports. */
async function siteFor(
  ports: { meter: number; inverter: number },
  profiles?: SiteOptions['profiles'],
): Promise<unknown> {
  const site = JSON.parse(
    await readFile(join(ROOT, 'resources/sites/sim-modbus.json'), 'utf8'),
  ) as {
    meter: { port: number; profile: string };
    inverter: { port: number; profile: string };
  };
  site.meter.port = ports.meter;
  site.inverter.port = ports.inverter;
  if (profiles) {
    site.meter.profile = profiles.meter;
    site.inverter.profile = profiles.inverter;
  }
  return site;
}
