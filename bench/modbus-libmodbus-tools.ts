/**
 * The libmodbus side of the Modbus benchmark: builds the C server and client in
 * bench/fixtures from Debian's libmodbus-dev into .tmp/bench-libmodbus, starts the server
 * and runs the client. Neither program shares code with this project, so the reference
 * figure is libmodbus' own.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, '.tmp', 'bench-libmodbus');

/** Paths of the built programs. */
export interface LibmodbusTools {
  readonly server: string;
  readonly client: string;
  /** libmodbus version as pkg-config reports it. */
  readonly version: string;
}

/** A running libmodbus server. */
export interface LibmodbusServer {
  readonly port: number;
  /** Ends the server (it exits when its stdin closes) and waits for it. */
  stop(): Promise<void>;
}

/** Compiles both programs; rejects with a line saying what to install when libmodbus-dev is missing. */
export async function buildLibmodbusTools(): Promise<LibmodbusTools> {
  let flags: string[];
  let version: string;
  try {
    flags = (await run('pkg-config', ['--cflags', '--libs', 'libmodbus'])).stdout
      .trim()
      .split(/\s+/);
    version = (await run('pkg-config', ['--modversion', 'libmodbus'])).stdout.trim();
  } catch {
    throw new Error('libmodbus not found by pkg-config: apt-get install -y libmodbus-dev');
  }
  await mkdir(OUT, { recursive: true });
  const build = async (name: string): Promise<string> => {
    const out = join(OUT, name);
    const source = join(ROOT, 'bench', 'fixtures', `${name}.c`);
    try {
      await run('gcc', ['-O2', '-Wall', source, '-o', out, ...flags]);
    } catch (err) {
      throw new Error(
        `cannot compile ${source}: ${(err as { stderr?: string }).stderr ?? String(err)}`,
        { cause: err },
      );
    }
    return out;
  };
  return {
    server: await build('libmodbus-server'),
    client: await build('libmodbus-client'),
    version,
  };
}

/** Starts the server on a free loopback port. */
export function startLibmodbusServer(tools: LibmodbusTools): Promise<LibmodbusServer> {
  const child = spawn(tools.server, ['0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('error', reject);
    void exited.then(() => reject(new Error('libmodbus-server exited before it was ready')));
    lines.once('line', (line) => {
      const port = (JSON.parse(line) as { port?: unknown }).port;
      if (typeof port !== 'number' || port <= 0) {
        reject(new Error(`libmodbus-server said ${line}`));
        return;
      }
      resolve({
        port,
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}

/** Runs the C client for `seconds`; resolves with its sequential reads per second. */
export async function runLibmodbusClient(
  tools: LibmodbusTools,
  port: number,
  seconds: number,
  registers = 10,
): Promise<number> {
  const { stdout } = await run(tools.client, [String(port), String(seconds), String(registers)]);
  const rate = (JSON.parse(stdout) as { readsPerS?: unknown }).readsPerS;
  if (typeof rate !== 'number' || !(rate > 0)) throw new Error(`libmodbus-client said ${stdout}`);
  return rate;
}
