import type { HistoryBucket } from '../../../shared/history';
import type { EmsSnapshot } from '../../../shared/snapshot';
import type { FaultLogView } from '../../../shared/fault-view';
import type { EmsStore } from './ems-store';

/**
 * Narrow selectors: each returns a value that keeps its identity while what it names is
 * unchanged, so components subscribed to it stay still.
 */

/** The latest snapshot (null before the first). */
export const selectSnapshot = (s: EmsStore): EmsSnapshot | null => s.snapshot;

const NO_BUCKETS: readonly HistoryBucket[] = [];

/** What the trend chart draws: the frozen buckets while paused, else the closed ones. */
export const selectTrendView = (s: EmsStore): readonly HistoryBucket[] =>
  s.ui.paused && s.ui.frozen ? s.ui.frozen : (s.trends[s.ui.trendWindow]?.closed ?? NO_BUCKETS);

/** A stable key of a fault-log entry (time, code and kind are unique together in practice). */
export const faultKey = (e: FaultLogView): string => `${e.time}|${e.code}|${e.kind}`;

/** The selected fault-log entry, if it is still in the log. */
export const selectSelectedFault = (s: EmsStore): FaultLogView | null => {
  const key = s.ui.selectedFault;
  if (key === null) return null;
  return s.faultLog.find((e) => faultKey(e) === key) ?? null;
};

/** A snapshot older than this (by the renderer's clock) is not shown as live, ms. */
export const SNAPSHOT_MAX_AGE_MS = 3000;

/**
 * True while the snapshot on screen is live: the bridge is connected and a snapshot
 * arrived recently. Otherwise every value is shown as stale, because the last snapshot
 * would look live while the site may already be doing something else.
 */
export function isSnapshotCurrent(
  s: Pick<EmsStore, 'connection' | 'snapshotAt'>,
  nowMs: number,
): boolean {
  return (
    s.connection === 'connected' &&
    s.snapshotAt !== null &&
    nowMs - s.snapshotAt <= SNAPSHOT_MAX_AGE_MS
  );
}
