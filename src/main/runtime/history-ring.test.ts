import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bucketSamples, HISTORY_WINDOWS, type HistorySample } from '../../shared/history';
import type { EmsSnapshot } from '../../shared/snapshot';
import {
  HISTORY_CAPACITY,
  HistoryRing,
  MAX_BACKWARD_JUMP_MS,
  sampleFromSnapshot,
} from './history-ring';

const T0 = Date.UTC(2024, 0, 1);

function sample(t: number, gridW: number | null = 100, soc: number | null = 50): HistorySample {
  return {
    t,
    gridW,
    inverterW: gridW === null ? null : -gridW,
    soc,
    setpointW: 7,
    pvW: null,
    loadW: null,
  };
}

/** Fills a ring with one sample per second from T0; values vary so min/max are exercised. */
function filled(ring: HistoryRing, seconds: number): void {
  for (let i = 0; i < seconds; i++) {
    const grid = i % 97 === 0 ? null : Math.sin(i / 50) * 3000;
    ring.offer({
      t: T0 + i * 1000 + 17,
      gridW: grid,
      inverterW: i % 13 === 0 ? null : i % 500,
      soc: 20 + (i % 600) / 10,
      setpointW: -(i % 4000),
      pvW: null,
      loadW: null,
    });
  }
}

describe('offer', () => {
  test('keeps one sample per wall-clock second: the first of each second', () => {
    const ring = new HistoryRing(10);
    expect(ring.offer(sample(T0 + 100, 1))).toBe(true);
    expect(ring.offer(sample(T0 + 600, 2))).toBe(false);
    expect(ring.offer(sample(T0 + 999, 3))).toBe(false);
    expect(ring.offer(sample(T0 + 1000, 4))).toBe(true);
    expect(ring.samplesSince(0).map((s) => s.gridW)).toEqual([1, 4]);
  });

  test('null values come back as null, not as 0 or NaN', () => {
    const ring = new HistoryRing(4);
    ring.offer(sample(T0, null, null));
    expect(ring.latest()).toEqual({
      t: T0,
      gridW: null,
      inverterW: null,
      soc: null,
      setpointW: 7,
      pvW: null,
      loadW: null,
    });
  });

  test('a sample without a finite time is dropped', () => {
    const ring = new HistoryRing(4);
    expect(ring.offer(sample(Number.NaN))).toBe(false);
    expect(ring.size).toBe(0);
  });

  test('a small step back of the clock is skipped; a large one restarts the buffer', () => {
    const ring = new HistoryRing(10);
    ring.offer(sample(T0 + 10_000));
    expect(ring.offer(sample(T0 + 5_000))).toBe(false);
    expect(ring.size).toBe(1);
    expect(ring.offer(sample(T0 + 10_000 - MAX_BACKWARD_JUMP_MS - 1000))).toBe(true);
    expect(ring.size).toBe(1);
  });

  test('when full, the oldest sample goes first', () => {
    const ring = new HistoryRing(3);
    for (let i = 0; i < 5; i++) ring.offer(sample(T0 + i * 1000, i));
    expect(ring.samplesSince(0).map((s) => s.gridW)).toEqual([2, 3, 4]);
  });

  test('rejects a capacity that is not a positive integer', () => {
    expect(() => new HistoryRing(0)).toThrow(/capacity/);
  });
});

describe('queries', () => {
  test('samplesSince includes a sample exactly at the bound', () => {
    const ring = new HistoryRing(10);
    for (let i = 0; i < 5; i++) ring.offer(sample(T0 + i * 1000, i));
    expect(ring.samplesSince(T0 + 2000).map((s) => s.gridW)).toEqual([2, 3, 4]);
    expect(ring.samplesSince(T0 + 99_000)).toEqual([]);
  });

  test('before(t, s) gives the seconds up to and including t', () => {
    const ring = new HistoryRing(100);
    for (let i = 0; i < 60; i++) ring.offer(sample(T0 + i * 1000, i));
    const ctx = ring.before(T0 + 40_000, 30);
    expect(ctx.map((s) => s.gridW)).toEqual(Array.from({ length: 31 }, (_, k) => 10 + k));
  });

  test('series matches bucketSamples over every sample, for every window', () => {
    const ring = new HistoryRing();
    filled(ring, 90_000);
    const now = T0 + 90_000 * 1000;
    const all = ring.samplesSince(0);
    for (const w of HISTORY_WINDOWS)
      expect(ring.series(w, now)).toEqual(bucketSamples(all, w, now));
  });

  // How long this takes is measured by bench/history-series.ts, not asserted here.
  test('a 24 h window of 86,400 samples becomes at most 721 buckets', () => {
    const ring = new HistoryRing();
    filled(ring, HISTORY_CAPACITY);
    const now = T0 + HISTORY_CAPACITY * 1000;
    const s = ring.series('24h', now);
    expect(s.buckets.length).toBeGreaterThanOrEqual(720);
    expect(s.buckets.length).toBeLessThanOrEqual(721);
  });
});

describe('properties', () => {
  const offers = fc.array(
    fc.record({
      dt: fc.integer({ min: -2000, max: 5000 }),
      gridW: fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true })),
      soc: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
    }),
    { maxLength: 400 },
  );

  test('memory is fixed and the size never exceeds the capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), offers, (capacity, steps) => {
        const ring = new HistoryRing(capacity);
        const bytes = ring.memoryBytes;
        let t = T0;
        for (const step of steps) {
          t += step.dt;
          ring.offer({
            t,
            gridW: step.gridW,
            inverterW: null,
            soc: step.soc,
            setpointW: 0,
            pvW: null,
            loadW: null,
          });
          expect(ring.size).toBeLessThanOrEqual(capacity);
          expect(ring.memoryBytes).toBe(bytes);
        }
        const held = ring.samplesSince(Number.NEGATIVE_INFINITY);
        expect(held.length).toBe(ring.size);
        // Strictly ascending seconds: the ring holds at most one sample per second, in order.
        for (let i = 1; i < held.length; i++)
          expect(Math.floor(held[i]!.t / 1000)).toBeGreaterThan(Math.floor(held[i - 1]!.t / 1000));
      }),
    );
  });

  test('series equals bucketSamples of the held samples at any time', () => {
    fc.assert(
      fc.property(offers, fc.integer({ min: -60_000, max: 600_000 }), (steps, ahead) => {
        const ring = new HistoryRing(200);
        let t = T0;
        for (const step of steps) {
          t += Math.abs(step.dt) * 30;
          ring.offer({
            t,
            gridW: step.gridW,
            inverterW: step.soc,
            soc: step.soc,
            setpointW: step.dt,
            pvW: null,
            loadW: null,
          });
        }
        const all = ring.samplesSince(Number.NEGATIVE_INFINITY);
        for (const w of HISTORY_WINDOWS)
          expect(ring.series(w, t + ahead)).toEqual(bucketSamples(all, w, t + ahead));
      }),
    );
  });
});

test('sampleFromSnapshot takes the wall-clock time and the charted values', () => {
  const snap = {
    time: '2024-01-01T00:00:05.000Z',
    gridW: 12,
    inverterW: null,
    soc: 55.5,
    setpointW: -300,
    pvW: null,
    loadW: null,
  } as Partial<EmsSnapshot> as EmsSnapshot;
  expect(sampleFromSnapshot(snap)).toEqual({
    t: T0 + 5000,
    gridW: 12,
    inverterW: null,
    soc: 55.5,
    setpointW: -300,
    pvW: null,
    loadW: null,
  });
});
