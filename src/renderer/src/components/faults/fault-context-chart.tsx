import { memo, type JSX } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { HistorySample } from '../../../../shared/history';
import { formatClock } from '../../format/format-values';
import { SERIES } from '../trends/chart-series';

const sampleTime = (s: HistorySample): number => s.t;
const kw = (w: number): string => `${(w / 1000).toFixed(1)} kW`;

/**
 * The seconds before a fault-log entry (from main's ring buffer): grid, battery and
 * setpoint in W, SOC in %. A gap in a line is a stale value.
 */
function FaultContextChartImpl(props: {
  samples: readonly HistorySample[];
  width: number;
}): JSX.Element {
  return (
    <LineChart
      width={props.width}
      height={150}
      data={props.samples}
      margin={{ top: 6, right: 6, bottom: 0, left: 6 }}
    >
      <CartesianGrid stroke="#c8c8c8" strokeDasharray="3 3" />
      <XAxis
        dataKey={sampleTime}
        type="number"
        domain={['dataMin', 'dataMax']}
        tickFormatter={formatClock}
        stroke="#111"
        minTickGap={30}
      />
      <YAxis yAxisId="w" tickFormatter={kw} stroke="#111" width={72} />
      <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} stroke="#0a7a33" width={36} />
      {SERIES.map((s) => (
        <Line
          key={s.key}
          yAxisId={s.axis}
          dataKey={s.key}
          name={s.name}
          stroke={s.color}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}

/** The fault context chart, redrawn only when another entry is chosen. */
export const FaultContextChart = memo(FaultContextChartImpl);
