/**
 * A session's table as CSV, produced page by page. Each page is read with `all()` and the
 * connection is free again before the chunk is handed out: a consumer that streams slowly (an
 * HTTP reply) then never blocks the writer's flush, which an open SQLite cursor would.
 */
import { csvLine, isoTime, type CsvValue } from './csv-format';
import type { SqliteDatabase } from './native-loader';
import { CSV_KINDS, type CsvKind } from './recording-types';
import type { RawEvent, RawFault, RawSnapshot } from './row-decoding';
import { parseJsonColumn } from './row-decoding';

/** Rows read per page (and per chunk). */
export const CSV_PAGE_ROWS = 5000;

interface Cursor {
  t: number;
  id: number;
}

interface TableExport<Row> {
  readonly header: readonly string[];
  /** Rows after the cursor, in (t, id) order. */
  readonly sql: string;
  readonly cells: (row: Row) => CsvValue[];
  readonly cursor: (row: Row) => Cursor;
}

const AFTER =
  'session_id = @session AND (t > @t OR (t = @t AND id > @id)) ORDER BY t, id LIMIT @limit';

const snapshotsExport: TableExport<RawSnapshot> = {
  header: [
    'time',
    'state',
    'mode',
    'grid_w',
    'inverter_w',
    'soc_pct',
    'setpoint_w',
    'limited_by',
    'modbus_ok',
    'can_ok',
    'faults',
    'pv_w',
    'load_w',
  ],
  // One row per second: the second is the cursor (in the id slot).
  sql: 'SELECT * FROM snapshots WHERE session_id = @session AND sec > @id ORDER BY sec LIMIT @limit',
  cells: (r) => {
    const faults = parseJsonColumn(r.faults);
    return [
      isoTime(r.t),
      r.state,
      r.mode,
      r.grid_w,
      r.inverter_w,
      r.soc,
      r.setpoint_w,
      r.limited_by,
      r.modbus_ok !== 0,
      r.can_ok === null ? null : r.can_ok !== 0,
      Array.isArray(faults) ? faults.join(';') : r.faults,
      r.pv_w,
      r.load_w,
    ];
  },
  cursor: (r) => ({ t: r.t, id: r.sec }),
};

const eventsExport: TableExport<RawEvent> = {
  header: ['time', 'kind', 'code', 'message'],
  sql: `SELECT * FROM events WHERE ${AFTER}`,
  cells: (r) => [isoTime(r.t), r.kind, r.code, r.message],
  cursor: (r) => ({ t: r.t, id: r.id }),
};

const faultsExport: TableExport<RawFault> = {
  header: ['time', 'code', 'kind', 'message', 'measurements'],
  sql: `SELECT * FROM faults WHERE ${AFTER}`,
  cells: (r) => [isoTime(r.t), r.code, r.kind, r.message, r.measurements],
  cursor: (r) => ({ t: r.t, id: r.id }),
};

function* pages<Row>(
  db: SqliteDatabase,
  table: TableExport<Row>,
  session: number,
  pageRows: number,
): Generator<string, void, void> {
  const statement = db.prepare<{ session: number; t: number; id: number; limit: number }, Row>(
    table.sql,
  );
  yield csvLine(table.header);
  let cursor: Cursor = { t: Number.MIN_SAFE_INTEGER, id: Number.MIN_SAFE_INTEGER };
  for (;;) {
    const rows = statement.all({ session, ...cursor, limit: pageRows });
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    yield rows.map((row) => csvLine(table.cells(row))).join('');
    if (rows.length < pageRows) return;
    cursor = table.cursor(last);
  }
}

/** The CSV of one table of a session: the header row first, then one chunk per page. */
export function exportCsvChunks(
  db: SqliteDatabase,
  kind: CsvKind,
  sessionId: number,
  pageRows: number = CSV_PAGE_ROWS,
): Generator<string, void, void> {
  switch (kind) {
    case 'snapshots':
      return pages(db, snapshotsExport, sessionId, pageRows);
    case 'events':
      return pages(db, eventsExport, sessionId, pageRows);
    case 'faults':
      return pages(db, faultsExport, sessionId, pageRows);
    default:
      throw new RangeError(`CSV kind must be one of ${CSV_KINDS.join(', ')}, got ${String(kind)}`);
  }
}
