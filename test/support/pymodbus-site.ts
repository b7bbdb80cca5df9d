import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, spawnTsx, type TsxProcess } from './tsx-process';

/**
 * The pymodbus SunSpec hybrid site (test/fixtures/pymodbus-sunspec-hybrid-site.py) as a child
 * process, and the real headless host set up against it as a new user would: a site file
 * naming sunspec-meter-203 (unit 2) and sunspec-hybrid-124 (unit 1) on the site's one port.
 */

const SCRIPT = join(ROOT, 'test', 'fixtures', 'pymodbus-sunspec-hybrid-site.py');
const HEADLESS = 'src/main/hosts/headless/cli.ts';

/** A running pymodbus site. */
export interface PymodbusSite {
  readonly port: number;
  /** Sends one stdin command and resolves with its one-line answer. */
  ask(command: string): Promise<string>;
  /** Closes stdin (the site exits) and waits for the exit. */
  close(): Promise<void>;
}

/** Starts the site with extra fixture options (e.g. `--meter-period 1`); resolves once it listens. */
export async function startPymodbusSite(options: readonly string[] = []): Promise<PymodbusSite> {
  const child: ChildProcessWithoutNullStreams = spawn(
    '/usr/bin/python3',
    [SCRIPT, '0', ...options],
    {
      stdio: 'pipe',
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const replies: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) =>
    replies.shift()?.(line),
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    replies.push(resolve);
    void exited.then(() => reject(new Error(`pymodbus site exited: ${stderr}`)));
  });
  const port = Number(/^READY (\d+)$/.exec(first)?.[1]);
  if (!(port > 0)) throw new Error(`pymodbus site did not start: ${first} ${stderr}`);
  return {
    port,
    ask: (command) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null) reject(new Error(`pymodbus site has exited: ${stderr}`));
        replies.push(resolve);
        child.stdin.write(`${command}\n`);
      }),
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** Writes the site file a new user would make for the pymodbus site; returns its path. */
export async function writeHybridSiteFile(port: number): Promise<string> {
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
  return siteFile;
}

/** Starts the headless host on `siteFile` in SELF_CONSUMPTION. */
export function startHybridHost(siteFile: string): TsxProcess {
  return spawnTsx(HEADLESS, ['--site', siteFile, '--mode', 'SELF_CONSUMPTION']);
}
