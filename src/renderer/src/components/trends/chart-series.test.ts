import { describe, expect, it } from 'vitest';
import type { HistoryBucket } from '../../../../shared/history';
import { SERIES, zoomBetween, zoomBuckets, zoomInNewerHalf } from './chart-series';

const b = (t: number, grid: [number, number] | null = [0, 10]): HistoryBucket => ({
  t,
  gridW: grid,
  inverterW: null,
  soc: [50, 51],
  setpointW: [-100, -100],
  pvW: null,
  loadW: null,
});
const buckets = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((t) => b(t));

describe('series accessors', () => {
  it('draw the middle of the range as the line and the range as the band', () => {
    const grid = SERIES.find((s) => s.key === 'gridW');
    expect(grid?.mid(b(0, [-200, 600]))).toBe(200);
    expect(grid?.range(b(0, [-200, 600]))).toEqual([-200, 600]);
    expect(grid?.mid(b(0, null))).toBeNull();
    expect(SERIES.find((s) => s.key === 'soc')?.axis).toBe('pct');
  });
});

describe('zoom helpers', () => {
  it('zoomBuckets keeps the buckets inside the span, and the same array when not zoomed', () => {
    expect(zoomBuckets(buckets, null)).toBe(buckets);
    expect(zoomBuckets(buckets, { fromT: 20, toT: 45 }).map((x) => x.t)).toEqual([20, 30, 40]);
  });

  it('zoomBetween orders the two picked points and refuses an empty span', () => {
    expect(zoomBetween(50, 20)).toEqual({ fromT: 20, toT: 50 });
    expect(zoomBetween(20, 20)).toBeNull();
    expect(zoomBetween(Number.NaN, 20)).toBeNull();
  });

  it('zoomInNewerHalf keeps the newer half while enough points remain', () => {
    expect(zoomInNewerHalf(buckets)).toEqual({ fromT: 50, toT: 90 });
    expect(zoomInNewerHalf(buckets.slice(0, 7))).toBeNull();
  });
});
