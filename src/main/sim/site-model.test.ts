import { describe, expect, it } from 'vitest';
import { SiteModel } from './site-model';

/** Advances the model every 100 ms from its start (0) to `toMs`. */
function runTo(model: SiteModel, fromMs: number, toMs: number): void {
  for (let t = fromMs + 100; t <= toMs; t += 100) model.advance(t);
}

describe('site model', () => {
  it('keeps the energy balance grid = load - PV - inverter at every instant', () => {
    for (const seed of [1, 2, 3]) {
      const site = new SiteModel({ startAt: 0, seed, speed: 30, startTimeOfDayS: 6 * 3_600 });
      site.inverter.writeSetpoint(0, 1_500);
      for (let t = 100; t <= 60_000; t += 100) {
        if (t % 5_000 === 0) site.inverter.writeSetpoint(t, t % 10_000 === 0 ? -2_500 : 2_000);
        site.advance(t);
        expect(site.gridW).toBeCloseTo(site.loadW - site.pvW - site.inverterW, 6);
      }
      expect(
        site.meter.readings().importEnergyWh + site.meter.readings().exportEnergyWh,
      ).toBeGreaterThan(0);
    }
  });

  it('shows the meter per phase, summing to the total, with voltages that sag under import', () => {
    const site = new SiteModel({ startAt: 0, startTimeOfDayS: 2 * 3_600 });
    site.inverter.writeSetpoint(0, 0);
    runTo(site, 0, 2_000);
    const r = site.meter.readings();
    expect(r.powerL1W + r.powerL2W + r.powerL3W).toBeCloseTo(r.gridPowerW, 9);
    expect(r.gridPowerW).toBeGreaterThan(0);
    for (const v of [r.voltageL1V, r.voltageL2V, r.voltageL3V]) {
      expect(v).toBeGreaterThan(225);
      expect(v).toBeLessThan(230.5);
    }
    expect(Math.abs(r.frequencyHz - 50)).toBeLessThan(0.05);
  });

  it('charges the battery when the inverter is told to charge, and discharges it when told to discharge', () => {
    const site = new SiteModel({ startAt: 0, initialSocPct: 50, speed: 60 });
    site.inverter.writeSetpoint(0, -3_000);
    runTo(site, 0, 5_000);
    expect(site.inverterW).toBeLessThan(-2_900);
    const charged = site.battery.socPct;
    expect(charged).toBeGreaterThan(50);
    site.inverter.writeSetpoint(5_000, 3_000);
    runTo(site, 5_000, 9_000);
    expect(site.battery.socPct).toBeLessThan(charged);
  });

  it('moves SOC faster with a higher speed factor but keeps the inverter on wall time', () => {
    const slow = new SiteModel({ startAt: 0, speed: 1 });
    const fast = new SiteModel({ startAt: 0, speed: 100 });
    for (const s of [slow, fast]) {
      s.inverter.writeSetpoint(0, 2_000);
      runTo(s, 0, 3_000);
    }
    expect(50 - fast.battery.socPct).toBeGreaterThan(50 * (50 - slow.battery.socPct));
    expect(fast.inverterW).toBeCloseTo(slow.inverterW, 6);
    expect(fast.simTimeS - 12 * 3_600).toBeCloseTo(300, 6);
  });

  it('never charges past full: the inverter backs off as the BMS tapers', () => {
    const site = new SiteModel({ startAt: 0, initialSocPct: 99, speed: 200 });
    for (let t = 100; t <= 60_000; t += 100) {
      if (t % 5_000 === 0) site.inverter.writeHeartbeat(t, t);
      site.inverter.writeSetpoint(t, -5_000);
      const bounds = site.battery.powerBounds();
      site.advance(t);
      expect(site.inverterW).toBeGreaterThanOrEqual(-bounds.maxChargeW - 1e-6);
      expect(site.battery.socPct).toBeLessThanOrEqual(100);
      expect(site.battery.currentA).toBeLessThanOrEqual(
        site.battery.limits().chargeCurrentLimitA + 100 * 0.02,
      );
    }
    expect(site.battery.socPct).toBeGreaterThan(99.9);
    expect(Math.abs(site.inverterW)).toBeLessThan(50);
  });

  it('drops the inverter to 0 W on an injected BMS alarm and reports it', () => {
    const site = new SiteModel({ startAt: 0 });
    site.inverter.writeSetpoint(0, 3_000);
    runTo(site, 0, 3_000);
    expect(site.inverterW).toBeGreaterThan(2_900);
    site.setFault('bmsAlarm', true);
    site.advance(3_100);
    expect(site.inverterW).toBe(0);
    expect(site.battery.bmsReading().alarms).toContain('CELL_OVER_VOLTAGE');
    expect(site.snapshot().faults).toEqual(['bmsAlarm']);
    site.setFault('bmsAlarm', false);
    expect(site.battery.bmsReading().alarms).toEqual([]);
    expect(site.hasFault('bmsAlarm')).toBe(false);
  });

  it('in remote mode uses the power measured from the remote inverter, unreachable counting as 0 W', () => {
    const site = new SiteModel({ startAt: 0, inverterSource: 'remote' });
    site.inverter.writeSetpoint(0, 5_000);
    site.setRemoteInverterPowerW(1_234);
    site.advance(1_000);
    expect(site.inverterW).toBe(1_234);
    expect(site.battery.socPct).toBe(50);
    expect(site.gridW).toBeCloseTo(site.loadW - site.pvW - 1_234, 6);
    site.setRemoteInverterPowerW(null);
    site.advance(1_100);
    expect(site.inverterW).toBe(0);
  });

  it('replays the same site for the same seed', () => {
    const a = new SiteModel({ startAt: 0, seed: 5, speed: 50 });
    const b = new SiteModel({ startAt: 0, seed: 5, speed: 50 });
    runTo(a, 0, 20_000);
    runTo(b, 0, 20_000);
    expect(b.snapshot()).toEqual(a.snapshot());
  });

  it('cuts a long pause into bounded steps and ignores time going backwards', () => {
    const site = new SiteModel({ startAt: 0 });
    site.inverter.writeSetpoint(0, 1_000);
    site.advance(30_000);
    expect(site.inverter.setpointW).toBe(0);
    expect(site.inverter.reverts).toEqual([{ at: 10_000, fromW: 1_000 }]);
    const before = site.snapshot();
    site.advance(10_000);
    expect(site.snapshot()).toEqual(before);
  });

  it('names a bad option or fault', () => {
    expect(() => new SiteModel({ startAt: 0, speed: 0 })).toThrow(/speed/);
    expect(() => new SiteModel({ startAt: 0, seed: 1.5 })).toThrow(/seed/);
    expect(() => new SiteModel({ startAt: 0, initialSocPct: -1 })).toThrow(/initialSocPct/);
    expect(() => new SiteModel({ startAt: 0, startTimeOfDayS: 90_000 })).toThrow(/startTimeOfDayS/);
    // @ts-expect-error: an unknown fault name from untyped input
    expect(() => new SiteModel({ startAt: 0 }).setFault('fire', true)).toThrow(
      /unknown fault "fire"/,
    );
  });
});
