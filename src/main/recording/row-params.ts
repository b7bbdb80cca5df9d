/**
 * How each buffered record becomes the bound parameters of its INSERT. better-sqlite3 binds
 * numbers, strings and null only, so booleans become 0/1 and structured values JSON text.
 */
import type { BufferedRow } from './write-buffer';
import { secondOf } from './write-buffer';

/** Named parameters of one INSERT. */
export type RowParams = Record<string, string | number | null>;

function flag(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

/** The INSERT statement of each table, with the parameter names `paramsOf` produces. */
export const INSERT_SQL: Readonly<Record<BufferedRow['table'], string>> = {
  // REPLACE keeps the last snapshot of a second even when the earlier one was already flushed.
  snapshots: `INSERT OR REPLACE INTO snapshots
    (session_id, sec, t, state, mode, grid_w, inverter_w, soc, setpoint_w, limited_by,
     modbus_ok, can_ok, faults, pv_w, load_w)
    VALUES (@sessionId, @sec, @t, @state, @mode, @gridW, @inverterW, @soc, @setpointW,
     @limitedBy, @modbusOk, @canOk, @faults, @pvW, @loadW)`,
  commands: `INSERT INTO commands (session_id, t, source, command, result)
    VALUES (@sessionId, @t, @source, @command, @result)`,
  events: `INSERT INTO events (session_id, t, kind, code, message)
    VALUES (@sessionId, @t, @kind, @code, @message)`,
  faults: `INSERT INTO faults (session_id, t, code, kind, message, measurements)
    VALUES (@sessionId, @t, @code, @kind, @message, @measurements)`,
};

/** The parameters of a buffered row's INSERT. */
export function paramsOf(entry: BufferedRow): RowParams {
  const { sessionId } = entry;
  switch (entry.table) {
    case 'snapshots': {
      const s = entry.row;
      return {
        sessionId,
        sec: secondOf(s.t),
        t: s.t,
        state: s.state,
        mode: s.mode,
        gridW: s.gridW,
        inverterW: s.inverterW,
        soc: s.soc,
        setpointW: s.setpointW,
        limitedBy: s.limitedBy,
        modbusOk: s.modbusOk ? 1 : 0,
        canOk: flag(s.canOk),
        faults: JSON.stringify(s.faults),
        pvW: s.pvW ?? null,
        loadW: s.loadW ?? null,
      };
    }
    case 'commands': {
      const c = entry.row;
      return {
        sessionId,
        t: c.t,
        source: c.source,
        command: JSON.stringify(c.command),
        result: JSON.stringify(c.result),
      };
    }
    case 'events': {
      const e = entry.row;
      return { sessionId, t: e.t, kind: e.kind, code: e.code ?? null, message: e.message };
    }
    case 'faults': {
      const f = entry.row;
      return {
        sessionId,
        t: f.t,
        code: f.code,
        kind: f.kind,
        message: f.message,
        measurements: JSON.stringify(f.measurements),
      };
    }
  }
}
