import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, for spawning the project's scripts. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A TypeScript entry point of the project running as its own process, with its output collected. */
export interface TsxProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Complete stdout lines so far. */
  readonly lines: string[];
  /** Everything written to stderr so far. */
  stderr(): string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first stdout line (from index `from`) that satisfies `match`. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number, from?: number): Promise<string>;
  /** Sends a signal unless the process has already exited. */
  kill(signal: NodeJS.Signals): void;
}

/**
 * Spawns `node --import tsx <script> ...args` from the repository root. Each process gets
 * its own config folder (EMS_CONFIG_DIR) unless the caller set one, so tests never write
 * the API token into the real user's config.
 */
export function spawnTsx(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): TsxProcess {
  const configDir = process.env['EMS_CONFIG_DIR'] ?? mkdtempSync(join(tmpdir(), 'ems-test-cfg-'));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, EMS_CONFIG_DIR: configDir, ...env },
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  void exited.then(() => {
    for (const w of waiters) w();
  });
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitForLine: (match, timeoutMs, from = 0) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = lines.slice(from).find(match);
          if (hit !== undefined) {
            done();
            resolve(hit);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(
              new Error(
                `${script} exited (${child.exitCode ?? child.signalCode}) before the line came; stderr:\n${err}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${script}: no matching line within ${timeoutMs} ms; stderr:\n${err}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
  };
}
