import { describe, expect, it } from 'vitest';
import type { HistoryBucket } from '../../../../shared/history';
import { HEADROOM_BUCKETS, nextChartFrame, powerAxis, roundStep } from './chart-frame';

const bucket = (t: number, gridW = 500): HistoryBucket => ({
  t,
  gridW: [gridW - 100, gridW + 100],
  inverterW: [-200, 200],
  soc: [50, 51],
  setpointW: [0, 0],
  pvW: null,
  loadW: null,
});
/** 300 one-second buckets from t = 0, then `more` further ones (shared objects, as the store does). */
const all = Array.from({ length: 300 + 2 * HEADROOM_BUCKETS }, (_, i) => bucket(i * 1000));
const upTo = (n: number): readonly HistoryBucket[] => all.slice(0, n);

describe('nextChartFrame', () => {
  it('keeps the layout while the data only grows inside the headroom', () => {
    const first = nextChartFrame(null, upTo(300), 1000, null);
    expect(first.tail).toEqual([]);
    expect(first.layout.xDomain).toEqual([0, 299_000 + HEADROOM_BUCKETS * 1000]);
    const next = nextChartFrame(first, upTo(303), 1000, null);
    expect(next.layout).toBe(first.layout);
    expect(next.tail.map((b) => b.t)).toEqual([300_000, 301_000, 302_000]);
    // The window slid (oldest bucket trimmed) and grew: still the same layout.
    const slid = nextChartFrame(next, all.slice(5, 305), 1000, null);
    expect(slid.layout).toBe(first.layout);
    expect(slid.tail).toHaveLength(5);
  });

  it('re-bases when the tail passes the headroom', () => {
    const first = nextChartFrame(null, upTo(300), 1000, null);
    const full = nextChartFrame(first, upTo(300 + HEADROOM_BUCKETS), 1000, null);
    expect(full.layout).toBe(first.layout);
    const past = nextChartFrame(full, upTo(301 + HEADROOM_BUCKETS), 1000, null);
    expect(past.layout).not.toBe(first.layout);
    expect(past.tail).toEqual([]);
    expect(past.layout.base).toHaveLength(301 + HEADROOM_BUCKETS);
  });

  it('re-bases when a new bucket leaves the power axis', () => {
    const first = nextChartFrame(null, upTo(300), 1000, null);
    const wDomain = first.layout.wDomain;
    expect(wDomain).not.toBeNull();
    const spike = [...upTo(300), bucket(300_000, (wDomain?.[1] ?? 0) + 1000)];
    const next = nextChartFrame(first, spike, 1000, null);
    expect(next.layout).not.toBe(first.layout);
    expect(next.layout.wDomain?.[1]).toBeGreaterThan(wDomain?.[1] ?? 0);
  });

  it('re-bases when the data was replaced (a reload makes new bucket objects)', () => {
    const first = nextChartFrame(null, upTo(300), 1000, null);
    const reloaded = upTo(301).map((b) => ({ ...b }));
    expect(nextChartFrame(first, reloaded, 1000, null).layout).not.toBe(first.layout);
  });

  it('returns the same frame for the same array, and follows a zoom to its span', () => {
    const first = nextChartFrame(null, upTo(300), 1000, null);
    expect(nextChartFrame(first, first.source, 1000, null)).toBe(first);
    const zoom = { fromT: 10_000, toT: 20_000 };
    const zoomed = nextChartFrame(first, upTo(300).slice(10, 21), 1000, zoom);
    expect(zoomed.layout.xDomain).toEqual([10_000, 20_000]);
    // The same buckets again (a new filtered array): nothing to redraw.
    const again = nextChartFrame(zoomed, upTo(301).slice(10, 21), 1000, zoom);
    expect(again.layout).toBe(zoomed.layout);
  });

  it('draws nothing on an empty window and lets recharts draw every bucket of a short one', () => {
    const empty = nextChartFrame(null, [], 1000, null);
    expect(empty.layout.xDomain).toBeNull();
    let frame = nextChartFrame(empty, upTo(1), 1000, null);
    expect(frame.layout.base).toHaveLength(1);
    for (let n = 2; n <= HEADROOM_BUCKETS; n++) frame = nextChartFrame(frame, upTo(n), 1000, null);
    expect(frame.tail).toEqual([]);
    expect(frame.layout.base).toHaveLength(HEADROOM_BUCKETS);
    // From a base as long as the headroom on, new buckets go to the tail.
    expect(nextChartFrame(frame, upTo(HEADROOM_BUCKETS + 1), 1000, null).tail).toHaveLength(1);
  });
});

describe('power axis', () => {
  it('rounds outward to a round step with one step of margin', () => {
    expect(roundStep(230)).toBe(500);
    expect(roundStep(100)).toBe(100);
    expect(roundStep(0)).toBe(1);
    const axis = powerAxis([bucket(0, 500)]); // grid 400..600, battery -200..200
    expect(axis.domain).toEqual([-400, 800]);
    expect(axis.ticks).toEqual([-400, -200, 0, 200, 400, 600, 800]);
  });
});
