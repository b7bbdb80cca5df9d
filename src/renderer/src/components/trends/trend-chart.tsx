import { memo, useMemo, useState, type JSX } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistoryBucket } from '../../../../shared/history';
import { formatClock } from '../../format/format-values';
import { bucketTime, SERIES, zoomBetween, zoomBuckets, type TimeZoom } from './chart-series';

/** The zoom span type, re-exported for users of the chart (the UI benchmark mounts it). */
export type { TimeZoom } from './chart-series';

/** Props of the trend chart; all stable between bucket closes so memo keeps it still. */
export interface TrendChartProps {
  /** The window's closed buckets, oldest first. */
  readonly buckets: readonly HistoryBucket[];
  readonly bucketMs: number;
  readonly width: number;
  readonly height: number;
  /** The time span to show; null = all of it. */
  readonly zoom: TimeZoom | null;
  /** Called with the span the operator dragged across. */
  readonly onZoom: (zoom: TimeZoom | null) => void;
}

const hhmm = (t: number): string => formatClock(t).slice(0, 5);
const kw = (w: number): string => `${(w / 1000).toFixed(1)} kW`;

function tooltipValue(value: unknown): string {
  const one = (v: unknown): string => (typeof v === 'number' ? `${Math.round(v)}` : String(v));
  return Array.isArray(value) ? `${one(value[0])} to ${one(value[1])}` : one(value);
}

const labelTime = (label: unknown): number | null => (typeof label === 'number' ? label : null);

/**
 * Grid, battery, setpoint (W, left axis) and SOC (%, right axis): the middle of every
 * bucket as a line and, for buckets longer than a second, the min-max range as a band so
 * a short spike stays visible on the 24 h view. Drag across the chart to zoom. Animations
 * are off: every frame of them would be main-thread work at 1 Hz.
 */
function TrendChartImpl(props: TrendChartProps): JSX.Element {
  const { bucketMs } = props;
  const buckets = useMemo(
    () => zoomBuckets(props.buckets, props.zoom),
    [props.buckets, props.zoom],
  );
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const bands = bucketMs > 1000;
  const tick = bucketMs > 1000 ? hhmm : formatClock;
  return (
    <ComposedChart
      width={props.width}
      height={props.height}
      data={buckets}
      margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
      onMouseDown={(st) => {
        const t = labelTime(st.activeLabel);
        if (t !== null) setDrag({ a: t, b: t });
      }}
      onMouseMove={(st) => {
        const t = labelTime(st.activeLabel);
        if (drag && t !== null && t !== drag.b) setDrag({ a: drag.a, b: t });
      }}
      onMouseUp={() => {
        const zoom = drag ? zoomBetween(drag.a, drag.b) : null;
        setDrag(null);
        if (zoom) props.onZoom(zoom);
      }}
      onMouseLeave={() => setDrag(null)}
    >
      <CartesianGrid stroke="#c8c8c8" strokeDasharray="3 3" />
      <XAxis
        dataKey={bucketTime}
        type="number"
        domain={['dataMin', 'dataMax']}
        tickFormatter={tick}
        stroke="#111"
        minTickGap={40}
      />
      <YAxis yAxisId="w" tickFormatter={kw} stroke="#111" width={72} />
      <YAxis
        yAxisId="pct"
        orientation="right"
        domain={[0, 100]}
        unit=" %"
        stroke="#0a7a33"
        width={52}
      />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(t: unknown) => (typeof t === 'number' ? formatClock(t) : '')}
        formatter={(value) => tooltipValue(value)}
      />
      {bands
        ? SERIES.filter((s) => s.band).map((s) => (
            <Area
              key={`${s.key}-band`}
              yAxisId={s.axis}
              dataKey={s.range}
              name={`${s.name} min-max`}
              stroke="none"
              fill={s.color}
              fillOpacity={0.18}
              isAnimationActive={false}
              legendType="none"
              activeDot={false}
            />
          ))
        : null}
      {SERIES.map((s) => (
        <Line
          key={s.key}
          yAxisId={s.axis}
          dataKey={s.mid}
          name={s.name}
          stroke={s.color}
          strokeWidth={s.key === 'setpointW' ? 1.5 : 2}
          strokeDasharray={s.key === 'setpointW' ? '6 3' : undefined}
          dot={false}
          isAnimationActive={false}
        />
      ))}
      {drag && drag.a !== drag.b ? (
        <ReferenceArea yAxisId="w" x1={drag.a} x2={drag.b} fill="#ff8c00" fillOpacity={0.25} />
      ) : null}
    </ComposedChart>
  );
}

/** The trend chart, re-rendered only when its props change (a bucket closed, a resize, a zoom). */
export const TrendChart = memo(TrendChartImpl);
