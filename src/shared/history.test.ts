import { describe, expect, it } from 'vitest';
import { addToBucket, bucketSamples, HISTORY_WINDOW_SPEC, type HistorySample } from './history';

const sample = (t: number, gridW: number | null, setpointW = 0): HistorySample => ({
  t,
  gridW,
  inverterW: gridW === null ? null : -gridW,
  soc: 50,
  setpointW,
  pvW: null,
  loadW: null,
});

describe('history buckets', () => {
  it('keeps min and max of every series inside a bucket, so a one-second spike survives', () => {
    let b = addToBucket(null, sample(120_000, 100), 120_000);
    b = addToBucket(b, sample(121_000, 4000), 120_000);
    b = addToBucket(b, sample(122_000, -300), 120_000);
    expect(b.t).toBe(120_000);
    expect(b.gridW).toEqual([-300, 4000]);
    expect(b.inverterW).toEqual([-4000, 300]);
  });

  it('starts a new bucket at the boundary and ignores null and non-finite values', () => {
    const first = addToBucket(null, sample(9_999, 10), 10_000);
    const next = addToBucket(first, sample(10_000, null), 10_000);
    expect(next.t).toBe(10_000);
    expect(next.gridW).toBeNull();
    expect(addToBucket(next, sample(10_500, Number.NaN), 10_000).gridW).toBeNull();
  });

  it('buckets 24 h of 1 Hz samples into at most 721 buckets, only inside the window', () => {
    const now = 2 * 86_400_000;
    const samples = Array.from({ length: 86_400 + 600 }, (_, i) =>
      sample(now - (86_400 + 599 - i) * 1000, i % 97),
    );
    const series = bucketSamples(samples, '24h', now);
    expect(series.bucketMs).toBe(HISTORY_WINDOW_SPEC['24h'].bucketMs);
    expect(series.buckets.length).toBeLessThanOrEqual(721);
    expect(series.buckets[0]?.t).toBeGreaterThanOrEqual(now - 86_400_000 - 120_000);
    for (const b of series.buckets)
      expect(b.gridW).toEqual([expect.any(Number), expect.any(Number)]);
    const ts = series.buckets.map((b) => b.t);
    expect([...ts].sort((a, c) => a - c)).toEqual(ts);
  });
});
