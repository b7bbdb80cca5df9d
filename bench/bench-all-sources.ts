/**
 * The other benchmarks as sources of the combined table (bench-all.ts): each runs as its own
 * process, exactly as `npm run bench:core` / `bench:can` / `bench:ui` would run it, and its
 * JSON result is read back. A benchmark that does not exist yet, or has no result, yields a
 * "not measured" reason instead of a number.
 */
import { spawn } from 'node:child_process';
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where every benchmark writes its JSON. */
export const RESULTS = join(ROOT, 'bench', 'results');

/** A sub-benchmark's result, or why there is none. */
export type Sourced<T> =
  | { readonly ok: true; readonly value: T; readonly measuredAt: string; readonly reused: boolean }
  | { readonly ok: false; readonly reason: string };

/** core-and-modbus.json as bench/core-and-modbus.ts writes it. */
export interface CoreResult {
  readonly core: { readonly medianUs: number; readonly p99Us: number; readonly steps: number };
  readonly poll: {
    readonly cycles: number;
    readonly transactionsPerCycle: number;
    readonly cycleMedianMs: number;
    readonly cycleP99Ms: number;
  };
}

/** The fields of can-ingest.json the table shows. */
export interface CanResult {
  readonly seconds: number;
  readonly targetRate: number;
  readonly framesReceived: number;
  readonly framesLost: number;
  readonly cpuPercentOfOneCore: number;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Runs `node --import tsx <script> ...args` from the root; resolves with its exit code. */
export function runScript(script: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function readResult<T>(file: string, reused: boolean): Promise<Sourced<T>> {
  const path = join(RESULTS, file);
  if (!(await exists(path))) return { ok: false, reason: `no ${file} was written` };
  const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  return { ok: true, value: JSON.parse(text) as T, measuredAt: info.mtime.toISOString(), reused };
}

/**
 * Runs a benchmark script and reads its result. `reuse`: take an existing result instead of
 * running (for the slow browser and API benchmarks), and run only when there is none.
 */
export async function sourced<T>(
  script: string,
  args: readonly string[],
  file: string,
  reuse = false,
): Promise<Sourced<T>> {
  const scriptPath = join(ROOT, script);
  if (reuse && (await exists(join(RESULTS, file)))) return readResult<T>(file, true);
  if (!(await exists(scriptPath))) return { ok: false, reason: `${script} does not exist yet` };
  const started = Date.now();
  const code = await runScript(script, args);
  const result = await readResult<T>(file, false);
  if (!result.ok || Date.parse(result.measuredAt) < started - 1000)
    return { ok: false, reason: `${script} exited ${code} without writing ${file}` };
  return result;
}
