import { useMemo, useState, type JSX } from 'react';
import {
  HISTORY_WINDOWS,
  HISTORY_WINDOW_SPEC,
  type HistoryWindow,
} from '../../../../shared/history';
import { downloadText } from '../../export/download';
import { exportFileName, trendCsv } from '../../export/csv';
import { formatClock } from '../../format/format-values';
import { selectTrendView } from '../../store/selectors';
import { useEms, useEmsStoreApi } from '../../store/store-context';
import { allBuckets } from '../../store/trend-window';
import { useElementWidth } from '../common/use-element-width';
import { useFitHeight } from '../common/use-fit-height';
import { zoomBuckets, zoomInNewerHalf, type TimeZoom } from './chart-series';
import { EnergyStrip } from './energy-strip';
import { SessionPicker } from './session-picker';
import { SessionTrend } from './session-trend';
import { TrendChart } from './trend-chart';
import { TrendLegend } from './trend-legend';

const WINDOW_LABELS: Readonly<Record<HistoryWindow, string>> = {
  '5m': '5 min',
  '1h': '1 h',
  '24h': '24 h',
};
/** The chart's height range, px: it fills the window down to its bottom edge in between. */
const CHART_MIN_HEIGHT = 240;
const CHART_MAX_HEIGHT = 640;

function TrendView(props: { window: HistoryWindow }): JSX.Element {
  const buckets = useEms(selectTrendView);
  const loaded = useEms((s) => s.trends[props.window] !== undefined);
  const paused = useEms((s) => s.ui.paused);
  const [zoom, setZoom] = useState<TimeZoom | null>(null);
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const height = useFitHeight(boxRef, CHART_MIN_HEIGHT, CHART_MAX_HEIGHT);
  const bucketMs = HISTORY_WINDOW_SPEC[props.window].bucketMs;
  const shown = useMemo(() => zoomBuckets(buckets, zoom), [buckets, zoom]);
  const last = buckets[buckets.length - 1];
  const zoomIn = zoomInNewerHalf(shown);
  return (
    <>
      <div className="trend-bar">
        <button
          type="button"
          className="btn"
          data-testid="btn-trends-zoom-in"
          disabled={!zoomIn}
          onClick={() => setZoom(zoomIn)}
        >
          Zoom in
        </button>
        <button
          type="button"
          className="btn"
          data-testid="btn-trends-reset-zoom"
          disabled={!zoom}
          onClick={() => setZoom(null)}
        >
          Reset zoom
        </button>
        <span className="hint">
          {loaded ? `${shown.length} points of ${bucketMs / 1000} s` : 'loading\u2026'}
          {paused && last ? `, paused at ${formatClock(last.t)}` : ''}
          {zoom
            ? `, zoomed to ${formatClock(zoom.fromT)}\u2013${formatClock(zoom.toT)}`
            : ', drag across the chart to zoom'}
        </span>
        <span className="spacer" />
        <TrendLegend />
      </div>
      <div
        ref={boxRef}
        className="chart-box"
        data-testid="trend-chart"
        data-points={shown.length}
        data-first-t={shown[0]?.t}
      >
        {width > 0 ? (
          <TrendChart
            buckets={buckets}
            bucketMs={bucketMs}
            width={width}
            height={height}
            zoom={zoom}
            onZoom={setZoom}
          />
        ) : null}
      </div>
    </>
  );
}

/**
 * Trends of grid, battery, setpoint, PV, house load and SOC over 5 min, 1 h and 24 h (kept
 * across restarts), today's energy, and any recorded session opened from the session store.
 */
export function TrendsScreen(): JSX.Element {
  const [sessionId, setSessionId] = useState<number | null>(null);
  const window = useEms((s) => s.ui.trendWindow);
  const paused = useEms((s) => s.ui.paused);
  const setTrendWindow = useEms((s) => s.setTrendWindow);
  const setPaused = useEms((s) => s.setPaused);
  const store = useEmsStoreApi();
  const exportCsv = (): void => {
    const trend = store.getState().trends[window];
    if (!trend) return;
    downloadText(
      exportFileName(`trend-${window}`, new Date()),
      trendCsv(allBuckets(trend), trend.bucketMs),
    );
  };
  if (sessionId !== null) {
    return (
      <main className="screen" aria-label="Trends">
        <EnergyStrip />
        <div className="trend-bar">
          <SessionPicker sessionId={sessionId} onPick={setSessionId} />
          <span className="spacer" />
          <TrendLegend />
        </div>
        <SessionTrend sessionId={sessionId} />
      </main>
    );
  }
  return (
    <main className="screen" aria-label="Trends">
      <EnergyStrip />
      <div className="trend-bar">
        <SessionPicker sessionId={null} onPick={setSessionId} />
        <div role="group" aria-label="Time window" className="btn-group">
          {HISTORY_WINDOWS.map((w) => (
            <button
              key={w}
              type="button"
              className="btn"
              data-testid={`trends-window-${w}`}
              aria-pressed={w === window}
              onClick={() => setTrendWindow(w)}
            >
              {WINDOW_LABELS[w]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn"
          data-testid="btn-trends-pause"
          aria-pressed={paused}
          onClick={() => setPaused(!paused)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="btn-export-trend-csv"
          onClick={exportCsv}
        >
          Export trend CSV
        </button>
      </div>
      <TrendView key={window} window={window} />
    </main>
  );
}
