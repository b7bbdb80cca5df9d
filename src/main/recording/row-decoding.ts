/**
 * Raw table rows as SQLite returns them, and how they become the store's record types. The
 * JSON columns were written by the store itself; a value that does not parse (a file edited by
 * hand) is shown as its raw text rather than failing the whole read.
 */
import type { EmsState, FaultCode, LimitedBy, RunMode } from '../../shared/ems-names';
import type {
  CommandRow,
  EventRecord,
  FaultRow,
  SessionRow,
  SnapshotRecord,
} from './recording-types';

/** A row of `sessions`. */
export interface RawSession {
  id: number;
  started_at: number;
  ended_at: number | null;
  ended_unexpectedly: number;
  site_name: string;
  host_kind: string;
}

/** A row of `snapshots`. */
export interface RawSnapshot {
  sec: number;
  t: number;
  state: string;
  mode: string;
  grid_w: number | null;
  inverter_w: number | null;
  soc: number | null;
  setpoint_w: number;
  limited_by: string;
  modbus_ok: number;
  can_ok: number | null;
  faults: string;
  pv_w: number | null;
  load_w: number | null;
}

/** A row of `commands`. */
export interface RawCommand {
  id: number;
  t: number;
  source: string;
  command: string;
  result: string;
}

/** A row of `events`. */
export interface RawEvent {
  id: number;
  t: number;
  kind: string;
  code: string | null;
  message: string;
}

/** A row of `faults`. */
export interface RawFault {
  id: number;
  session_id: number;
  t: number;
  code: string;
  kind: string;
  message: string;
  measurements: string;
}

/** The parsed JSON, or the text itself when it is not JSON. */
export function parseJsonColumn(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A session row as the API shows it. */
export function decodeSession(r: RawSession): SessionRow {
  return {
    id: r.id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    endedUnexpectedly: r.ended_unexpectedly !== 0,
    siteName: r.site_name,
    hostKind: r.host_kind,
  };
}

/** A snapshot row as a record; the enums are trusted as the store wrote them. */
export function decodeSnapshot(r: RawSnapshot): SnapshotRecord {
  const faults = parseJsonColumn(r.faults);
  return {
    t: r.t,
    state: r.state as EmsState,
    mode: r.mode as RunMode,
    gridW: r.grid_w,
    inverterW: r.inverter_w,
    soc: r.soc,
    setpointW: r.setpoint_w,
    limitedBy: r.limited_by as LimitedBy,
    modbusOk: r.modbus_ok !== 0,
    canOk: r.can_ok === null ? null : r.can_ok !== 0,
    faults: Array.isArray(faults) ? faults.map((f) => String(f) as FaultCode) : [],
    pvW: r.pv_w ?? null,
    loadW: r.load_w ?? null,
  };
}

/** A command row with its JSON parsed. */
export function decodeCommand(r: RawCommand): CommandRow {
  return {
    t: r.t,
    source: r.source,
    command: parseJsonColumn(r.command),
    result: parseJsonColumn(r.result),
  };
}

/** An event row as a record. */
export function decodeEvent(r: RawEvent): EventRecord {
  return { t: r.t, kind: r.kind, code: r.code, message: r.message };
}

/** A fault row with its measurements parsed. */
export function decodeFault(r: RawFault): FaultRow {
  return {
    sessionId: r.session_id,
    t: r.t,
    code: r.code,
    kind: r.kind,
    message: r.message,
    measurements: parseJsonColumn(r.measurements),
  };
}
