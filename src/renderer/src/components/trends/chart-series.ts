import type { HistoryBucket, Range } from '../../../../shared/history';

/**
 * The four trend series: how to read each from a bucket, and how to draw it. The
 * accessors are module constants so recharts sees the same functions on every render.
 */
export interface SeriesSpec {
  readonly key: 'gridW' | 'inverterW' | 'soc' | 'setpointW' | 'pvW' | 'loadW';
  readonly name: string;
  readonly color: string;
  /** Which y axis: power in W, or percent. */
  readonly axis: 'w' | 'pct';
  /** Middle of the bucket's range (the line). */
  readonly mid: (b: HistoryBucket) => number | null;
  /** The bucket's [min, max] (the band). */
  readonly range: (b: HistoryBucket) => Range;
  /** Draw the band on long windows (the setpoint's would only repeat the battery's). */
  readonly band: boolean;
}

const midOf = (r: Range): number | null => (r ? (r[0] + r[1]) / 2 : null);

/**
 * Grid, battery, setpoint, PV, house load (W) and SOC (%), in drawing order. PV and load come
 * from the power balance (src/shared/power-balance.ts): PV only where the inverter measures it.
 */
export const SERIES: readonly SeriesSpec[] = [
  {
    key: 'gridW',
    name: 'Grid (+ import)',
    color: '#b00020',
    axis: 'w',
    mid: (b) => midOf(b.gridW),
    range: (b) => b.gridW,
    band: true,
  },
  {
    key: 'inverterW',
    name: 'Battery (+ discharge)',
    color: '#0b4fb3',
    axis: 'w',
    mid: (b) => midOf(b.inverterW),
    range: (b) => b.inverterW,
    band: true,
  },
  {
    key: 'setpointW',
    name: 'Setpoint',
    color: '#111111',
    axis: 'w',
    mid: (b) => midOf(b.setpointW),
    range: (b) => b.setpointW,
    band: false,
  },
  {
    key: 'pvW',
    name: 'PV',
    color: '#a85f00',
    axis: 'w',
    mid: (b) => midOf(b.pvW),
    range: (b) => b.pvW,
    band: false,
  },
  {
    key: 'loadW',
    name: 'House load',
    color: '#6b2fa3',
    axis: 'w',
    mid: (b) => midOf(b.loadW),
    range: (b) => b.loadW,
    band: false,
  },
  {
    key: 'soc',
    name: 'SOC %',
    color: '#0a7a33',
    axis: 'pct',
    mid: (b) => midOf(b.soc),
    range: (b) => b.soc,
    band: true,
  },
];

/** Time of the bucket (its start), ms. */
export const bucketTime = (b: HistoryBucket): number => b.t;

/** A zoom as a time span (bucket start times, ms, inclusive). */
export interface TimeZoom {
  readonly fromT: number;
  readonly toT: number;
}

/**
 * The buckets inside a zoom. Zoom is kept in time, not index, so it stays on the same
 * minutes while the 5 min window slides underneath; unzoomed, the same array comes back.
 */
export function zoomBuckets(
  buckets: readonly HistoryBucket[],
  zoom: TimeZoom | null,
): readonly HistoryBucket[] {
  if (!zoom) return buckets;
  return buckets.filter((b) => b.t >= zoom.fromT && b.t <= zoom.toT);
}

/** A zoom from two points picked on the chart, in either order; null when they coincide. */
export function zoomBetween(a: number, b: number): TimeZoom | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) return null;
  return { fromT: Math.min(a, b), toT: Math.max(a, b) };
}

/**
 * Zooms into the newer half of what is shown (for the keyboard: the newest data is what a
 * technician usually wants closer). Null when fewer than 4 buckets would remain.
 */
export function zoomInNewerHalf(shown: readonly HistoryBucket[]): TimeZoom | null {
  if (shown.length < 8) return null;
  const from = shown[Math.floor(shown.length / 2)];
  const to = shown[shown.length - 1];
  return from && to ? { fromT: from.t, toT: to.t } : null;
}
