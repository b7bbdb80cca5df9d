import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryBucket } from '../../src/shared/history';
import { SERIES } from '../../src/renderer/src/components/trends/chart-series';
import type { ChartView } from './chart-view';

/**
 * The renderer's trend drawn with uPlot (canvas), for comparison only. Same data, same
 * series (the renderer's SERIES specs), same shapes: the middle of each bucket as a line
 * and, for buckets longer than a second, the min-max range as a filled band.
 */

function columns(buckets: readonly HistoryBucket[], bands: boolean): uPlot.AlignedData {
  const xs = buckets.map((b) => b.t / 1000);
  const out: (number | null)[][] = [];
  for (const s of SERIES) {
    out.push(buckets.map((b) => s.mid(b)));
    if (bands) {
      out.push(buckets.map((b) => s.range(b)?.[0] ?? null));
      out.push(buckets.map((b) => s.range(b)?.[1] ?? null));
    }
  }
  return [xs, ...out];
}

function options(width: number, height: number, bands: boolean): uPlot.Options {
  const series: uPlot.Series[] = [{}];
  const fills: uPlot.Band[] = [];
  for (const s of SERIES) {
    const scale = s.axis === 'pct' ? '%' : 'W';
    const dash = s.key === 'setpointW' ? [6, 3] : undefined;
    series.push({ label: s.name, stroke: s.color, scale, width: 2, ...(dash ? { dash } : {}) });
    if (bands) {
      const lower = series.length;
      series.push({ label: `${s.name} min`, stroke: 'transparent', scale, width: 0 });
      series.push({ label: `${s.name} max`, stroke: 'transparent', scale, width: 0 });
      fills.push({ series: [lower + 1, lower], fill: `${s.color}2e` });
    }
  }
  return {
    width,
    height,
    series,
    bands: fills,
    scales: { x: { time: true }, W: {}, '%': { range: [0, 100] } },
    axes: [{}, { scale: 'W' }, { scale: '%', side: 1 }],
    cursor: { drag: { x: true, y: false } },
  };
}

/** Mounts a uPlot trend in `host`; rebuilt when the window's shape (bands or not) changes. */
export function createUplotView(host: HTMLElement, width: number, height: number): ChartView {
  let plot: uPlot | null = null;
  let withBands = false;
  return {
    draw(buckets, bucketMs) {
      const bands = bucketMs > 1000;
      if (plot === null || bands !== withBands) {
        plot?.destroy();
        withBands = bands;
        plot = new uPlot(options(width, height, bands), columns(buckets, bands), host);
      } else {
        // batch() draws now instead of in a microtask, so draw() times the whole redraw.
        const p = plot;
        p.batch(() => p.setData(columns(buckets, bands)));
      }
    },
    destroy: () => plot?.destroy(),
  };
}
