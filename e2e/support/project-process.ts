import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Repository root: the project's scripts are spawned from here. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx's loader by absolute path, so the processes can run in any working directory. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** How long a process gets to stop after SIGTERM before it is killed, ms. */
const TERM_GRACE_MS = 4_000;

/** Which output stream a line came from. */
export type Stream = 'stdout' | 'stderr';

/**
 * One of the project's TypeScript entry points (simulator, headless host) running as its own
 * process: its output is kept line by line for waiting and for the test report, its stdin is
 * open for console commands, and stop() always ends it (SIGTERM, then SIGKILL).
 */
export class ProjectProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every complete line so far, both streams, in arrival order. */
  readonly lines: { readonly stream: Stream; readonly text: string }[] = [];
  readonly exited: Promise<number | null>;
  private readonly partial: Record<Stream, string> = { stdout: '', stderr: '' };
  private readonly waiters = new Set<() => void>();

  /**
   * Spawns `node --import tsx <script> ...args`. With `dataDir` (the test's temp folder) it
   * runs there and keeps its configuration there (EMS_CONFIG_DIR: the API token), so a test
   * never reads or writes the machine's own ~/.config.
   */
  constructor(
    readonly name: string,
    script: string,
    args: readonly string[],
    dataDir?: string,
  ) {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
    if (dataDir !== undefined) {
      env['EMS_CONFIG_DIR'] = join(dataDir, 'config');
      env['XDG_CONFIG_HOME'] = dataDir;
    }
    this.child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, script), ...args], {
      cwd: dataDir ?? ROOT,
      env,
    });
    this.child.stdout.on('data', (d: Buffer) => this.take('stdout', d));
    this.child.stderr.on('data', (d: Buffer) => this.take('stderr', d));
    // A process that died must not turn a write to its stdin into an unhandled error.
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    void this.exited.then(() => this.wake());
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** All output as text, for attaching to a failed test. */
  transcript(): string {
    return this.lines.map((l) => `${l.stream === 'stderr' ? '!' : ' '} ${l.text}`).join('\n');
  }

  /** Writes one line to the process's stdin (the simulator's fault console). */
  send(line: string): void {
    if (!this.running) throw new Error(`${this.name} is not running; cannot send "${line}"`);
    this.child.stdin.write(`${line}\n`);
  }

  /**
   * Resolves with the first line (index >= `from`) on `stream` that `match` accepts; rejects
   * when the process exits first or after `timeoutMs`, quoting its output.
   */
  waitForLine(
    stream: Stream,
    match: (text: string) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = (): void => {
        const hit = this.lines.slice(from).find((l) => l.stream === stream && match(l.text));
        if (hit !== undefined) {
          done();
          resolve(hit.text);
        } else if (!this.running) {
          done();
          reject(new Error(`${this.name} exited (${this.describeExit()}) first:\n${this.tail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`${this.name}: no such ${stream} line in ${timeoutMs} ms:\n${this.tail()}`),
        );
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** SIGTERM (the safe stop), then SIGKILL if it is still there after a grace period. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), TERM_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills at once (a crashed device, not a polite stop). */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  private take(stream: Stream, data: Buffer): void {
    const parts = (this.partial[stream] + data.toString()).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const text of parts) this.lines.push({ stream, text });
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private describeExit(): string {
    return this.child.signalCode ?? `code ${String(this.child.exitCode)}`;
  }

  private tail(): string {
    return this.lines
      .slice(-30)
      .map((l) => `  ${l.text}`)
      .join('\n');
  }
}
