import type { Browser, CDPSession, Page } from '@playwright/test';
import { quantile } from './bench-stats';
import { heapComposition, type HeapComposition } from './heap-composition';
import type { BenchGlobal, ChartLib, LongTask, SetupInfo, StepTiming } from './ui-bench-protocol';

/**
 * Measures one chart library on the benchmark page: the live 5 min window at 1 Hz (per
 * update, main-thread share, long tasks), warm switches to the 24 h window, and the JS heap
 * over an accelerated hour. Main-thread time comes from Chrome's own counters (CDP
 * Performance.getMetrics TaskDuration), so layout and paint count, not only script.
 */

/** How long each phase runs. */
export interface MeasurePlan {
  /** Live updates at 1 Hz, real time. */
  readonly liveSeconds: number;
  /** 5m -> 24h -> 5m round trips. */
  readonly switches: number;
  /** Samples of the accelerated run (3600 = one hour). */
  readonly heapSamples: number;
}

/** Median, 95th percentile and maximum of a list, ms. */
export interface Spread {
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** Everything measured for one library. */
export interface LibResult {
  readonly lib: ChartLib;
  readonly setup: SetupInfo;
  readonly live: {
    readonly updates: number;
    readonly syncMs: Spread;
    readonly settledMs: Spread;
    /** Main-thread task time per update (CDP), ms. */
    readonly taskMs: Spread;
    /** Main-thread busy share over the live run, %. */
    readonly mainThreadPct: number;
    readonly longTasks: number;
    readonly longestTaskMs: number;
  };
  readonly switchTo24h: {
    /** The first switch after mount, until the settled frame, ms. */
    readonly firstMs: number;
    /** Later switches, until the settled frame, ms. */
    readonly warm: Spread;
    /** Later switches, main-thread task time (CDP), ms. */
    readonly warmTaskMs: Spread;
    readonly longTasks: number;
  };
  readonly heap: {
    readonly samples: number;
    readonly runS: number;
    /** Used JS heap after a forced GC, MB. */
    readonly startMb: number;
    readonly endMb: number;
    /** Largest used heap seen (no GC forced) during the run, MB. */
    readonly maxMb: number;
    /** Used heap after a GC at each checkpoint, MB. */
    readonly afterGcMb: readonly number[];
    /** Code vs other nodes at the first checkpoint (after warm-up) and at the end. */
    readonly afterWarmup: HeapComposition;
    readonly end: HeapComposition;
    readonly longTasks: number;
    readonly maxDrawMs: number;
  };
}

const spread = (xs: readonly number[]): Spread => ({
  median: quantile(xs, 0.5),
  p95: quantile(xs, 0.95),
  max: xs.length > 0 ? Math.max(...xs) : NaN,
});
const MB = 1024 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

async function usedHeapMb(cdp: CDPSession, gc: boolean): Promise<number> {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize / MB;
}

const tick = (page: Page): Promise<StepTiming> =>
  page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench.tick());
const longTasks = (page: Page): Promise<LongTask[]> =>
  page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench.takeLongTasks());
const switchTo = (page: Page, w: '5m' | '24h'): Promise<StepTiming> =>
  page.evaluate((win) => (globalThis as unknown as BenchGlobal).__bench.switchWindow(win), w);

/** Runs the whole plan for `lib` in a fresh page. */
export async function measureLib(
  browser: Browser,
  url: string,
  lib: ChartLib,
  plan: MeasurePlan,
): Promise<LibResult> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    await page.goto(url);
    await page.waitForSelector('body[data-bench-ready="true"]');
    const setup = await page.evaluate(
      (l) => (globalThis as unknown as BenchGlobal).__bench.setup(l, '5m'),
      lib,
    );
    for (let i = 0; i < 5; i++) await tick(page); // warm the code paths
    await longTasks(page);

    // Live 5 min window at 1 Hz in real time.
    const steps: StepTiming[] = [];
    const taskMs: number[] = [];
    const busy0 = await taskSeconds(cdp);
    const wall0 = Date.now();
    for (let i = 0; i < plan.liveSeconds; i++) {
      const due = wall0 + (i + 1) * 1000;
      const before = await taskSeconds(cdp);
      steps.push(await tick(page));
      taskMs.push(((await taskSeconds(cdp)) - before) * 1000);
      await sleep(due - Date.now());
    }
    const mainThreadPct = (((await taskSeconds(cdp)) - busy0) * 1000 * 100) / (Date.now() - wall0);
    const liveLong = await longTasks(page);

    // Warm switches to the 24 h window (its data is loaded; the first one draws it first).
    const to24h: number[] = [];
    const to24hTaskMs: number[] = [];
    for (let i = 0; i < plan.switches + 1; i++) {
      const before = await taskSeconds(cdp);
      to24h.push((await switchTo(page, '24h')).settledMs);
      to24hTaskMs.push(((await taskSeconds(cdp)) - before) * 1000);
      await switchTo(page, '5m');
    }
    const switchLong = await longTasks(page);

    // An accelerated hour on the live window: heap after GC at checkpoints.
    const startMb = await usedHeapMb(cdp, true);
    const afterGcMb: number[] = [];
    let maxMb = startMb;
    let maxDrawMs = 0;
    let afterWarmup: HeapComposition | null = null;
    const chunk = Math.max(1, Math.floor(plan.heapSamples / 12));
    const runStart = Date.now();
    for (let done = 0; done < plan.heapSamples; done += chunk) {
      const n = Math.min(chunk, plan.heapSamples - done);
      const r = await page.evaluate(
        (count) => (globalThis as unknown as BenchGlobal).__bench.run(count),
        n,
      );
      maxDrawMs = Math.max(maxDrawMs, r.maxDrawMs);
      maxMb = Math.max(maxMb, await usedHeapMb(cdp, false));
      afterGcMb.push(await usedHeapMb(cdp, true));
      // Snapshots are slow (a second or so); one after warm-up and one at the end suffice.
      afterWarmup ??= await heapComposition(cdp);
    }
    const end = await heapComposition(cdp);
    const runS = (Date.now() - runStart) / 1000;
    const heapLong = await longTasks(page);
    if (problems.length > 0)
      throw new Error(`${lib}: the page reported errors:\n${problems.join('\n')}`);
    return {
      lib,
      setup,
      live: {
        updates: steps.length,
        syncMs: spread(steps.map((s) => s.syncMs)),
        settledMs: spread(steps.map((s) => s.settledMs)),
        taskMs: spread(taskMs),
        mainThreadPct,
        longTasks: liveLong.length,
        longestTaskMs: Math.max(0, ...liveLong.map((t) => t.durationMs)),
      },
      switchTo24h: {
        firstMs: to24h[0] ?? NaN,
        warm: spread(to24h.slice(1)),
        warmTaskMs: spread(to24hTaskMs.slice(1)),
        longTasks: switchLong.length,
      },
      heap: {
        samples: plan.heapSamples,
        runS,
        startMb,
        endMb: afterGcMb[afterGcMb.length - 1] ?? NaN,
        maxMb,
        afterGcMb,
        afterWarmup: afterWarmup ?? end,
        end,
        longTasks: heapLong.length,
        maxDrawMs,
      },
    };
  } finally {
    await page.close();
  }
}
