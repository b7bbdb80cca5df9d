import type { RegisterPointView, RegisterReadView } from '../../../shared/commissioning-views';

/**
 * What the register console shows of its reads: the last good block with the time it was
 * read, and the last failure. A failed read never clears the table: the technician keeps the
 * last good values, marked stale with their time, and the error beside them.
 */

/** A block read and when (ms since the epoch). */
export interface ReadRecord {
  readonly read: RegisterReadView;
  readonly at: number;
}

/** The console's reads so far. */
export interface ReadState {
  readonly last: ReadRecord | null;
  /** The failure after the last good read; null once a read works again. */
  readonly failure: { readonly error: string; readonly at: number } | null;
}

/** Before the first read. */
export const NO_READS: ReadState = { last: null, failure: null };

/** A read worked: its block is the table, fresh. */
export function readSucceeded(_s: ReadState, read: RegisterReadView, at: number): ReadState {
  return { last: { read, at }, failure: null };
}

/** A read failed: the last good block stays, now stale. */
export function readFailed(s: ReadState, error: string, at: number): ReadState {
  return { last: s.last, failure: { error, at } };
}

/** Whether the table shows values older than a failed read. */
export function isStale(s: ReadState): boolean {
  return s.last !== null && s.failure !== null;
}

/**
 * The profile points at one register, in words: "setpointW (int32, W)" where a point starts,
 * "setpointW (word 2 of 2)" where it continues; several points are joined with " / ".
 */
export function pointLabel(points: readonly RegisterPointView[], address: number): string {
  return points
    .filter((p) => address >= p.address && address < p.address + p.count)
    .map((p) => {
      if (address > p.address) return `${p.name} (word ${address - p.address + 1} of ${p.count})`;
      const what = [p.type, p.unit].filter((x) => x !== '').join(', ');
      return `${p.name} (${what})`;
    })
    .join(' / ');
}
