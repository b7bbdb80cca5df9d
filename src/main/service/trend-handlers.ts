import type { EventView } from '../../shared/fault-view';
import { addToBucket, type HistoryBucket } from '../../shared/history';
import {
  RECENT_EVENTS_MAX,
  SESSION_HISTORY_MAX_BUCKETS,
  type SessionHistoryView,
} from '../../shared/trend-views';
import type { RecordingStore } from '../recording';
import { CommissioningError } from '../commissioning/commissioning-tools';

/** Events "Latest events" asks for when it names no limit. */
export const DEFAULT_RECENT_EVENTS = 20;

/** Bucket sizes a recorded session is drawn with, ms, shortest first. */
const BUCKET_STEPS = [1, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21_600].map((s) => s * 1000);

/** Rows read from the store per page while bucketing a long session. */
const PAGE_ROWS = 20_000;

/**
 * The newest events of every recorded run, oldest first. The store's write buffer is flushed
 * first, so the events of the last second are in. Without a store: none (the page then shows
 * only what it receives while open, and says recording is off).
 */
export function recentEventViews(
  store: RecordingStore | null | undefined,
  limit = DEFAULT_RECENT_EVENTS,
): EventView[] {
  if (!store || !store.available) return [];
  store.flush();
  return store.recentEvents(Math.min(limit, RECENT_EVENTS_MAX)).map((e) => ({
    time: new Date(e.t).toISOString(),
    kind: e.kind,
    message: e.message,
    ...(e.code === null ? {} : { code: e.code }),
  }));
}

/** The shortest bucket that draws `spanMs` in at most SESSION_HISTORY_MAX_BUCKETS. */
export function sessionBucketMs(spanMs: number): number {
  const fits = BUCKET_STEPS.find((b) => spanMs / b <= SESSION_HISTORY_MAX_BUCKETS);
  return fits ?? Math.ceil(spanMs / SESSION_HISTORY_MAX_BUCKETS / 1000) * 1000;
}

/**
 * A recorded session's trend over [fromT, toT] (default: the whole session), as min/max
 * buckets. Read page by page, so a month-long session never sits in memory at once.
 */
export function sessionHistoryView(
  store: RecordingStore | null | undefined,
  params: { sessionId: number; fromT?: number | undefined; toT?: number | undefined },
  now: number,
): SessionHistoryView {
  if (!store || !store.available)
    throw new CommissioningError(
      `session recording is unavailable: ${store?.reason ?? 'this host does not record sessions'}`,
    );
  const session = store.listSessions().find((s) => s.id === params.sessionId);
  if (!session) throw new CommissioningError(`no session ${params.sessionId}`);
  if (session.endedAt === null) store.flush();
  const fromT = params.fromT ?? session.startedAt;
  const toT = params.toT ?? session.endedAt ?? now;
  if (!(toT > fromT))
    throw new CommissioningError(`session ${params.sessionId} has no time between fromT and toT`);
  const bucketMs = sessionBucketMs(toT - fromT);
  const buckets: HistoryBucket[] = [];
  let samples = 0;
  let from = fromT;
  for (;;) {
    const rows = store.sessionSnapshots(session.id, { from, to: toT, limit: PAGE_ROWS });
    for (const r of rows) {
      const last = buckets[buckets.length - 1] ?? null;
      const b = addToBucket(last, r, bucketMs);
      if (last !== null && last.t === b.t) buckets[buckets.length - 1] = b;
      else buckets.push(b);
    }
    samples += rows.length;
    const newest = rows[rows.length - 1];
    if (rows.length < PAGE_ROWS || newest === undefined) break;
    from = newest.t + 1;
  }
  return { sessionId: session.id, fromT, toT, bucketMs, buckets, samples };
}
