/**
 * The writing half of the store. Records go to a bounded memory buffer; `flush` writes the
 * whole buffer in ONE transaction (one commit per second instead of one per row), so a crash
 * loses at most what arrived since the last flush. Nothing here throws at the caller: a failed
 * flush keeps the batch for the next try and shows in `lastError`.
 */
import type { SqliteDatabase } from './native-loader';
import type { FlushReport, SessionStart } from './recording-types';
import { INSERT_SQL, paramsOf, type RowParams } from './row-params';
import { WriteBuffer, type BufferedRow } from './write-buffer';
import { describeError } from '../util/describe-error';

/** What the writer needs besides the connection. */
export interface StoreWriterOptions {
  readonly capacity: number;
  readonly now: () => number;
  readonly onFlush?: (report: FlushReport) => void;
}

type Table = BufferedRow['table'];
/** A buffered row without its session: what `record` takes. */
export type RecordOf<T extends Table> = Extract<BufferedRow, { table: T }>['row'];

/**
 * Errors that belong to one row (a value SQLite or the binding refuses) rather than to the
 * disk: that row is skipped, so one bad record cannot block every later flush.
 */
function isRowError(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}

/** Buffers records of the running session and writes them in batches. */
export class StoreWriter {
  private readonly buffer: WriteBuffer;
  private readonly inserts: Record<Table, { run(params: RowParams): unknown }>;
  private readonly writeBatch: (rows: readonly BufferedRow[]) => number;
  private session: number | null = null;
  private rejectedCount = 0;
  private lastFlush: number | null = null;
  private error: string | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: StoreWriterOptions,
  ) {
    this.buffer = new WriteBuffer(options.capacity);
    this.inserts = {
      snapshots: db.prepare<RowParams>(INSERT_SQL.snapshots),
      commands: db.prepare<RowParams>(INSERT_SQL.commands),
      events: db.prepare<RowParams>(INSERT_SQL.events),
      faults: db.prepare<RowParams>(INSERT_SQL.faults),
    };
    this.writeBatch = db.transaction((rows: readonly BufferedRow[]): number => {
      let skipped = 0;
      for (const entry of rows) {
        try {
          this.inserts[entry.table].run(paramsOf(entry));
        } catch (error) {
          if (!isRowError(error)) throw error; // the disk: abort, keep the batch
          skipped += 1;
          this.error = `a ${entry.table} row was refused and skipped: ${describeError(error)}`;
        }
      }
      return skipped;
    });
  }

  /** The running session's id. */
  get sessionId(): number | null {
    return this.session;
  }

  /** Counters and errors for `status()`. */
  get health(): {
    buffered: number;
    dropped: number;
    rejected: number;
    lastFlushAt: number | null;
    lastError: string | null;
  } {
    return {
      buffered: this.buffer.size,
      dropped: this.buffer.dropped,
      rejected: this.rejectedCount,
      lastFlushAt: this.lastFlush,
      lastError: this.error,
    };
  }

  /** Ends the running session and starts another; null (and `lastError`) if the file refuses. */
  startSession(start: SessionStart): number | null {
    this.endSession();
    try {
      const info = this.db
        .prepare('INSERT INTO sessions (started_at, site_name, host_kind) VALUES (?, ?, ?)')
        .run(start.startedAt ?? this.options.now(), String(start.siteName), String(start.hostKind));
      this.session = Number(info.lastInsertRowid);
    } catch (error) {
      this.error = `could not start a session: ${describeError(error)}`;
    }
    return this.session;
  }

  /** Flushes and marks the running session ended now. */
  endSession(): void {
    this.flush();
    if (this.session === null) return;
    try {
      this.db
        .prepare('UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL')
        .run(this.options.now(), this.session);
    } catch (error) {
      this.error = `could not mark session ${this.session} ended: ${describeError(error)}`;
    }
    this.session = null;
  }

  /** Buffers a record of the running session; refuses (and counts) a bad time or no session. */
  record<T extends Table>(table: T, row: RecordOf<T>): void {
    const t: unknown = (row as { t?: unknown } | null)?.t;
    if (this.session === null || typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      this.rejectedCount += 1;
      this.error =
        this.session === null
          ? `a ${table} record came while no session was running`
          : `a ${table} record has no valid time (t = ${String(t)})`;
      return;
    }
    this.buffer.push({ table, sessionId: this.session, row } as BufferedRow);
  }

  /** Writes everything buffered in one transaction; null when nothing was written. */
  flush(): FlushReport | null {
    const rows = this.buffer.peek();
    if (rows.length === 0) return null;
    const started = performance.now();
    let skipped: number;
    try {
      skipped = this.writeBatch(rows);
    } catch (error) {
      this.error = `flush failed, ${rows.length} rows kept for the next try: ${describeError(error)}`;
      return null;
    }
    let lastSnapshotT: number | null = null;
    for (const entry of rows) {
      if (entry.table === 'snapshots')
        lastSnapshotT = Math.max(lastSnapshotT ?? entry.row.t, entry.row.t);
    }
    const report: FlushReport = {
      rows: rows.length - skipped,
      lastSnapshotT,
      durationMs: performance.now() - started,
    };
    this.buffer.clear();
    this.rejectedCount += skipped;
    this.lastFlush = this.options.now();
    if (skipped === 0) this.error = null;
    try {
      this.options.onFlush?.(report);
    } catch (error) {
      this.error = `the onFlush callback threw: ${describeError(error)}`;
    }
    return report;
  }
}
