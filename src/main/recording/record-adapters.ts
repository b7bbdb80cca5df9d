/**
 * The host already has snapshots, events and fault-log entries in the shapes the UI gets
 * (src/shared). These turn them into records, so wiring the store is one line per stream.
 */
import type { EventView, FaultLogView } from '../../shared/fault-view';
import type { EmsSnapshot } from '../../shared/snapshot';
import type { EventRecord, FaultRecord, SnapshotRecord } from './recording-types';

/** The recorded columns of a snapshot (its ISO time becomes ms). */
export function snapshotRecordOf(snapshot: EmsSnapshot): SnapshotRecord {
  return {
    t: Date.parse(snapshot.time),
    state: snapshot.state,
    mode: snapshot.mode,
    gridW: snapshot.gridW,
    inverterW: snapshot.inverterW,
    soc: snapshot.soc,
    setpointW: snapshot.setpointW,
    limitedBy: snapshot.limitedBy,
    modbusOk: snapshot.modbusOk,
    canOk: snapshot.canOk,
    faults: snapshot.faults.map((f) => f.code),
    pvW: snapshot.pvW,
    loadW: snapshot.loadW,
  };
}

/** An event as pushed to the UI, as a record. */
export function eventRecordOf(event: EventView): EventRecord {
  return {
    t: Date.parse(event.time),
    kind: event.kind,
    code: event.code ?? null,
    message: event.message,
  };
}

/**
 * A fault-log line as a record. The trend before the entry (`before`) is left out: the
 * session's own snapshots already hold those seconds.
 */
export function faultRecordOf(entry: FaultLogView): FaultRecord {
  return {
    t: Date.parse(entry.time),
    code: entry.code,
    kind: entry.kind,
    message: entry.message,
    measurements: entry.measurements,
  };
}
