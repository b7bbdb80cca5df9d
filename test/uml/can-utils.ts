import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * can-utils from Debian, driven as child processes: the bus peers in this test are
 * programs nobody in this project wrote, so they check our transport independently.
 */

const execFileAsync = promisify(execFile);

/** Sends one frame with `cansend`, e.g. `cansend('vcan0', '351#3802E402E803B801')`. */
export async function cansend(iface: string, frame: string): Promise<void> {
  await execFileAsync('cansend', [iface, frame], { timeout: 5000 });
}

/** One line of `candump -L`: "(1700000000.123456) vcan0 305#0000000000000000". */
export interface DumpedFrame {
  /** Receive time, s (kernel timestamp). */
  readonly time: number;
  /** Hex id as candump prints it, upper case (e.g. "305"). */
  readonly id: string;
  /** Data bytes as upper-case hex, no separators. */
  readonly data: string;
}

const LOG_LINE = /^\((\d+\.\d+)\)\s+\S+\s+([0-9A-F]+)#([0-9A-F]*)$/;

/** Parses `candump -L` output; lines that are not frames are ignored. */
export function parseCandumpLog(text: string): DumpedFrame[] {
  return text.split('\n').flatMap((line) => {
    const match = LOG_LINE.exec(line.trim());
    if (match === null) return [];
    const [, time = '', id = '', data = ''] = match;
    return [{ time: Number(time), id, data }];
  });
}

/**
 * Runs `candump -L -n count <iface>,<filter>` and resolves with the frames it printed once
 * it has `count` frames, or when `timeoutMs` passes (then with what it saw so far).
 */
export function candump(
  iface: string,
  filter: string,
  count: number,
  timeoutMs: number,
): Promise<DumpedFrame[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('candump', ['-L', '-n', String(count), `${iface},${filter}`]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal === null) {
        reject(new Error(`candump exited with ${String(code)}: ${err.trim()}`));
        return;
      }
      resolve(parseCandumpLog(out));
    });
  });
}
