import {
  bucketSamples,
  HISTORY_WINDOWS,
  type HistoryBucket,
  type HistoryWindow,
} from '../../src/shared/history';
import {
  addTrendSample,
  trendFromSeries,
  type TrendWindowState,
} from '../../src/renderer/src/store/trend-window';
import type { BenchGlobal, BenchPage, ChartLib, LongTask, StepTiming } from '../ui-bench-protocol';
import type { ChartView } from './chart-view';
import { createRechartsView } from './recharts-view';
import { nextFrame, settled } from './settle';
import { DAY_SAMPLES, SyntheticSite } from './synthetic-site';
import { createUplotView } from './uplot-view';

/**
 * The benchmark page: a day of 1 Hz history bucketed by the project's own code (main's
 * bucketSamples for the initial load, the renderer's addTrendSample per pushed sample, as
 * the store does), drawn by one chart library at a time. The runner drives it through
 * `globalThis.__bench` and reads the main thread's cost over CDP.
 */

/** About what the trends screen gives its chart at 1280x800 (its height is fixed at 540). */
const CHART_WIDTH = 1240;
const CHART_HEIGHT = 540;
/** 2026-11-29 00:00 UTC: a fixed day, so the data and every bucket edge repeat run to run. */
const DAY_START_MS = Date.UTC(2026, 10, 29);

const host = document.getElementById('chart') as HTMLElement;
const longTasks: LongTask[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    longTasks.push({ startMs: e.startTime, durationMs: e.duration });
}).observe({ type: 'longtask', buffered: true });

let site = new SyntheticSite(DAY_START_MS);
let trends = {} as Record<HistoryWindow, TrendWindowState>;
let shown: HistoryWindow = '5m';
let view: ChartView | null = null;
let drawn: readonly HistoryBucket[] | null = null;

function mount(lib: ChartLib): ChartView | null {
  if (lib === 'uplot') return createUplotView(host, CHART_WIDTH, CHART_HEIGHT);
  if (lib === 'recharts') return createRechartsView(host, CHART_WIDTH, CHART_HEIGHT);
  return null;
}

/** Draws the shown window if its closed buckets changed (what the renderer redraws on). */
async function redraw(): Promise<StepTiming> {
  const closed = trends[shown].closed;
  const start = performance.now();
  if (closed === drawn || view === null) {
    return { syncMs: 0, settledMs: (await settled(host)) - start, redrawn: false };
  }
  view.draw(closed, trends[shown].bucketMs);
  drawn = closed;
  const syncMs = performance.now() - start;
  return { syncMs, settledMs: (await settled(host)) - start, redrawn: true };
}

function addSample(): void {
  const sample = site.next();
  for (const w of HISTORY_WINDOWS) trends[w] = addTrendSample(trends[w], sample);
}

const bench: BenchPage = {
  async setup(lib, window) {
    view?.destroy();
    host.replaceChildren();
    site = new SyntheticSite(DAY_START_MS);
    const samples = site.take(DAY_SAMPLES);
    const now = samples[samples.length - 1]?.t ?? DAY_START_MS;
    const t0 = performance.now();
    const next = {} as Record<HistoryWindow, TrendWindowState>;
    for (const w of HISTORY_WINDOWS) next[w] = trendFromSeries(bucketSamples(samples, w, now));
    const bucketingMs = performance.now() - t0;
    trends = next;
    shown = window;
    drawn = null;
    view = mount(lib);
    await redraw();
    const buckets = {} as Record<HistoryWindow, number>;
    for (const w of HISTORY_WINDOWS) buckets[w] = trends[w].closed.length;
    return { samples: samples.length, buckets, bucketingMs };
  },
  async tick() {
    addSample();
    return redraw();
  },
  async run(count) {
    const start = performance.now();
    let maxDrawMs = 0;
    for (let i = 0; i < count; i++) {
      addSample();
      const closed = trends[shown].closed;
      if (view !== null && closed !== drawn) {
        const t0 = performance.now();
        view.draw(closed, trends[shown].bucketMs);
        drawn = closed;
        maxDrawMs = Math.max(maxDrawMs, performance.now() - t0);
      }
      // Yield like a 1 Hz push would (timers, GC, the library's deferred passes); a frame
      // every tenth sample keeps painting in the loop without making the run an hour long.
      await (i % 10 === 9 ? nextFrame() : new Promise((resolve) => setTimeout(resolve, 0)));
    }
    return { totalMs: performance.now() - start, maxDrawMs };
  },
  async switchWindow(window) {
    shown = window;
    return redraw();
  },
  takeLongTasks() {
    return longTasks.splice(0, longTasks.length);
  },
};

(globalThis as unknown as BenchGlobal).__bench = bench;
document.body.dataset['benchReady'] = 'true';
