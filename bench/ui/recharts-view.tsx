import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { TrendChart } from '../../src/renderer/src/components/trends/trend-chart';
import type { ChartView } from './chart-view';

/**
 * The renderer's own trend chart (recharts), mounted on its own root. flushSync makes the
 * render and commit happen inside draw(), so its synchronous cost can be timed; the passes
 * recharts schedules after that are caught by settled(). Keyed by the bucket length because
 * the trends screen mounts a new chart per window too (TrendView key={window}).
 */
export function createRechartsView(host: HTMLElement, width: number, height: number): ChartView {
  const root = createRoot(host);
  const onZoom = (): void => undefined;
  return {
    draw(buckets, bucketMs) {
      flushSync(() =>
        root.render(
          <TrendChart
            key={bucketMs}
            buckets={buckets}
            bucketMs={bucketMs}
            width={width}
            height={height}
            zoom={null}
            onZoom={onZoom}
          />,
        ),
      );
    },
    destroy: () => root.unmount(),
  };
}
