/**
 * Trend data: main keeps one sample per second for 24 h in a ring buffer and serves it in
 * buckets, so a 24 h chart gets about 720 points instead of 86,400. A closed bucket never
 * changes, which lets the renderer redraw long windows only when a bucket closes.
 */

/** One second of the site, as recorded in main's ring buffer; null = stale or unknown. */
export interface HistorySample {
  /** Wall-clock ms since the epoch. */
  readonly t: number;
  readonly gridW: number | null;
  readonly inverterW: number | null;
  readonly soc: number | null;
  readonly setpointW: number;
  /** PV power, W, where measured (see src/shared/power-balance.ts). */
  readonly pvW: number | null;
  /** House load, W, from the power balance. */
  readonly loadW: number | null;
}

/** The trend windows the UI offers. */
export const HISTORY_WINDOWS = ['5m', '1h', '24h'] as const;
/** A trend window. */
export type HistoryWindow = (typeof HISTORY_WINDOWS)[number];

/** Length and bucket size of each window, ms. */
export const HISTORY_WINDOW_SPEC: Readonly<
  Record<HistoryWindow, { spanMs: number; bucketMs: number }>
> = {
  '5m': { spanMs: 5 * 60_000, bucketMs: 1000 },
  '1h': { spanMs: 3_600_000, bucketMs: 10_000 },
  '24h': { spanMs: 86_400_000, bucketMs: 120_000 },
};

/** [min, max] of a series inside one bucket; null when the bucket had no value. */
export type Range = readonly [number, number] | null;

/** One bucket of a window: the range of every series over `bucketMs` from `t`. */
export interface HistoryBucket {
  /** Bucket start, ms since the epoch (a multiple of bucketMs). */
  readonly t: number;
  readonly gridW: Range;
  readonly inverterW: Range;
  readonly soc: Range;
  readonly setpointW: Range;
  readonly pvW: Range;
  readonly loadW: Range;
}

/** A window's data as main serves it. */
export interface HistorySeries {
  readonly window: HistoryWindow;
  readonly bucketMs: number;
  /** Oldest first; the last bucket may still be open (growing). */
  readonly buckets: readonly HistoryBucket[];
}

/** The series a sample and a bucket carry. */
export const HISTORY_SERIES = ['gridW', 'inverterW', 'soc', 'setpointW', 'pvW', 'loadW'] as const;
const SERIES = HISTORY_SERIES;

function widen(range: Range, value: number | null): Range {
  if (value === null || !Number.isFinite(value)) return range;
  if (range === null) return [value, value];
  return [Math.min(range[0], value), Math.max(range[1], value)];
}

/** Adds a sample to a bucket (or starts one); pure, used by main and by the renderer alike. */
export function addToBucket(
  bucket: HistoryBucket | null,
  sample: HistorySample,
  bucketMs: number,
): HistoryBucket {
  const t = Math.floor(sample.t / bucketMs) * bucketMs;
  const base: HistoryBucket =
    bucket && bucket.t === t
      ? bucket
      : { t, gridW: null, inverterW: null, soc: null, setpointW: null, pvW: null, loadW: null };
  const next: Record<(typeof SERIES)[number], Range> = {
    gridW: null,
    inverterW: null,
    soc: null,
    setpointW: null,
    pvW: null,
    loadW: null,
  };
  for (const key of SERIES) next[key] = widen(base[key], sample[key]);
  return { t, ...next };
}

/**
 * Buckets `samples` (oldest first) for a window ending at `now`: min/max per bucket, so a
 * short spike stays visible however far the chart is zoomed out.
 */
export function bucketSamples(
  samples: readonly HistorySample[],
  window: HistoryWindow,
  now: number,
): HistorySeries {
  const { spanMs, bucketMs } = HISTORY_WINDOW_SPEC[window];
  const from = now - spanMs;
  const buckets: HistoryBucket[] = [];
  for (const s of samples) {
    if (s.t < from || s.t > now) continue;
    const last = buckets[buckets.length - 1] ?? null;
    const b = addToBucket(
      last && last.t === Math.floor(s.t / bucketMs) * bucketMs ? last : null,
      s,
      bucketMs,
    );
    if (last && last.t === b.t) buckets[buckets.length - 1] = b;
    else buckets.push(b);
  }
  return { window, bucketMs, buckets };
}
