/**
 * A session whose process died (crash, kill -9, power cut) was never marked ended. At the next
 * open it is closed as "ended unexpectedly", with the time of its newest row as its end: that
 * is the last moment the recording can vouch for. One process writes a store at a time (the
 * host that owns the config folder); a second writer would see the first one's running session
 * as crashed.
 */
import type { SqliteDatabase } from './native-loader';

const LAST_ROW_TIME = `MAX(
  s.started_at,
  COALESCE((SELECT MAX(t) FROM snapshots WHERE session_id = s.id), 0),
  COALESCE((SELECT MAX(t) FROM commands WHERE session_id = s.id), 0),
  COALESCE((SELECT MAX(t) FROM events WHERE session_id = s.id), 0),
  COALESCE((SELECT MAX(t) FROM faults WHERE session_id = s.id), 0)
)`;

/** Closes every unclosed session at the time of its newest row; returns how many. */
export function closeUnfinishedSessions(db: SqliteDatabase): number {
  const info = db
    .prepare(
      `UPDATE sessions AS s SET ended_at = ${LAST_ROW_TIME}, ended_unexpectedly = 1
       WHERE s.ended_at IS NULL`,
    )
    .run();
  return info.changes;
}
