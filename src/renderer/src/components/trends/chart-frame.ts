import type { HistoryBucket } from '../../../../shared/history';
import { SERIES, type TimeZoom } from './chart-series';

/**
 * How the trend chart stays cheap at 1 Hz. Redrawing recharts for a 300-point window costs
 * tens of milliseconds, every second, because the time axis slides and every point moves.
 * So the chart holds its axes still: the time axis ends some headroom past the newest point
 * and the power axis has a rounded margin. recharts draws a fixed "base" (the buckets at the
 * last re-base); the buckets that closed since are the "tail", drawn on top by a small
 * component. Only when the tail reaches the end of the headroom, leaves the power axis, or
 * the data was replaced (a reload, a zoom, another window) is the base redrawn. A frame is
 * immutable: its `layout` keeps its identity while only the tail grows, which is what lets
 * the chart skip recharts entirely on most updates.
 */

/** What recharts draws; the same object until the next re-base. */
export interface ChartLayout {
  /** The buckets recharts draws, oldest first. */
  readonly base: readonly HistoryBucket[];
  /** Time axis, ms; null when there is nothing to draw. */
  readonly xDomain: readonly [number, number] | null;
  /**
   * The time the drawn x axis counts from (the domain's start), ms. recharts memoises its
   * derived values on the numbers it is given, without bound; absolute times would be new
   * numbers at every re-base and grow those caches for as long as the app runs, whereas
   * times relative to the origin repeat.
   */
  readonly originT: number;
  /** Power axis, W, rounded outward with some margin; null when there is nothing to draw. */
  readonly wDomain: readonly [number, number] | null;
  /** Power axis ticks, W (multiples of one round step). */
  readonly wTicks: readonly number[];
  readonly bucketMs: number;
  readonly zoom: TimeZoom | null;
}

/** A layout plus the buckets that closed since it was made. */
export interface ChartFrame {
  readonly layout: ChartLayout;
  /** Buckets newer than the base's last one, oldest first (empty right after a re-base). */
  readonly tail: readonly HistoryBucket[];
  /** The buckets this frame was made from (to tell whether the next call has news). */
  readonly source: readonly HistoryBucket[];
}

/** Empty room left right of the newest point at a re-base, in buckets. */
export const HEADROOM_BUCKETS = 30;

/** A round step (1, 2 or 5 times a power of ten) of at least `raw`. */
export function roundStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Lowest and highest power value (W series, min and max) over `buckets`; null if none. */
function powerExtent(buckets: readonly HistoryBucket[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of buckets) {
    for (const s of SERIES) {
      if (s.axis !== 'w') continue;
      const r = s.range(b);
      if (r === null) continue;
      if (r[0] < lo) lo = r[0];
      if (r[1] > hi) hi = r[1];
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The power axis for `buckets`: rounded outward to a step that gives about four intervals,
 * plus one step each side, so the next minutes of data usually still fit.
 */
export function powerAxis(buckets: readonly HistoryBucket[]): {
  domain: readonly [number, number] | null;
  ticks: readonly number[];
} {
  const extent = powerExtent(buckets);
  if (extent === null) return { domain: null, ticks: [] };
  const step = roundStep(Math.max(extent[1] - extent[0], 100) / 4);
  const lo = (Math.floor(extent[0] / step) - 1) * step;
  const hi = (Math.ceil(extent[1] / step) + 1) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(v);
  return { domain: [lo, hi], ticks };
}

function layoutFor(
  shown: readonly HistoryBucket[],
  bucketMs: number,
  zoom: TimeZoom | null,
): ChartLayout {
  const first = shown[0];
  const last = shown[shown.length - 1];
  const { domain, ticks } = powerAxis(shown);
  let xDomain: readonly [number, number] | null = null;
  if (zoom) xDomain = [zoom.fromT, zoom.toT];
  else if (first && last) xDomain = [first.t, last.t + HEADROOM_BUCKETS * bucketMs];
  const originT = xDomain ? xDomain[0] : 0;
  return { base: shown, xDomain, originT, wDomain: domain, wTicks: ticks, bucketMs, zoom };
}

/** True when every tail bucket lies inside the layout's axes. */
function fits(layout: ChartLayout, tail: readonly HistoryBucket[]): boolean {
  const x = layout.xDomain;
  const w = layout.wDomain;
  if (x === null || w === null) return false;
  for (const b of tail) {
    if (b.t > x[1]) return false;
    for (const s of SERIES) {
      if (s.axis !== 'w') continue;
      const r = s.range(b);
      if (r !== null && (r[0] < w[0] || r[1] > w[1])) return false;
    }
  }
  return true;
}

/** Index in `shown` of the layout's last base bucket (the same object), or -1. */
function baseEnd(layout: ChartLayout, shown: readonly HistoryBucket[]): number {
  const last = layout.base[layout.base.length - 1];
  if (last === undefined) return -1;
  const stop = Math.max(0, shown.length - 1 - HEADROOM_BUCKETS - 1);
  for (let i = shown.length - 1; i >= stop; i--) if (shown[i] === last) return i;
  return -1;
}

/**
 * The frame for `shown` (the buckets to draw, oldest first), reusing `prev`'s layout when
 * `shown` only grew at the end by buckets that fit its axes. Buckets are immutable and
 * shared between arrays (see trend-window.ts), so "grew" is checked by object identity.
 */
export function nextChartFrame(
  prev: ChartFrame | null,
  shown: readonly HistoryBucket[],
  bucketMs: number,
  zoom: TimeZoom | null,
): ChartFrame {
  if (prev !== null && prev.source === shown) return prev;
  const fresh = (): ChartFrame => ({
    layout: layoutFor(shown, bucketMs, zoom),
    tail: [],
    source: shown,
  });
  if (prev === null || prev.layout.bucketMs !== bucketMs || prev.layout.zoom !== zoom) {
    return fresh();
  }
  const layout = prev.layout;
  const end = baseEnd(layout, shown);
  const oldest = shown[0];
  const baseOldest = layout.base[0];
  if (end < 0 || oldest === undefined || baseOldest === undefined || oldest.t < baseOldest.t) {
    return fresh();
  }
  const tail = shown.slice(end + 1);
  if (tail.length === prev.tail.length && tail[tail.length - 1] === prev.tail[prev.tail.length - 1])
    return { ...prev, source: shown };
  // A short base (the first minute after start) is cheap to redraw and would leave the axis
  // mostly headroom: recharts draws every bucket until the base is as long as the headroom.
  if (layout.base.length < HEADROOM_BUCKETS) return fresh();
  return fits(layout, tail) ? { layout, tail, source: shown } : fresh();
}
