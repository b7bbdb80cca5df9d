import type { EnergyCounters } from '../../shared/energy';
import type {
  CommandRecord,
  EnergyDayRecord,
  CommandRow,
  CsvKind,
  EventRecord,
  FaultRecord,
  FaultRow,
  FlushReport,
  RecordingStatus,
  RowRange,
  SessionRow,
  SessionStart,
  SnapshotRecord,
  ReportRecord,
} from './recording-types';
import type { StoredReport } from './report-table';

/**
 * The session recording store as the host sees it. Writing never throws: a record goes to a
 * memory buffer that a timer flushes once a second in one transaction, and failures show in
 * `status()`. When the native module or the file cannot be opened, `available` is false and
 * every method does nothing (reads return nothing), so the app runs on without recording.
 * Reads throw only on bad arguments (naming the argument) or after `close()`.
 */
export interface RecordingStore {
  readonly available: boolean;
  /** Why recording is unavailable; null when it is available. */
  readonly reason: string | null;
  /** The database file. */
  readonly path: string;

  /** Ends the running session (if any) and starts a new one; its id, null if unavailable. */
  startSession(start: SessionStart): number | null;
  /** Flushes and marks the running session ended now. */
  endSession(): void;
  /** Buffers a snapshot; within one second only the last one is kept. */
  recordSnapshot(snapshot: SnapshotRecord): void;
  recordCommand(command: CommandRecord): void;
  recordEvent(event: EventRecord): void;
  recordFault(fault: FaultRecord): void;
  /** Writes the buffer in one transaction now; null when nothing was written. */
  flush(): FlushReport | null;
  /** Deletes sessions that ended before `now - retentionDays`, with their rows; the count. */
  prune(now?: number, retentionDays?: number): number;
  /** Flushes, ends the running session, stops the timers and closes the file. Idempotent. */
  close(): void;
  status(): RecordingStatus;

  /** Every session, newest first. */
  listSessions(): SessionRow[];
  sessionSnapshots(sessionId: number, range?: RowRange): SnapshotRecord[];
  sessionEvents(sessionId: number, range?: RowRange): EventRecord[];
  sessionCommands(sessionId: number, range?: RowRange): CommandRow[];
  /** The newest `limit` events of every session, oldest first (flush first to include the buffer). */
  recentEvents(limit: number): EventRecord[];
  /** Saves a site's energy counters for a day (replacing the day's earlier row); false when not stored. */
  saveEnergyDay(record: EnergyDayRecord): boolean;
  /** A site's saved energy counters for a day, or null. */
  energyDay(siteId: string, day: string): EnergyCounters | null;
  /** Fault-log entries of one session, or of every session when the id is omitted. */
  faultLog(sessionId?: number, range?: RowRange): FaultRow[];
  /**
   * One table of a session as CSV (header row, ISO times, RFC 4180 quoting), in chunks of a
   * few thousand rows read page by page, so a long session can be streamed to a file or an
   * HTTP reply without holding it all in memory. Join the chunks for a string.
   */
  exportCsv(kind: CsvKind, sessionId: number): Generator<string, void, void>;

  /** Stores a commissioning report with the running session (written at once); its id, null if unavailable. */
  saveReport(report: ReportRecord): number | null;
  /** The newest stored report, or null when there is none. */
  latestReport(): StoredReport | null;
}
