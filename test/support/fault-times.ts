import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT } from './tsx-process';

/**
 * Measured detection, output and recovery times of the fault-injection tests, collected in
 * .tmp/reports/fault-times.json (one entry per fault, the newest run wins) so that
 * `node --import tsx bench/fault-report.ts` can print the table of docs/safety.md.
 */

/** One measured time against the bound the configuration promises, ms. */
export interface Measured {
  readonly ms: number;
  readonly boundMs: number;
  /** How the bound follows from the settings, e.g. "staleness 750 + request timeout 300 + poll 250". */
  readonly rule: string;
}

/** What one fault test measured. */
export interface FaultTiming {
  /** Short id, e.g. `meter-killed`. */
  readonly id: string;
  /** The fault as injected. */
  readonly fault: string;
  /** The fault code raised, or the limit that bound the output. */
  readonly code: string;
  /** State and output the EMS went to. */
  readonly reaction: string;
  /** Injection -> the fault event on the host's stderr (or the clamp in the status line). */
  readonly detect: Measured;
  /** Injection -> the simulated inverter at 0 W (or the clamp), read from its own registers. */
  readonly output: Measured;
  /** Fault lifted -> the EMS back in its recovery state; null when recovery is not timed. */
  readonly recover: Measured | null;
  /** What recovery needs. */
  readonly recoveryRule: string;
}

/** The report file, relative to the repository root. */
export const FAULT_TIMES_FILE = '.tmp/reports/fault-times.json';

let queue: Promise<void> = Promise.resolve();

async function merge(timing: FaultTiming): Promise<void> {
  const file = join(ROOT, FAULT_TIMES_FILE);
  await mkdir(dirname(file), { recursive: true });
  let all: Record<string, FaultTiming & { measuredAt: string }> = {};
  try {
    all = JSON.parse(await readFile(file, 'utf8')) as typeof all;
  } catch {
    // A missing or unreadable report starts afresh: it only holds measurements.
  }
  all[timing.id] = { ...timing, measuredAt: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(all, null, 2)}\n`);
  await rename(tmp, file);
}

/** Adds (or replaces) one fault's measurements in the report; writes are serialised. */
export function recordFaultTiming(timing: FaultTiming): Promise<void> {
  queue = queue.then(
    () => merge(timing),
    () => merge(timing),
  );
  return queue;
}
