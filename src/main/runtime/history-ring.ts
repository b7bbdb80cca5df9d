import {
  bucketSamples,
  HISTORY_SERIES,
  HISTORY_WINDOW_SPEC,
  type HistorySample,
  type HistorySeries,
  type HistoryWindow,
} from '../../shared/history';
import type { EmsSnapshot } from '../../shared/snapshot';

/** 24 h of one sample per second. */
export const HISTORY_CAPACITY = 86_400;

/**
 * A wall clock stepped back by more than this (ms) empties the ring: the samples must stay
 * ordered for the binary searches, and waiting for the clock to catch up would leave the
 * trends frozen for as long as the jump.
 */
export const MAX_BACKWARD_JUMP_MS = 60_000;

const SERIES = HISTORY_SERIES;
type SeriesKey = (typeof SERIES)[number];

/** The trend sample of a snapshot: its wall-clock time and the charted values. */
export function sampleFromSnapshot(s: EmsSnapshot): HistorySample {
  const { gridW, inverterW, soc, setpointW, pvW, loadW } = s;
  return { t: Date.parse(s.time), gridW, inverterW, soc, setpointW, pvW, loadW };
}

/**
 * The trend buffer in main: the newest `capacity` one-second samples, oldest first, kept in
 * preallocated typed arrays (NaN = null), so 24 h costs a fixed 4.8 MB and no garbage per
 * sample however long the EMS runs.
 */
export class HistoryRing {
  private readonly t: Float64Array;
  private readonly values: Record<SeriesKey, Float64Array>;
  /** Index of the oldest sample. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number = HISTORY_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`history ring: capacity must be a positive integer, got ${capacity}`);
    this.t = new Float64Array(capacity);
    const array = (): Float64Array => new Float64Array(capacity);
    this.values = {
      gridW: array(),
      inverterW: array(),
      soc: array(),
      setpointW: array(),
      pvW: array(),
      loadW: array(),
    };
  }

  /** How many samples are held. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the buffer; fixed at construction. */
  get memoryBytes(): number {
    return this.t.byteLength + SERIES.reduce((sum, k) => sum + this.values[k].byteLength, 0);
  }

  /**
   * Stores `sample` when it opens a new wall-clock second (later samples of the same second
   * are dropped, so the ring holds one per second whatever the poll rate). Returns whether
   * it was stored. A sample with a non-finite time is dropped.
   */
  offer(sample: HistorySample): boolean {
    if (!Number.isFinite(sample.t)) return false;
    if (this.count > 0) {
      const last = this.timeAt(this.count - 1);
      if (last - sample.t > MAX_BACKWARD_JUMP_MS) this.head = this.count = 0;
      else if (Math.floor(sample.t / 1000) <= Math.floor(last / 1000)) return false;
    }
    const slot = (this.head + this.count) % this.capacity;
    this.t[slot] = sample.t;
    for (const k of SERIES) this.values[k][slot] = storable(k, sample[k]);
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
    return true;
  }

  /** The newest sample, or null when empty. */
  latest(): HistorySample | null {
    return this.count === 0 ? null : this.sampleAt(this.count - 1);
  }

  /** Samples with t >= `since` (ms since the epoch), oldest first. */
  samplesSince(since: number): HistorySample[] {
    return this.range(this.search(since), this.count);
  }

  /** Samples in the `seconds` up to and including `t`, oldest first: the context of a fault. */
  before(t: number, seconds: number): HistorySample[] {
    return this.range(this.search(t - seconds * 1000), this.search(t, true));
  }

  /**
   * The window ending at `now` as min/max buckets, the same result as bucketSamples over
   * every sample. The heavy pass runs over the typed arrays: each bucket is reduced to one
   * sample holding every series' minimum and one holding the maxima, and only those (two per
   * bucket, not 86,400) go through bucketSamples.
   */
  series(window: HistoryWindow, now: number): HistorySeries {
    const { spanMs, bucketMs } = HISTORY_WINDOW_SPEC[window];
    const from = this.search(now - spanMs);
    const to = this.search(now, true);
    const reduced: HistorySample[] = [];
    // Locals and an unrolled series loop: this runs over up to 86,400 slots per call.
    const { t: times, capacity } = this;
    const { gridW, inverterW, soc, setpointW, pvW, loadW } = this.values;
    const lo = new Float64Array(SERIES.length);
    const hi = new Float64Array(SERIES.length);
    let slot = (this.head + from) % capacity;
    let i = from;
    while (i < to) {
      const first = times[slot] ?? Number.NaN;
      const bucketEnd = (Math.floor(first / bucketMs) + 1) * bucketMs;
      lo.fill(Number.POSITIVE_INFINITY);
      hi.fill(Number.NEGATIVE_INFINITY);
      while (i < to && (times[slot] ?? Number.NaN) < bucketEnd) {
        widenAt(lo, hi, 0, gridW[slot]);
        widenAt(lo, hi, 1, inverterW[slot]);
        widenAt(lo, hi, 2, soc[slot]);
        widenAt(lo, hi, 3, setpointW[slot]);
        widenAt(lo, hi, 4, pvW[slot]);
        widenAt(lo, hi, 5, loadW[slot]);
        i++;
        slot = slot + 1 === capacity ? 0 : slot + 1;
      }
      reduced.push(extreme(first, lo), extreme(first, hi));
    }
    return bucketSamples(reduced, window, now);
  }

  private range(from: number, to: number): HistorySample[] {
    const out: HistorySample[] = [];
    for (let i = from; i < to; i++) out.push(this.sampleAt(i));
    return out;
  }

  /** Time of the i-th oldest sample. */
  private timeAt(i: number): number {
    return this.t[(this.head + i) % this.capacity] ?? Number.NaN;
  }

  private sampleAt(i: number): HistorySample {
    const slot = (this.head + i) % this.capacity;
    const value = (k: SeriesKey): number | null => {
      const v = this.values[k][slot];
      return v === undefined || Number.isNaN(v) ? null : v;
    };
    return {
      t: this.timeAt(i),
      gridW: value('gridW'),
      inverterW: value('inverterW'),
      soc: value('soc'),
      setpointW: value('setpointW') ?? 0,
      pvW: value('pvW'),
      loadW: value('loadW'),
    };
  }

  /** Index of the first sample with t >= `time`, or t > `time` when `after` (times ascend: binary search). */
  private search(time: number, after = false): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.timeAt(mid);
      if (t < time || (after && t === time)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Widens [lo, hi] of series `k` by `v`; NaN (null) fails both comparisons, so it is skipped. */
function widenAt(lo: Float64Array, hi: Float64Array, k: number, v: number | undefined): void {
  if (v === undefined) return;
  if (v < (lo[k] ?? v)) lo[k] = v;
  if (v > (hi[k] ?? v)) hi[k] = v;
}

/**
 * A sample carrying per-series extremes. A series without a value in the bucket keeps its
 * infinite start value, which addToBucket ignores like a null.
 */
function extreme(t: number, v: Float64Array): HistorySample {
  return {
    t,
    gridW: v[0] ?? null,
    inverterW: v[1] ?? null,
    soc: v[2] ?? null,
    setpointW: v[3] ?? 0,
    pvW: v[4] ?? null,
    loadW: v[5] ?? null,
  };
}

/** The stored form of a value: NaN for null or non-finite; the setpoint is always a number (0 W when unusable). */
function storable(key: SeriesKey, value: number | null): number {
  if (value !== null && Number.isFinite(value)) return value;
  return key === 'setpointW' ? 0 : Number.NaN;
}
