/**
 * The memory side of the writer: records wait here until the next flush. Two rules live here:
 * - Thinning: the EMS publishes up to 10 snapshots/s but one per second is kept, the LAST of
 *   each second (it reflects everything that happened in that second's steps). A snapshot for
 *   the same session and second as the newest buffered one replaces it.
 * - A bound: when the disk does not take the rows (stuck, full), the buffer would grow
 *   forever; past `capacity` the oldest rows are dropped and counted instead.
 */
import type { CommandRecord, EventRecord, FaultRecord, SnapshotRecord } from './recording-types';

/** A record waiting for the flush, tagged with its table and session. */
export type BufferedRow =
  | { readonly table: 'snapshots'; readonly sessionId: number; readonly row: SnapshotRecord }
  | { readonly table: 'commands'; readonly sessionId: number; readonly row: CommandRecord }
  | { readonly table: 'events'; readonly sessionId: number; readonly row: EventRecord }
  | { readonly table: 'faults'; readonly sessionId: number; readonly row: FaultRecord };

/** The whole second a time falls in. */
export function secondOf(t: number): number {
  return Math.floor(t / 1000);
}

/** A bounded FIFO of rows waiting to be written. */
export class WriteBuffer {
  private rows: BufferedRow[] = [];
  /** Index of the newest buffered snapshot, -1 when there is none. */
  private lastSnapshot = -1;
  private droppedCount = 0;

  /** @param capacity Rows kept at most before the oldest are dropped (>= 1). */
  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`buffer capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Rows waiting. */
  get size(): number {
    return this.rows.length;
  }

  /** Rows dropped so far because the buffer was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Adds a row (a snapshot of an already buffered second replaces that one). */
  push(entry: BufferedRow): void {
    if (entry.table === 'snapshots' && this.replacesNewestSnapshot(entry)) {
      this.rows[this.lastSnapshot] = entry;
      return;
    }
    this.rows.push(entry);
    if (entry.table === 'snapshots') this.lastSnapshot = this.rows.length - 1;
    const excess = this.rows.length - this.capacity;
    if (excess > 0) {
      this.rows.splice(0, excess);
      this.droppedCount += excess;
      this.lastSnapshot = Math.max(-1, this.lastSnapshot - excess);
    }
  }

  /** Everything waiting, oldest first (the buffer keeps it until `clear`). */
  peek(): readonly BufferedRow[] {
    return this.rows;
  }

  /** Forgets the rows handed out by `peek` once they are safely written. */
  clear(): void {
    this.rows = [];
    this.lastSnapshot = -1;
  }

  private replacesNewestSnapshot(entry: BufferedRow & { table: 'snapshots' }): boolean {
    const newest = this.rows[this.lastSnapshot];
    return (
      newest !== undefined &&
      newest.table === 'snapshots' &&
      newest.sessionId === entry.sessionId &&
      secondOf(newest.row.t) === secondOf(entry.row.t)
    );
  }
}
