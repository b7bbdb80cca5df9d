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
import { nextChartFrame, type ChartFrame } from './chart-frame';
import { SERIES, zoomBetween, zoomBuckets, type TimeZoom } from './chart-series';
import { plainTick } from './plain-tick';
import { NewestBucketsContext, NewestBucketsLayer } from './newest-buckets';
import { tickNeedsSeconds, timeTicks, timeTickStep } from './time-ticks';
import { tooltipText } from './tooltip-format';

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
const KW_TICK = plainTick(kw);

const labelTime = (label: unknown): number | null => (typeof label === 'number' ? label : null);

/** Chart margins; a module constant so recharts sees the same object on every render. */
const MARGIN = { top: 8, right: 8, bottom: 4, left: 8 };
const PCT_DOMAIN: [number, number] = [0, 100];
/** SOC ticks without 0 %: a label in the bottom-right corner would meet the time axis' last one. */
const PCT_TICKS = [25, 50, 75, 100];
const TOOLTIP_VALUE = (value: unknown, name: unknown): string => tooltipText(value, name);

/**
 * Grid, battery, setpoint, PV, house load (W, left axis) and SOC (%, right axis): the middle of every
 * bucket as a line and, for buckets longer than a second, the min-max range as a band so
 * a short spike stays visible on the 24 h view. Drag across the chart to zoom.
 *
 * What keeps a 1 Hz update cheap: recharts draws a base that changes only at a re-base
 * (chart-frame.ts); the chart element is memoised on it, so on most updates React skips
 * recharts entirely and only NewestBucketsLayer draws the buckets closed since. Animations
 * are off (each of their frames would be main-thread work), every prop recharts sees is a
 * stable value, and the axes carry explicit domains and ticks so nothing is re-derived.
 */
function TrendChartImpl(props: TrendChartProps): JSX.Element {
  const { bucketMs, width, height, zoom, onZoom } = props;
  const shown = useMemo(() => zoomBuckets(props.buckets, zoom), [props.buckets, zoom]);
  const [frame, setFrame] = useState<ChartFrame>(() => nextChartFrame(null, shown, bucketMs, zoom));
  // Derived state updated during render (React's pattern for "adjust state when a prop
  // changes"): React re-runs this component at once, before any child renders.
  const current = nextChartFrame(frame, shown, bucketMs, zoom);
  if (current !== frame) setFrame(current);
  const { layout, tail } = current;
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const bands = bucketMs > 1000;

  const chart = useMemo(() => {
    // Times are drawn relative to the layout's origin: the numbers recharts sees then
    // repeat from one re-base to the next (see the ChartLayout.originT comment).
    const x = layout.xDomain;
    const origin = layout.originT;
    // Seconds only where the tick spacing needs them: "10:15" twice in a row reads as a fault.
    const clock = x && !tickNeedsSeconds(timeTickStep(x[0], x[1], width)) ? hhmm : formatClock;
    const xTicks = x ? timeTicks(x[0], x[1], width).map((t) => t - origin) : undefined;
    // The power axis' outer ticks are its rounded margin; their labels would sit in the corners.
    const wTicks = layout.wTicks.length > 2 ? layout.wTicks.slice(1, -1) : layout.wTicks;
    const xKey = (b: HistoryBucket): number => b.t - origin;
    const absolute = (label: unknown): number | null => {
      const t = labelTime(label);
      return t === null ? null : t + origin;
    };
    return (
      <ComposedChart
        width={width}
        height={height}
        data={layout.base}
        margin={MARGIN}
        onMouseDown={(st) => {
          const t = absolute(st.activeLabel);
          if (t !== null) setDrag({ a: t, b: t });
        }}
        onMouseMove={(st) => {
          const t = absolute(st.activeLabel);
          if (drag && t !== null && t !== drag.b) setDrag({ a: drag.a, b: t });
        }}
        onMouseUp={() => {
          const next = drag ? zoomBetween(drag.a, drag.b) : null;
          setDrag(null);
          if (next) onZoom(next);
        }}
        onMouseLeave={() => setDrag(null)}
      >
        <CartesianGrid stroke="#c8c8c8" strokeDasharray="3 3" />
        <XAxis
          dataKey={xKey}
          type="number"
          domain={x ? [0, x[1] - origin] : ['dataMin', 'dataMax']}
          allowDataOverflow
          ticks={xTicks}
          tick={plainTick((t) => clock(t + origin))}
          interval={0}
          stroke="#111"
        />
        <YAxis
          yAxisId="w"
          domain={layout.wDomain ? [layout.wDomain[0], layout.wDomain[1]] : ['auto', 'auto']}
          ticks={wTicks.length > 0 ? [...wTicks] : undefined}
          tick={KW_TICK}
          interval={0}
          stroke="#111"
          width={72}
        />
        <YAxis
          yAxisId="pct"
          orientation="right"
          domain={PCT_DOMAIN}
          ticks={PCT_TICKS}
          unit=" %"
          stroke="#0a7a33"
          width={52}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t: unknown) => {
            const abs = absolute(t);
            return abs === null ? '' : formatClock(abs);
          }}
          formatter={TOOLTIP_VALUE}
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
        <NewestBucketsLayer bands={bands} />
        {drag && drag.a !== drag.b ? (
          <ReferenceArea
            yAxisId="w"
            x1={drag.a - origin}
            x2={drag.b - origin}
            fill="#ff8c00"
            fillOpacity={0.25}
          />
        ) : null}
      </ComposedChart>
    );
  }, [layout, width, height, bands, drag, onZoom]);

  const newest = useMemo(
    () => ({ join: layout.base[layout.base.length - 1] ?? null, tail, originT: layout.originT }),
    [layout, tail],
  );
  return <NewestBucketsContext.Provider value={newest}>{chart}</NewestBucketsContext.Provider>;
}

/** The trend chart, re-rendered only when its props change (a bucket closed, a resize, a zoom). */
export const TrendChart = memo(TrendChartImpl);
