import { checkCanFrame } from './can-frame';
import type { CanFrame } from './can-transport';

/**
 * The log format of can-utils' `candump -l` (and `canplayer`): one frame per line,
 * `(1700000000.123456) can0 351#0102030405060708`. Ids of 8 hex digits are 29-bit. Used to
 * replay a capture from a real site and to record one from the CAN monitor.
 */

/** One logged frame. */
export interface CandumpRecord {
  /** Receive time, seconds since the epoch. */
  readonly timeS: number;
  /** Interface name as logged, e.g. can0. */
  readonly bus: string;
  readonly frame: CanFrame;
}

/** Result of {@link parseCandumpLine}: a record, a line with no frame, or a reason. */
export type CandumpLineResult =
  | { readonly kind: 'record'; readonly record: CandumpRecord }
  /** Blank line, comment, or a remote (RTR) frame that carries no data. */
  | { readonly kind: 'skip' }
  | { readonly kind: 'error'; readonly reason: string };

const LINE = /^\((\d+(?:\.\d+)?)\)\s+(\S+)\s+([0-9A-Fa-f]+)(#{1,2})(\S*)(?:\s+[RTrt])?$/;

/** Parses one log line. Never throws. */
export function parseCandumpLine(line: string): CandumpLineResult {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'skip' };
  const match = LINE.exec(text);
  if (match === null) {
    return {
      kind: 'error',
      reason: 'expected "(SECONDS) IFACE ID#DATA", e.g. "(1700000000.000000) can0 351#0102"',
    };
  }
  const [, time = '', bus = '', idText = '', hashes = '', dataText = ''] = match;
  if (hashes === '##') return { kind: 'error', reason: 'CAN FD frames (##) are not supported' };
  if (/^R\d?$/i.test(dataText)) return { kind: 'skip' };
  if (idText.length !== 3 && idText.length !== 8) {
    return {
      kind: 'error',
      reason: `id "${idText}" must have 3 (11-bit) or 8 (29-bit) hex digits`,
    };
  }
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(dataText)) {
    return { kind: 'error', reason: `data "${dataText}" is not whole hex bytes` };
  }
  const data = Uint8Array.from(dataText.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  const id = parseInt(idText, 16);
  const frame: CanFrame = idText.length === 8 ? { id, data, extended: true } : { id, data };
  const problem = checkCanFrame(frame);
  if (problem !== null) return { kind: 'error', reason: problem };
  return { kind: 'record', record: { timeS: Number(time), bus, frame } };
}

/** A log that cannot be replayed; the message names the file and the line. */
export class CandumpLogError extends Error {
  override readonly name = 'CandumpLogError';
}

/**
 * Parses a whole log. `label` names the file in errors.
 * @throws CandumpLogError naming the first bad line, or saying the log holds no frame.
 */
export function parseCandumpLog(text: string, label: string): CandumpRecord[] {
  const records: CandumpRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const result = parseCandumpLine(lines[i] ?? '');
    if (result.kind === 'error') {
      throw new CandumpLogError(`candump log ${label} line ${i + 1}: ${result.reason}`);
    }
    if (result.kind === 'record') records.push(result.record);
  }
  if (records.length === 0) throw new CandumpLogError(`candump log ${label}: no frames in it`);
  return records;
}

/** Formats a record as a log line (no newline), the exact inverse of {@link parseCandumpLine}. */
export function formatCandumpLine(record: CandumpRecord): string {
  const totalUs = Math.max(0, Math.round(record.timeS * 1_000_000));
  const time = `${Math.floor(totalUs / 1_000_000)}.${String(totalUs % 1_000_000).padStart(6, '0')}`;
  const { frame } = record;
  const id = frame.id
    .toString(16)
    .toUpperCase()
    .padStart(frame.extended === true ? 8 : 3, '0');
  const data = Array.from(frame.data, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(
    '',
  );
  return `(${time}) ${record.bus} ${id}#${data}`;
}
