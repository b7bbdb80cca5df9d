import { createContext, memo, useContext, type JSX } from 'react';
import { useXAxisScale, useYAxisScale, type ScaleFunction } from 'recharts';
import type { HistoryBucket } from '../../../../shared/history';
import { SERIES, type SeriesSpec } from './chart-series';

/**
 * The buckets that closed since recharts last drew its base (see chart-frame.ts), drawn on
 * top of it with recharts' own scales. This is the only part of the chart that re-renders
 * on a 1 Hz update: a few short SVG paths instead of the whole chart.
 */

/** The newest buckets and the base bucket they continue from. */
export interface NewestBuckets {
  /** The base's last bucket, so the lines join up; null when the base is empty. */
  readonly join: HistoryBucket | null;
  readonly tail: readonly HistoryBucket[];
  /** The time the chart's x axis counts from, ms (see ChartLayout.originT). */
  readonly originT: number;
}

const NONE: NewestBuckets = { join: null, tail: [], originT: 0 };

/** Carries the tail past the memoised chart element to NewestBucketsLayer. */
export const NewestBucketsContext = createContext<NewestBuckets>(NONE);

type Point = readonly [number, number];

/** Pixel runs of a series' values, split where a bucket has no value or falls off a scale. */
function runs(
  buckets: readonly HistoryBucket[],
  x: (t: number) => number | undefined,
  y: ScaleFunction,
  value: (b: HistoryBucket) => number | null,
): Point[][] {
  const out: Point[][] = [];
  let run: Point[] = [];
  for (const b of buckets) {
    const v = value(b);
    const px = x(b.t);
    const py = v === null ? undefined : y(v);
    if (px === undefined || py === undefined) {
      if (run.length > 0) out.push(run);
      run = [];
    } else run.push([px, py]);
  }
  if (run.length > 0) out.push(run);
  return out;
}

const path = (points: readonly Point[]): string =>
  points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join('');

function bandPath(
  buckets: readonly HistoryBucket[],
  x: (t: number) => number | undefined,
  y: ScaleFunction,
  s: SeriesSpec,
): string {
  const lows = runs(buckets, x, y, (b) => s.range(b)?.[0] ?? null);
  const highs = runs(buckets, x, y, (b) => s.range(b)?.[1] ?? null);
  // Low and high values exist for the same buckets, so their runs pair up.
  return highs
    .map((high, i) => `${path(high)}${path([...(lows[i] ?? [])].reverse()).replace('M', 'L')}Z`)
    .join('');
}

function NewestBucketsLayerImpl(props: { bands: boolean }): JSX.Element | null {
  const { join, tail, originT } = useContext(NewestBucketsContext);
  const xScale = useXAxisScale();
  const w = useYAxisScale('w');
  const pct = useYAxisScale('pct');
  if (tail.length === 0 || !xScale || !w || !pct) return null;
  const x = (t: number): number | undefined => xScale(t - originT);
  const buckets = join ? [join, ...tail] : tail;
  return (
    <g className="trend-newest" pointerEvents="none">
      {props.bands
        ? SERIES.filter((s) => s.band).map((s) => (
            <path
              key={`${s.key}-band`}
              d={bandPath(buckets, x, s.axis === 'w' ? w : pct, s)}
              fill={s.color}
              fillOpacity={0.18}
              stroke="none"
            />
          ))
        : null}
      {SERIES.map((s) => (
        <path
          key={s.key}
          d={runs(buckets, x, s.axis === 'w' ? w : pct, s.mid)
            .map(path)
            .join('')}
          fill="none"
          stroke={s.color}
          strokeWidth={s.key === 'setpointW' ? 1.5 : 2}
          strokeDasharray={s.key === 'setpointW' ? '6 3' : undefined}
        />
      ))}
    </g>
  );
}

/** Draws the tail from NewestBucketsContext; place it inside the chart, after the series. */
export const NewestBucketsLayer = memo(NewestBucketsLayerImpl);
