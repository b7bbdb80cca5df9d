import { formatCanId } from './can-frame';
import type { CanFrame } from './can-transport';
import type { TimeSource } from '../../../shared/clock';

/**
 * Condenses a busy bus (thousands of frames a second) into what a person can watch: per id
 * the count, the rate and the latest bytes, published at most every `intervalMs` (10 times a
 * second by default) and only when something arrived. The CAN monitor screen and the
 * benchmark consume it; the UI never receives one message per frame.
 */

/** What one id did since the monitor started. */
export interface CanIdActivity {
  readonly id: number;
  readonly extended: boolean;
  /** `0x351`-style label. */
  readonly label: string;
  readonly count: number;
  /** Frames per second over the last interval. */
  readonly ratePerS: number;
  readonly lastData: readonly number[];
  readonly lastAt: number;
}

/** One published update. */
export interface CanMonitorUpdate {
  readonly at: number;
  readonly totalFrames: number;
  /** Frames of ids beyond the tracked limit (counted, not itemised). */
  readonly untrackedFrames: number;
  /** Ascending by id. */
  readonly ids: readonly CanIdActivity[];
}

/** Options of {@link createCanMonitorFeed}. */
export interface CanMonitorFeedOptions {
  /** Shortest time between updates, ms; at least 100 (no more than 10 updates a second). Default 100. */
  readonly intervalMs?: number;
  /** The host's time: the flush timer, and wall time for update times and rates (shown as clock times). */
  readonly clock: TimeSource;
}

/** A running feed. */
export interface CanMonitorFeed {
  accept(frame: CanFrame, at: number): void;
  /** Updates published so far. */
  published(): number;
  stop(): void;
}

/** Distinct ids itemised; the whole 11-bit space fits, a flood of 29-bit ids does not. */
const MAX_TRACKED_IDS = 2048;
const MIN_INTERVAL_MS = 100;

interface Entry {
  readonly id: number;
  readonly extended: boolean;
  count: number;
  countAtLastPublish: number;
  lastData: Uint8Array;
  lastAt: number;
}

/** Starts a feed that calls `publish` with condensed updates. */
export function createCanMonitorFeed(
  publish: (update: CanMonitorUpdate) => void,
  options: CanMonitorFeedOptions,
): CanMonitorFeed {
  const intervalMs = Math.max(MIN_INTERVAL_MS, options.intervalMs ?? MIN_INTERVAL_MS);
  const { clock } = options;
  const entries = new Map<string, Entry>();
  let totalFrames = 0;
  let untrackedFrames = 0;
  let dirty = false;
  let published = 0;
  let lastPublishAt = clock.wallNow();

  function flush(): void {
    if (!dirty) return;
    const now = clock.wallNow();
    const elapsedS = Math.max(0.001, (now - lastPublishAt) / 1000);
    const ids = [...entries.values()]
      .sort((a, b) => a.id - b.id || Number(a.extended) - Number(b.extended))
      .map((e): CanIdActivity => {
        const activity = {
          id: e.id,
          extended: e.extended,
          label: formatCanId(e.id),
          count: e.count,
          ratePerS: (e.count - e.countAtLastPublish) / elapsedS,
          lastData: Array.from(e.lastData),
          lastAt: e.lastAt,
        };
        e.countAtLastPublish = e.count;
        return activity;
      });
    dirty = false;
    lastPublishAt = now;
    published++;
    publish({ at: now, totalFrames, untrackedFrames, ids });
  }

  const cancel = clock.interval(flush, intervalMs);
  return {
    accept(frame: CanFrame, at: number): void {
      totalFrames++;
      dirty = true;
      const extended = frame.extended === true;
      const key = `${extended ? 'x' : 's'}${frame.id}`;
      const entry = entries.get(key);
      if (entry !== undefined) {
        entry.count++;
        entry.lastData = frame.data;
        entry.lastAt = at;
      } else if (entries.size < MAX_TRACKED_IDS) {
        const fresh = { id: frame.id, extended, count: 1, countAtLastPublish: 0 };
        entries.set(key, { ...fresh, lastData: frame.data, lastAt: at });
      } else {
        untrackedFrames++;
      }
    },
    published: () => published,
    stop: () => cancel(),
  };
}
