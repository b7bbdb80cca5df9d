import { describe, expect, test } from 'vitest';
import { EARLY_MS, MeterCadence, STEP_MS } from './meter-cadence';
import { makeRig, POLL_MS } from './runtime.test-kit';

/** A cadence that has seen new samples at these times (every cycle healthy). */
function cadenceSeeing(times: readonly number[], intervalMs = 250): MeterCadence {
  const c = new MeterCadence(intervalMs);
  for (const t of times) c.observe(t, true, true);
  return c;
}

describe('MeterCadence', () => {
  test('keeps the regular interval until three intervals between new samples are known', () => {
    const c = cadenceSeeing([0, 1000, 2000]);
    expect(c.periodMs()).toBeNull();
    expect(c.delayAfter(2700, 2)).toBe(248);
  });

  test('measures the period as the median interval, so one missed refresh does not move it', () => {
    expect(cadenceSeeing([0, 1000, 3000, 4000, 5000]).periodMs()).toBe(1000);
  });

  test('brings the next cycle forward to just before a slow meter refreshes', () => {
    const c = cadenceSeeing([0, 1000, 2000, 3000]);
    // The regular cycle would start at 3750 + 250 = 4000; the refresh is due at 4000.
    expect(c.delayAfter(3750, 2)).toBe(4000 - EARLY_MS - (3750 + 2));
  });

  test('while the refresh is due, polls every STEP_MS, for one poll interval at most', () => {
    const c = cadenceSeeing([0, 1000, 2000, 3000]);
    expect(c.delayAfter(3970, 2)).toBe(STEP_MS);
    expect(c.delayAfter(4010, 2)).toBe(STEP_MS);
    // No sample by the end of the window: back on the regular grid.
    expect(c.delayAfter(4000 - EARLY_MS + 250, 2)).toBe(248);
  });

  test('the cycle that sees the sample restarts the regular grid', () => {
    const c = cadenceSeeing([0, 1000, 2000, 3000]);
    c.observe(4010, true, true);
    expect(c.delayAfter(4010, 2)).toBe(248);
  });

  test('a slow cycle keeps the bus at most half busy while polling faster', () => {
    const c = cadenceSeeing([0, 1000, 2000, 3000]);
    expect(c.delayAfter(3970, 60)).toBe(120);
  });

  test('a meter that refreshes about as fast as the loop polls is left alone', () => {
    const c = cadenceSeeing([0, 300, 600, 900, 1200]);
    expect(c.periodMs()).toBe(300);
    expect(c.delayAfter(1400, 2)).toBe(248);
  });

  test('a failed read forgets the period: recovery runs on the regular grid', () => {
    const c = cadenceSeeing([0, 1000, 2000, 3000]);
    c.observe(3250, false, false);
    expect(c.periodMs()).toBeNull();
    expect(c.delayAfter(3750, 2)).toBe(248);
  });
});

describe('the loop on a meter that refreshes once a second', () => {
  test('after a few refreshes it reads each new sample soon after the refresh, with few extra cycles', async () => {
    const rig = makeRig({ gridW: 0 });
    // The meter refreshes at 1000 ms + 137 ms, 2137 ms, ...: a phase the 250 ms grid does not share.
    const refreshes = (at: number): number => Math.floor((at - 137) / 1000);
    const seenAt: number[] = [];
    let lastRefresh = -1;
    rig.meter.read = () => {
      rig.meter.reads++;
      const r = refreshes(rig.clock.now());
      if (r !== lastRefresh) seenAt.push(rig.clock.now() - (r * 1000 + 137));
      lastRefresh = r;
      return Promise.resolve({ gridW: 100 + r, updateCounter: r });
    };
    rig.runtime.start();
    await rig.clock.runFor(20_000);
    const late = seenAt.slice(-10);
    // On the regular grid this lateness is anywhere in 0..250 ms.
    expect(Math.max(...late)).toBeLessThanOrEqual(STEP_MS);
    // 20 s on the regular grid is 80 cycles; the extra ones stay few.
    expect(rig.meter.reads).toBeGreaterThan(20_000 / POLL_MS);
    expect(rig.meter.reads).toBeLessThan(1.25 * (20_000 / POLL_MS));
  });
});
