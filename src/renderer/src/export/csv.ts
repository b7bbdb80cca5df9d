import type { FaultLogView } from '../../../shared/fault-view';
import type { HistoryBucket, Range } from '../../../shared/history';

/**
 * CSV text for the exports (RFC 4180: comma separated, CRLF line ends, a field with a
 * comma, quote or line break is quoted and its quotes doubled). Times are ISO 8601 UTC so
 * a spreadsheet on another laptop reads the same instant.
 */

/** One CSV cell: text, a number, or empty for unknown. */
export type CsvCell = string | number | null;

/** Characters a spreadsheet may take as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Quotes one cell. Text that a spreadsheet would run as a formula (a BMS message is data
 * from a device, not from us) gets a leading apostrophe; numbers are written as they are.
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins a header and rows into CSV text (ends with CRLF). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const FAULT_HEADER = [
  'time',
  'code',
  'kind',
  'message',
  'grid_w',
  'grid_age_ms',
  'inverter_w',
  'inverter_age_ms',
  'soc_pct',
  'bms_age_ms',
  'bms_alarms',
] as const;

/** The fault log as CSV, in the order given (main's order: oldest first). */
export function faultLogCsv(log: readonly FaultLogView[]): string {
  return toCsv(
    FAULT_HEADER,
    log.map((e) => {
      const m = e.measurements;
      return [
        e.time,
        e.code,
        e.kind,
        e.message,
        m.gridW,
        m.gridAgeMs,
        m.inverterW,
        m.inverterAgeMs,
        m.socPct,
        m.bmsAgeMs,
        m.bmsAlarms.join(' '),
      ];
    }),
  );
}

const SERIES = ['gridW', 'inverterW', 'soc', 'setpointW', 'pvW', 'loadW'] as const;
const SERIES_COLUMNS = ['grid_w', 'battery_w', 'soc_pct', 'setpoint_w', 'pv_w', 'load_w'] as const;

const lo = (r: Range): number | null => (r ? r[0] : null);
const hi = (r: Range): number | null => (r ? r[1] : null);

/**
 * Trend buckets as CSV: one row per bucket with the start time, the bucket length and
 * min/max of every series (min = max for 1 s buckets). Empty cells are unknown or stale.
 */
export function trendCsv(buckets: readonly HistoryBucket[], bucketMs: number): string {
  const header = ['time', 'bucket_ms'];
  for (const c of SERIES_COLUMNS) header.push(`${c}_min`, `${c}_max`);
  return toCsv(
    header,
    buckets.map((b) => {
      const row: CsvCell[] = [new Date(b.t).toISOString(), bucketMs];
      for (const key of SERIES) row.push(lo(b[key]), hi(b[key]));
      return row;
    }),
  );
}

/** A file name with the UTC time in it, e.g. "ems-faults-2026-11-29T10-18-21.csv". */
export function exportFileName(kind: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `ems-${kind}-${stamp}.csv`;
}
