/**
 * The reading half of the store: sessions and their rows, oldest first, for the UI's session
 * browser and the API. Arguments come from HTTP and IPC callers, so they are checked and a bad
 * one is named in the error.
 */
import type { SqliteDatabase } from './native-loader';
import type {
  CommandRow,
  EventRecord,
  FaultRow,
  RowRange,
  SessionRow,
  SnapshotRecord,
} from './recording-types';
import {
  decodeCommand,
  decodeEvent,
  decodeFault,
  decodeSession,
  decodeSnapshot,
  type RawCommand,
  type RawEvent,
  type RawFault,
  type RawSession,
  type RawSnapshot,
} from './row-decoding';

/** Rows returned when the caller gives no limit. */
export const DEFAULT_ROW_LIMIT = 10_000;
/** The most rows one read returns. */
export const MAX_ROW_LIMIT = 100_000;

type Bounds = [sessionId: number, from: number, to: number, limit: number];
interface FaultBounds {
  session: number | null;
  from: number;
  to: number;
  limit: number;
}

/** Throws unless `id` is a session id (a positive integer). */
export function checkSessionId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    throw new RangeError(`sessionId must be a positive integer, got ${String(id)}`);
  }
  return id;
}

function time(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a time in ms since the epoch, got ${String(value)}`);
  }
  return Math.min(Math.max(value, Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
}

/** The bounds of a read: inclusive times and a checked limit. */
export function resolveRange(range: RowRange = {}): { from: number; to: number; limit: number } {
  const from = time(range.from, 'from', Number.MIN_SAFE_INTEGER);
  const to = time(range.to, 'to', Number.MAX_SAFE_INTEGER);
  const limit = range.limit ?? DEFAULT_ROW_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROW_LIMIT) {
    throw new RangeError(
      `limit must be an integer from 1 to ${MAX_ROW_LIMIT}, got ${String(limit)}`,
    );
  }
  return { from, to, limit };
}

/** Prepared queries over an open store. */
export class StoreReader {
  private readonly sessions;
  private readonly snapshots;
  private readonly commands;
  private readonly events;
  private readonly faults;
  private readonly latestEvents;

  constructor(db: SqliteDatabase) {
    this.sessions = db.prepare<[], RawSession>(
      'SELECT * FROM sessions ORDER BY started_at DESC, id DESC',
    );
    const window = 'session_id = ? AND t >= ? AND t <= ?';
    this.snapshots = db.prepare<Bounds, RawSnapshot>(
      `SELECT * FROM snapshots WHERE ${window} ORDER BY sec LIMIT ?`,
    );
    this.commands = db.prepare<Bounds, RawCommand>(
      `SELECT * FROM commands WHERE ${window} ORDER BY t, id LIMIT ?`,
    );
    this.events = db.prepare<Bounds, RawEvent>(
      `SELECT * FROM events WHERE ${window} ORDER BY t, id LIMIT ?`,
    );
    // A null session id reads the fault log of every session.
    this.faults = db.prepare<FaultBounds, RawFault>(
      `SELECT * FROM faults WHERE (@session IS NULL OR session_id = @session)
       AND t >= @from AND t <= @to ORDER BY t, id LIMIT @limit`,
    );
    // Newest first over the events_by_time index (schema 2), whatever session they belong to.
    this.latestEvents = db.prepare<[number], RawEvent>(
      'SELECT * FROM events ORDER BY t DESC, id DESC LIMIT ?',
    );
  }

  /**
   * The newest `limit` events of every session, oldest first: what "latest events" shows,
   * so it covers the time before the page (or the app) was last opened.
   */
  recentEvents(limit: number): EventRecord[] {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROW_LIMIT)
      throw new RangeError(
        `limit must be an integer from 1 to ${MAX_ROW_LIMIT}, got ${String(limit)}`,
      );
    return this.latestEvents.all(limit).map(decodeEvent).reverse();
  }

  /** Every session, newest first. */
  listSessions(): SessionRow[] {
    return this.sessions.all().map(decodeSession);
  }

  /** Kept snapshots of a session (one per second), oldest first. */
  sessionSnapshots(sessionId: number, range?: RowRange): SnapshotRecord[] {
    return this.snapshots.all(...bounds(checkSessionId(sessionId), range)).map(decodeSnapshot);
  }

  /** Commands of a session, oldest first. */
  sessionCommands(sessionId: number, range?: RowRange): CommandRow[] {
    return this.commands.all(...bounds(checkSessionId(sessionId), range)).map(decodeCommand);
  }

  /** Events of a session, oldest first. */
  sessionEvents(sessionId: number, range?: RowRange): EventRecord[] {
    return this.events.all(...bounds(checkSessionId(sessionId), range)).map(decodeEvent);
  }

  /** Fault-log entries of a session, or of all sessions, oldest first. */
  faultLog(sessionId?: number, range?: RowRange): FaultRow[] {
    const session = sessionId === undefined ? null : checkSessionId(sessionId);
    return this.faults.all({ session, ...resolveRange(range) }).map(decodeFault);
  }
}

function bounds(sessionId: number, range: RowRange | undefined): Bounds {
  const { from, to, limit } = resolveRange(range);
  return [sessionId, from, to, limit];
}
