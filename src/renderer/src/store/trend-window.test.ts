import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketSamples, type HistorySample, type HistoryWindow } from '../../../shared/history';
import { addTrendSample, allBuckets, emptyTrend, trendFromSeries } from './trend-window';

const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
const sample = (t: number, gridW: number | null = 100): HistorySample => ({
  t,
  gridW,
  inverterW: -gridW!,
  soc: 50,
  setpointW: 0,
  pvW: null,
  loadW: null,
});

describe('addTrendSample on long windows', () => {
  it('changes only the open bucket while samples fall inside it (chart data keeps its identity)', () => {
    let s = addTrendSample(emptyTrend('1h'), sample(T0));
    const closed = s.closed;
    for (let i = 1; i < 10; i++) s = addTrendSample(s, sample(T0 + i * 1000, 100 + i));
    expect(s.closed).toBe(closed);
    expect(s.open).toEqual({
      t: T0,
      gridW: [100, 109],
      inverterW: [-109, -100],
      soc: [50, 50],
      setpointW: [0, 0],
      pvW: null,
      loadW: null,
    });
  });

  it('closes the open bucket when a sample of the next one arrives', () => {
    let s = emptyTrend('1h');
    for (let i = 0; i < 10; i++) s = addTrendSample(s, sample(T0 + i * 1000));
    const before = s.closed;
    s = addTrendSample(s, sample(T0 + 10_000, 7));
    expect(s.closed).not.toBe(before);
    expect(s.closed.map((b) => b.t)).toEqual([T0]);
    expect(s.open).toMatchObject({ t: T0 + 10_000, gridW: [7, 7] });
  });

  it('drops buckets older than the window span', () => {
    let s = emptyTrend('24h');
    s = addTrendSample(s, sample(T0));
    s = addTrendSample(s, sample(T0 + 120_000));
    s = addTrendSample(s, sample(T0 + 86_400_000 + 120_000));
    expect(s.closed.map((b) => b.t)).toEqual([T0 + 120_000]);
  });

  it('ignores a late sample for a closed bucket and a sample without a time', () => {
    let s = emptyTrend('1h');
    s = addTrendSample(s, sample(T0));
    s = addTrendSample(s, sample(T0 + 10_000));
    const again = addTrendSample(s, sample(T0 + 5_000, 9999));
    expect(again).toBe(s);
    expect(addTrendSample(s, sample(Number.NaN))).toBe(s);
  });

  it('keeps unknown values as gaps (null ranges)', () => {
    const s = addTrendSample(emptyTrend('1h'), {
      t: T0,
      gridW: null,
      inverterW: null,
      soc: null,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    expect(s.open).toEqual({
      t: T0,
      gridW: null,
      inverterW: null,
      soc: null,
      setpointW: [0, 0],
      pvW: null,
      loadW: null,
    });
  });
});

describe('the 5 min window', () => {
  it('appends a bucket every second', () => {
    let s = emptyTrend('5m');
    const seen = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      s = addTrendSample(s, sample(T0 + i * 1000));
      seen.add(s.closed);
    }
    expect(s.closed).toHaveLength(4);
    expect(seen.size).toBe(5);
  });
});

describe('trendFromSeries', () => {
  it('treats the last bucket as open and the rest as closed', () => {
    const series = bucketSamples(
      [sample(T0), sample(T0 + 10_000), sample(T0 + 20_000)],
      '1h',
      T0 + 20_000,
    );
    const s = trendFromSeries(series);
    expect(s.closed.map((b) => b.t)).toEqual([T0, T0 + 10_000]);
    expect(s.open?.t).toBe(T0 + 20_000);
    expect(allBuckets(s)).toEqual(series.buckets);
    expect(trendFromSeries({ window: '24h', bucketMs: 120_000, buckets: [] }).open).toBeNull();
  });
});

describe('incremental buckets match main bucketing (property)', () => {
  const windows: HistoryWindow[] = ['5m', '1h', '24h'];
  it('load + pushes gives the same buckets as bucketing everything at once, replays included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...windows),
        fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 120 }),
        fc.nat({ max: 119 }),
        fc.nat({ max: 5 }),
        (window, gaps, splitAt, replay) => {
          const samples: HistorySample[] = [];
          let t = T0;
          for (const [i, g] of gaps.entries()) {
            t += g;
            samples.push(sample(t, (i * 37) % 500));
          }
          const cut = Math.min(splitAt, samples.length - 1);
          const loadedAt = samples[cut]!.t;
          let s = trendFromSeries(bucketSamples(samples.slice(0, cut + 1), window, loadedAt));
          // Samples pushed while the load was on its way are replayed: harmless.
          for (const x of samples.slice(Math.max(0, cut + 1 - replay))) s = addTrendSample(s, x);
          const now = samples[samples.length - 1]!.t;
          const expected = bucketSamples(samples, window, now).buckets;
          const got = allBuckets(s);
          // Main trims by sample time (its oldest bucket may be cut short); the renderer trims
          // whole buckets. Everything after the oldest shared bucket must be identical.
          const n = Math.max(0, Math.min(got.length, expected.length) - 1);
          expect(got.slice(got.length - n)).toEqual(expected.slice(expected.length - n));
          expect(got[got.length - 1]).toEqual(expected[expected.length - 1]);
        },
      ),
    );
  });
});
