import { describe, expect, it } from 'vitest';
import { tickNeedsSeconds, timeTicks, timeTickStep } from './time-ticks';

describe('timeTicks', () => {
  it('puts ticks on round times that fit the width', () => {
    // 5.5 min on 1240 px leaves room for 11 labels: one every 30 s.
    const ticks = timeTicks(1_000, 331_000, 1240);
    expect(ticks[0]).toBe(30_000);
    expect(ticks.every((t, i) => i === 0 || t - (ticks[i - 1] ?? 0) === 30_000)).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(11);
  });

  it('gives the same ticks for the same span wherever it starts on the grid', () => {
    const a = timeTicks(0, 3_600_000, 600).map((t) => t % 3_600_000);
    const b = timeTicks(7_200_000, 10_800_000, 600).map((t) => t % 3_600_000);
    expect(a).toEqual(b);
  });

  it('keeps ticks away from both ends, where labels would meet the other axes', () => {
    // 1 h + headroom on 600 px: a tick on the first or last few minutes would sit in a corner.
    const from = 3_600_000 - 60_000;
    const to = from + 3_900_000;
    const ticks = timeTicks(from, to, 600);
    const edge = ((to - from) * 34) / 600;
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(Math.min(t - from, to - t)).toBeGreaterThanOrEqual(edge);
  });

  it('labels with seconds only when the spacing is below a minute, so no label repeats', () => {
    const zoomedHour = timeTickStep(0, 300_000, 1240);
    expect(zoomedHour).toBe(30_000);
    expect(tickNeedsSeconds(zoomedHour)).toBe(true);
    expect(tickNeedsSeconds(timeTickStep(0, 3_900_000, 1240))).toBe(false);
  });

  it('returns nothing for an empty or broken span', () => {
    expect(timeTicks(10, 10, 800)).toEqual([]);
    expect(timeTicks(Number.NaN, 10, 800)).toEqual([]);
  });
});
