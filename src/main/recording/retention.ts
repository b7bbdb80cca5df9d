/**
 * Old sessions are deleted after a retention period, so the store does not grow forever on a
 * site computer nobody cleans up. Only ended sessions go: a running one is kept whatever its
 * age. Rows go with their session (foreign keys with ON DELETE CASCADE). The freed pages are
 * reused by later writes; the file is not VACUUMed (that rewrites it and blocks the writer).
 */
import type { SqliteDatabase } from './native-loader';

/** The default retention, days. */
export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Throws a RangeError naming the value unless it is a usable retention in days. */
export function checkRetentionDays(retentionDays: number): void {
  if (typeof retentionDays !== 'number' || !Number.isFinite(retentionDays) || retentionDays <= 0) {
    throw new RangeError(
      `retentionDays must be a positive number of days, got ${String(retentionDays)}`,
    );
  }
}

/** Deletes sessions that ended before `now - retentionDays` and their rows; the count. */
export function pruneSessions(db: SqliteDatabase, now: number, retentionDays: number): number {
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new RangeError(`now must be a time in ms since the epoch, got ${String(now)}`);
  }
  checkRetentionDays(retentionDays);
  const cutoff = now - retentionDays * DAY_MS;
  return db.prepare('DELETE FROM sessions WHERE ended_at IS NOT NULL AND ended_at < ?').run(cutoff)
    .changes;
}
