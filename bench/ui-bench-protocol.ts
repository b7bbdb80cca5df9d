import type { HistoryWindow } from '../src/shared/history';

/**
 * What the benchmark page (bench/ui) offers the runner (bench/ui-charts.ts) as
 * `globalThis.__bench`. Type-only on purpose: the runner is a Node program, the page a
 * browser one, and this is the one place both agree on.
 */

/** The chart libraries compared; "none" runs the same data path without a chart (baseline). */
export type ChartLib = 'recharts' | 'uplot' | 'none';

/** What setup() built. */
export interface SetupInfo {
  /** Samples fed through the downsampling to fill the windows. */
  readonly samples: number;
  /** Closed buckets per window after setup (what a chart draws). */
  readonly buckets: Readonly<Record<HistoryWindow, number>>;
  /** Time to bucket the whole day with bucketSamples, ms (all three windows). */
  readonly bucketingMs: number;
}

/** The cost of one step the page made (an update or a window switch). */
export interface StepTiming {
  /** Synchronous work of the update itself (state change, render, commit), ms. */
  readonly syncMs: number;
  /** From the update until the chart's DOM stopped changing and a frame was drawn, ms. */
  readonly settledMs: number;
  /** Whether the chart was redrawn (a 24 h chart only redraws when a bucket closes). */
  readonly redrawn: boolean;
}

/** A long task (> 50 ms on the main thread) the Long Tasks API reported. */
export interface LongTask {
  readonly startMs: number;
  readonly durationMs: number;
}

/** The page's benchmark API. */
export interface BenchPage {
  /** Fills 24 h of 1 Hz history into every window and mounts `lib`'s chart on `window`. */
  setup(lib: ChartLib, window: HistoryWindow): Promise<SetupInfo>;
  /** Adds the next 1 Hz sample to every window and redraws the shown one as the renderer would. */
  tick(): Promise<StepTiming>;
  /** Adds `count` samples, each drawn before the next arrives (an accelerated run). */
  run(count: number): Promise<{ readonly totalMs: number; readonly maxDrawMs: number }>;
  /** Shows another window (its data is already loaded: a warm switch). */
  switchWindow(window: HistoryWindow): Promise<StepTiming>;
  /** Long tasks seen since the last call. */
  takeLongTasks(): LongTask[];
}

/** The global the page sets. */
export interface BenchGlobal {
  __bench: BenchPage;
}
