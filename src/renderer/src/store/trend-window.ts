import {
  addToBucket,
  HISTORY_WINDOW_SPEC,
  type HistoryBucket,
  type HistorySample,
  type HistorySeries,
  type HistoryWindow,
} from '../../../shared/history';

/**
 * One trend window kept up to date from the 1 Hz history push. The chart draws only the
 * closed buckets: their array is replaced when a bucket closes and is otherwise the very
 * same array, so a 24 h chart (120 s buckets) redraws every two minutes, not every second.
 */
export interface TrendWindowState {
  readonly window: HistoryWindow;
  readonly bucketMs: number;
  readonly spanMs: number;
  /** Closed buckets, oldest first; never mutated, replaced when a bucket closes. */
  readonly closed: readonly HistoryBucket[];
  /** The bucket still growing; not drawn. */
  readonly open: HistoryBucket | null;
}

/** A window's state from main's answer to getHistory (its last bucket may be open). */
export function trendFromSeries(series: HistorySeries): TrendWindowState {
  const spec = HISTORY_WINDOW_SPEC[series.window];
  const buckets = series.buckets;
  return {
    window: series.window,
    bucketMs: series.bucketMs,
    spanMs: spec.spanMs,
    closed: buckets.slice(0, -1),
    open: buckets[buckets.length - 1] ?? null,
  };
}

/** An empty window (before main answered). */
export function emptyTrend(window: HistoryWindow): TrendWindowState {
  const spec = HISTORY_WINDOW_SPEC[window];
  return { window, bucketMs: spec.bucketMs, spanMs: spec.spanMs, closed: [], open: null };
}

function trimmed(buckets: readonly HistoryBucket[], fromT: number): readonly HistoryBucket[] {
  let i = 0;
  while (i < buckets.length && (buckets[i]?.t ?? fromT) < fromT) i++;
  return i === 0 ? buckets : buckets.slice(i);
}

/**
 * Adds a pushed sample. Inside the open bucket only `open` changes; a sample of a later
 * bucket closes the open one (a new `closed` array, trimmed to the window's span). A late
 * sample for an already closed bucket is ignored: closed buckets never change. Adding a
 * sample twice is harmless (min/max is idempotent), which makes replays after a reload safe.
 */
export function addTrendSample(state: TrendWindowState, sample: HistorySample): TrendWindowState {
  if (!Number.isFinite(sample.t)) return state;
  const t = Math.floor(sample.t / state.bucketMs) * state.bucketMs;
  const open = state.open;
  if (open === null) return { ...state, open: addToBucket(null, sample, state.bucketMs) };
  if (t === open.t) return { ...state, open: addToBucket(open, sample, state.bucketMs) };
  if (t < open.t) return state;
  const closed = trimmed(state.closed, t - state.spanMs);
  return {
    ...state,
    closed: [...closed, open],
    open: addToBucket(null, sample, state.bucketMs),
  };
}

/** Every bucket of a window, the open one included (for CSV export). */
export function allBuckets(state: TrendWindowState): readonly HistoryBucket[] {
  return state.open ? [...state.closed, state.open] : state.closed;
}
