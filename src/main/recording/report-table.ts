import type { SqliteDatabase } from './native-loader';
import type { ReportRecord } from './recording-types';

/** A stored report with its row id and session. */
export type StoredReport = ReportRecord & {
  readonly id: number;
  readonly sessionId: number | null;
};

/** Longest report page kept, characters: a runaway page must not fill the disk. */
export const MAX_REPORT_CHARS = 5_000_000;

/**
 * The commissioning reports table: written at once (a report is rare and the technician waits
 * for it), not through the once-a-second buffer. Rows go with their session when it is pruned.
 */
export function insertReport(
  db: SqliteDatabase,
  sessionId: number | null,
  report: ReportRecord,
): number {
  if (report.html.length > MAX_REPORT_CHARS)
    throw new RangeError(`report html: ${report.html.length} characters, over ${MAX_REPORT_CHARS}`);
  const info = db
    .prepare(
      'INSERT INTO commissioning_reports (session_id, t, site_name, technician, html) VALUES (?, ?, ?, ?, ?)',
    )
    .run(sessionId, report.t, report.siteName, report.technician, report.html);
  return Number(info.lastInsertRowid);
}

interface ReportRow {
  id: number;
  session_id: number | null;
  t: number;
  site_name: string;
  technician: string;
  html: string;
}

/** The newest report, or null. */
export function selectLatestReport(db: SqliteDatabase): StoredReport | null {
  const row = db
    .prepare(
      'SELECT id, session_id, t, site_name, technician, html FROM commissioning_reports ORDER BY t DESC, id DESC LIMIT 1',
    )
    .get() as ReportRow | undefined;
  if (row === undefined) return null;
  return {
    id: row.id,
    sessionId: row.session_id,
    t: row.t,
    siteName: row.site_name,
    technician: row.technician,
    html: row.html,
  };
}
