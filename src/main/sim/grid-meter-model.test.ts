import { describe, expect, it } from 'vitest';
import { GridMeterModel } from './grid-meter-model';
import { SiteModel } from './site-model';

describe('grid meter refresh period', () => {
  it('answers with its last refresh between refreshes, and bumps the counter on each', () => {
    const meter = new GridMeterModel(1, 1000);
    meter.update(0, 0, [100, 100, 100], 0);
    const first = meter.readings();
    expect(first.updateCounter).toBe(1);
    // The load changes, but the meter refreshes only at 1000 ms.
    meter.update(0.5, 0.5, [900, 900, 900], 500);
    expect(meter.readings().gridPowerW).toBe(first.gridPowerW);
    expect(meter.readings().updateCounter).toBe(1);
    expect(meter.gridPowerW).toBe(2700);
    meter.update(1, 0.5, [900, 900, 900], 1000);
    expect(meter.readings().updateCounter).toBe(2);
    expect(Math.abs(meter.readings().gridPowerW - 2700)).toBeLessThanOrEqual(4.5);
  });

  it('is never exactly constant: a steady load still reads a little differently each refresh', () => {
    const meter = new GridMeterModel(3, 100);
    const seen = new Set<number>();
    for (let t = 0; t < 5000; t += 100) {
      meter.update(t / 1000, 0.1, [200, 200, 200], t);
      seen.add(Math.round(meter.readings().gridPowerW));
    }
    expect(seen.size).toBeGreaterThan(3);
    for (const w of seen) expect(Math.abs(w - 600)).toBeLessThanOrEqual(5);
  });

  it('energy counters stay current between refreshes', () => {
    const meter = new GridMeterModel(1, 2000);
    meter.update(0, 0, [0, 0, 0], 0);
    meter.update(3.6, 3.6, [1000, 0, 0], 1000);
    expect(meter.readings().importEnergyWh).toBeCloseTo(1, 9);
  });

  it('a site model passes its meter period through and refuses a negative one', () => {
    const site = new SiteModel({ startAt: 0, meterPeriodMs: 2000 });
    const c = site.meter.readings().updateCounter;
    site.advance(1500);
    expect(site.meter.readings().updateCounter).toBe(c);
    site.advance(2100);
    expect(site.meter.readings().updateCounter).toBe(c + 1);
    expect(() => new GridMeterModel(1, -1)).toThrow(RangeError);
  });

  it('meterStuck freezes the readings and the counter while the site moves on', () => {
    const site = new SiteModel({ startAt: 0, meterPeriodMs: 100 });
    site.advance(200);
    site.setFault('meterStuck', true);
    const frozen = site.meter.readings();
    site.advance(5000);
    expect(site.meter.readings().updateCounter).toBe(frozen.updateCounter);
    expect(site.meter.readings().gridPowerW).toBe(frozen.gridPowerW);
    site.setFault('meterStuck', false);
    site.advance(5200);
    expect(site.meter.readings().updateCounter).toBeGreaterThan(frozen.updateCounter);
  });
});
