import { useEffect, useMemo, useState, type JSX } from 'react';
import type { SessionHistoryView } from '../../../../shared/trend-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { formatDateTime } from '../../format/format-values';
import { useElementWidth } from '../common/use-element-width';
import { useFitHeight } from '../common/use-fit-height';
import { useApiCall } from '../tools/use-api-call';
import { zoomBuckets, zoomInNewerHalf, type TimeZoom } from './chart-series';
import { TrendChart } from './trend-chart';

const CHART_MIN_HEIGHT = 240;
const CHART_MAX_HEIGHT = 640;

/**
 * A recorded session's trend, read from the session store (sessionHistory) and drawn with
 * the live chart: same series, tooltips and zoom, bucketed to fit the session's length.
 */
export function SessionTrend(props: { sessionId: number }): JSX.Element {
  const history = useApiCall<SessionHistoryView>();
  const run = history.run;
  const [zoom, setZoom] = useState<TimeZoom | null>(null);
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const height = useFitHeight(boxRef, CHART_MIN_HEIGHT, CHART_MAX_HEIGHT);
  useEffect(() => {
    setZoom(null);
    void run(() => getEmsApi().sessionHistory({ sessionId: props.sessionId }));
  }, [run, props.sessionId]);
  const view = history.result?.sessionId === props.sessionId ? history.result : null;
  const buckets = useMemo(() => view?.buckets ?? [], [view]);
  // A finished recording has no "next second" to leave room for: unzoomed, the axis spans
  // exactly the recorded buckets (the live chart's headroom would leave it mostly empty).
  const whole = useMemo((): TimeZoom | null => {
    const first = buckets[0];
    const last = buckets[buckets.length - 1];
    return first && last && last.t > first.t ? { fromT: first.t, toT: last.t } : null;
  }, [buckets]);
  const shown = useMemo(() => zoomBuckets(buckets, zoom), [buckets, zoom]);
  const zoomIn = zoomInNewerHalf(shown);
  return (
    <>
      <div className="trend-bar">
        <button type="button" className="btn" disabled={!zoomIn} onClick={() => setZoom(zoomIn)}>
          Zoom in
        </button>
        <button type="button" className="btn" disabled={!zoom} onClick={() => setZoom(null)}>
          Reset zoom
        </button>
        <span className="hint" data-testid="session-trend-summary">
          {history.error
            ? null
            : view
              ? `Session ${view.sessionId}: ${formatDateTime(view.fromT)} to ${formatDateTime(view.toT)}, ${view.samples} recorded seconds in ${shown.length} points of ${view.bucketMs / 1000} s`
              : 'reading the session\u2026'}
        </span>
      </div>
      {history.error ? (
        <p className="error" role="alert">
          {history.error}
        </p>
      ) : null}
      <div
        ref={boxRef}
        className="chart-box"
        data-testid="session-trend-chart"
        data-points={shown.length}
      >
        {width > 0 && view ? (
          <TrendChart
            buckets={buckets}
            bucketMs={view.bucketMs}
            width={width}
            height={height}
            zoom={zoom ?? whole}
            onZoom={setZoom}
          />
        ) : null}
      </div>
    </>
  );
}
