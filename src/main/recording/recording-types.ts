/**
 * What the session recording store takes in and gives back. Times are wall-clock ms since the
 * epoch throughout (the CSV export turns them into ISO 8601); power follows the project's sign
 * conventions (grid + = import, inverter and setpoint + = discharge).
 */
import type { CommandResult, EmsCommand } from '../../shared/commands';
import type { EmsState, FaultCode, LimitedBy, RunMode } from '../../shared/ems-names';
import type { EnergyCounters } from '../../shared/energy';
import type { FaultLogView } from '../../shared/fault-view';

/** The columns of one EMS snapshot that are kept (at most one per second per session). */
export interface SnapshotRecord {
  readonly t: number;
  readonly state: EmsState;
  readonly mode: RunMode;
  readonly gridW: number | null;
  readonly inverterW: number | null;
  readonly soc: number | null;
  readonly setpointW: number;
  readonly limitedBy: LimitedBy;
  readonly modbusOk: boolean;
  /** Null when the site has no CAN BMS. */
  readonly canOk: boolean | null;
  /** Codes of the faults active at that moment. */
  readonly faults: readonly FaultCode[];
  /** PV power, W, where measured; null otherwise (and in rows from before schema 2). */
  readonly pvW: number | null;
  /** House load, W, from the power balance; null when unknown (and before schema 2). */
  readonly loadW: number | null;
}

/** A command as it arrived and what the EMS answered. */
export interface CommandRecord {
  readonly t: number;
  /** Who sent it: "ui", "api", "cli", an external controller's name... */
  readonly source: string;
  readonly command: EmsCommand;
  readonly result: CommandResult;
}

/** An event of the EMS (state change, ttl expiry, link lost...). */
export interface EventRecord {
  readonly t: number;
  readonly kind: string;
  readonly code: string | null;
  readonly message: string;
}

/** What the EMS knew when a fault-log entry was written. */
export type FaultMeasurements = FaultLogView['measurements'];

/** One fault-log entry. */
export interface FaultRecord {
  readonly t: number;
  readonly code: FaultCode;
  readonly kind: FaultLogView['kind'];
  readonly message: string;
  readonly measurements: FaultMeasurements;
}

/** A recorded session (one run of a host). */
export interface SessionRow {
  readonly id: number;
  readonly startedAt: number;
  /** Null while the session is running. */
  readonly endedAt: number | null;
  /** The process died without closing the store: ended at the time of its last row. */
  readonly endedUnexpectedly: boolean;
  readonly siteName: string;
  readonly hostKind: string;
}

/** A stored command; command and result are the JSON as recorded. */
export interface CommandRow {
  readonly t: number;
  readonly source: string;
  readonly command: unknown;
  readonly result: unknown;
}

/** A stored fault-log entry; measurements are the JSON as recorded. */
export interface FaultRow {
  readonly sessionId: number;
  readonly t: number;
  readonly code: string;
  readonly kind: string;
  readonly message: string;
  readonly measurements: unknown;
}

/** Which rows of a session to read: from/to are inclusive times, limit caps the count. */
export interface RowRange {
  readonly from?: number;
  readonly to?: number;
  /** At most this many rows, oldest first. Default 10,000, at most 100,000. */
  readonly limit?: number;
}

/** The tables a session can be exported from. */
export const CSV_KINDS = ['snapshots', 'events', 'faults'] as const;
/** A table a session can be exported from as CSV. */
export type CsvKind = (typeof CSV_KINDS)[number];

/** How a session starts. */
export interface SessionStart {
  readonly siteName: string;
  /** "electron", "headless"... */
  readonly hostKind: string;
  /** Default: the store's clock. */
  readonly startedAt?: number;
}

/** The outcome of one successful flush. */
export interface FlushReport {
  /** Rows written in the batch (all tables). */
  readonly rows: number;
  /** Time of the newest snapshot in the batch, null if it had none. */
  readonly lastSnapshotT: number | null;
  readonly durationMs: number;
}

/** Health of the store, for the UI and the host's logs. */
export interface RecordingStatus {
  readonly available: boolean;
  /** Why recording is unavailable; null when it is available. */
  readonly reason: string | null;
  readonly path: string;
  readonly open: boolean;
  readonly sessionId: number | null;
  /** Rows waiting for the next flush. */
  readonly buffered: number;
  /** Rows thrown away because the buffer was full (the disk would not take them). */
  readonly dropped: number;
  /** Records refused because their time was not a valid time. */
  readonly rejected: number;
  /** Sessions found unclosed at open and closed as "ended unexpectedly". */
  readonly recoveredSessions: number;
  readonly lastFlushAt: number | null;
  readonly lastError: string | null;
}

/** A commissioning report as stored. */
export interface ReportRecord {
  /** Wall-clock ms it was generated. */
  readonly t: number;
  readonly siteName: string;
  readonly technician: string;
  /** The whole self-contained page. */
  readonly html: string;
}

/** Today's energy counters of one site, as kept across restarts. */
export interface EnergyDayRecord {
  /** The site's id (its file name, or "built-in"). */
  readonly siteId: string;
  /** Local day, "YYYY-MM-DD". */
  readonly day: string;
  readonly counters: EnergyCounters;
}
