import type { TsxProcess } from './tsx-process';

/**
 * Arrival times of a process's stderr lines. Fault tests measure detection and recovery
 * times from these: the headless host prints `event fault: ...` and `event state: ...`
 * on stderr in the control step that raised them, so the arrival time is the step's
 * time to within a pipe hop.
 */

/** One line with the wall-clock time (ms) it arrived. */
export interface TimedLine {
  readonly at: number;
  readonly line: string;
}

/** The stderr lines of a process, timestamped. */
export interface TimedStderr {
  readonly lines: readonly TimedLine[];
  /**
   * The first line at or after `since` (ms) matching `pattern`; rejects when the process
   * exits first or nothing matches within `timeoutMs`.
   */
  waitFor(pattern: RegExp, timeoutMs: number, since?: number): Promise<TimedLine>;
}

/** Starts timestamping `p`'s stderr; call it right after spawning so no line is missed. */
export function timeStderr(p: TsxProcess): TimedStderr {
  const lines: TimedLine[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  p.child.stderr.on('data', (d: Buffer) => {
    const at = Date.now();
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) lines.push({ at, line });
    for (const w of waiters) w();
  });
  void p.exited.then(() => {
    for (const w of waiters) w();
  });
  return {
    lines,
    waitFor: (pattern, timeoutMs, since = 0) =>
      new Promise((resolve, reject) => {
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        const check = (): void => {
          const hit = lines.find((l) => l.at >= since && pattern.test(l.line));
          if (hit) {
            done();
            resolve(hit);
          } else if (p.child.exitCode !== null || p.child.signalCode !== null) {
            done();
            reject(new Error(`process exited before ${pattern}; stderr:\n${p.stderr()}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; stderr:\n${p.stderr()}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
