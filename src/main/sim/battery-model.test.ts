import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHARGE_VOLTAGE_LIMIT_V } from './battery-curves';
import { BatteryModel } from './battery-model';

describe('battery model', () => {
  it('gains SOC when charging, with the efficiency taken off', () => {
    const b = new BatteryModel({ capacityKwh: 10, initialSocPct: 50, efficiency: 0.96 });
    for (let i = 0; i < 3_600; i += 1) b.step(1, -1_000);
    // 1 kWh in, 0.96 kWh stored: +9.6 % of 10 kWh.
    expect(b.socPct).toBeCloseTo(59.6, 6);
    expect(b.currentA).toBeGreaterThan(0);
  });

  it('loses SOC when discharging, drawing more than it delivers', () => {
    const b = new BatteryModel({ capacityKwh: 10, initialSocPct: 50, efficiency: 0.96 });
    for (let i = 0; i < 3_600; i += 1) b.step(1, 1_000);
    expect(b.socPct).toBeCloseTo(50 - 10 / 0.96, 6);
    expect(b.currentA).toBeLessThan(0);
  });

  it('reports a temperature that matches an injected temperature alarm or warning', () => {
    const b = new BatteryModel({ ambientC: 25 });
    b.setAlarm('OVER_TEMPERATURE', true);
    expect(b.bmsReading().temperatureC).toBeGreaterThanOrEqual(55);
    expect(b.bmsReading().alarms).toContain('OVER_TEMPERATURE');
    b.setAlarm('OVER_TEMPERATURE', false);
    expect(b.bmsReading().temperatureC).toBeCloseTo(25, 6);
    b.setWarning('LOW_TEMPERATURE', true);
    expect(b.bmsReading().temperatureC).toBeLessThanOrEqual(0);
  });

  it('counts the AC energy it exchanged in each direction, only what fitted', () => {
    const b = new BatteryModel({ capacityKwh: 10, initialSocPct: 50, efficiency: 0.96 });
    for (let i = 0; i < 3_600; i += 1) b.step(1, -1_000);
    for (let i = 0; i < 1_800; i += 1) b.step(1, 2_000);
    expect(b.energyCounters.chargeWh).toBeCloseTo(1_000, 6);
    expect(b.energyCounters.dischargeWh).toBeCloseTo(1_000, 6);
    // Nearly empty: the pack gives what it has, and the counter follows what was delivered.
    const low = new BatteryModel({ capacityKwh: 1, initialSocPct: 1, efficiency: 1 });
    low.step(3_600, 1_000);
    expect(low.energyCounters.dischargeWh).toBeCloseTo(10, 6);
  });

  it('stays within 0..100 % whatever it is asked, and returns the power it really exchanged', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.array(
          fc.tuple(
            fc.double({ min: 0.001, max: 600, noNaN: true }),
            fc.double({ min: -20_000, max: 20_000, noNaN: true }),
          ),
          {
            maxLength: 40,
          },
        ),
        (soc, steps) => {
          const b = new BatteryModel({ capacityKwh: 1, initialSocPct: soc });
          for (const [dt, p] of steps) {
            const before = b.socPct;
            const applied = b.step(dt, p);
            expect(b.socPct).toBeGreaterThanOrEqual(0);
            expect(b.socPct).toBeLessThanOrEqual(100);
            expect(Math.abs(applied)).toBeLessThanOrEqual(Math.abs(p) * (1 + 1e-9) + 1e-9);
            if (applied > 0) expect(b.socPct).toBeLessThanOrEqual(before);
            if (applied < 0) expect(b.socPct).toBeGreaterThanOrEqual(before);
            if (p > 1 && before > 1) expect(b.socPct).toBeLessThan(before);
            if (p < -1 && before < 99) expect(b.socPct).toBeGreaterThan(before);
          }
        },
      ),
    );
  });

  it('tapers the charge limit near full and stops charging at 100 %', () => {
    const at = (soc: number): BatteryModel => new BatteryModel({ initialSocPct: soc });
    const mid = at(50).limits();
    const high = at(96).limits();
    const full = at(100).limits();
    expect(high.chargeCurrentLimitA).toBeLessThan(mid.chargeCurrentLimitA);
    expect(high.chargeCurrentLimitA).toBeGreaterThan(0);
    expect(full.chargeCurrentLimitA).toBe(0);
    expect(full.chargeEnabled).toBe(false);
    expect(full.dischargeEnabled).toBe(true);
    expect(at(100).powerBounds().maxChargeW).toBe(0);
  });

  it('tapers the discharge limit near empty and stops discharging at 0 %', () => {
    const low = new BatteryModel({ initialSocPct: 5 }).limits();
    const empty = new BatteryModel({ initialSocPct: 0 });
    expect(low.dischargeCurrentLimitA).toBeGreaterThan(0);
    expect(low.dischargeCurrentLimitA).toBeLessThan(100);
    expect(empty.limits().dischargeEnabled).toBe(false);
    expect(empty.limits().chargeEnabled).toBe(true);
    expect(empty.powerBounds().maxDischargeW).toBe(0);
  });

  it('tapers the charge limit with temperature: none below 0 degC, reduced when hot', () => {
    const cold = new BatteryModel({ initialTemperatureC: -5, ambientC: -5 }).limits();
    const hot = new BatteryModel({ initialTemperatureC: 50, ambientC: 50 }).limits();
    expect(cold.chargeEnabled).toBe(false);
    expect(cold.dischargeCurrentLimitA).toBeGreaterThan(0);
    expect(hot.chargeCurrentLimitA).toBeLessThan(100);
    expect(hot.chargeCurrentLimitA).toBeGreaterThan(0);
  });

  it('warms slowly under current and raises warnings then an alarm when hot', () => {
    const b = new BatteryModel({ ambientC: 25 });
    b.step(60, 4_000);
    const afterMinute = b.temperatureC;
    expect(afterMinute).toBeGreaterThan(25);
    expect(afterMinute).toBeLessThan(26);
    b.setAmbientC(70);
    for (let i = 0; i < 200; i += 1) b.step(60, 0);
    expect(b.warnings()).toContain('HIGH_TEMPERATURE');
    expect(b.alarms()).toContain('OVER_TEMPERATURE');
    expect(b.limits().chargeEnabled).toBe(false);
  });

  it('reports voltage in the 16s LFP range and a BMS reading that matches its state', () => {
    expect(new BatteryModel({ initialSocPct: 0 }).voltageV).toBeCloseTo(48, 6);
    expect(new BatteryModel({ initialSocPct: 100 }).voltageV).toBeCloseTo(
      CHARGE_VOLTAGE_LIMIT_V,
      6,
    );
    const b = new BatteryModel({ initialSocPct: 60 });
    b.step(1, -2_000);
    const r = b.bmsReading();
    expect(r.socPct).toBe(b.socPct);
    expect(r.currentA).toBeCloseTo(2_000 / 52.8, 1);
    expect(r.voltageV).toBeGreaterThan(52.8);
    expect(r.chargeEnabled && r.dischargeEnabled).toBe(true);
    expect(r.alarms).toEqual([]);
  });

  it('lets an alarm be injected and cleared; an alarm blocks both directions', () => {
    const b = new BatteryModel();
    b.setAlarm('CELL_OVER_VOLTAGE', true);
    b.setWarning('CHARGE_HIGH_CURRENT', true);
    const r = b.bmsReading();
    expect(r.alarms).toEqual(['CELL_OVER_VOLTAGE']);
    expect(r.warnings).toContain('CHARGE_HIGH_CURRENT');
    expect(r.chargeCurrentLimitA).toBe(0);
    expect(r.dischargeEnabled).toBe(false);
    b.setAlarm('CELL_OVER_VOLTAGE', false);
    expect(b.bmsReading().alarms).toEqual([]);
    expect(b.limits().dischargeEnabled).toBe(true);
  });

  it('names what is wrong with a bad option, alarm code or step', () => {
    expect(() => new BatteryModel({ capacityKwh: 0 })).toThrow(/capacityKwh/);
    expect(() => new BatteryModel({ initialSocPct: 120 })).toThrow(/initialSocPct/);
    expect(() => new BatteryModel({ efficiency: 1.5 })).toThrow(/efficiency/);
    expect(() => new BatteryModel().setAlarm('FIRE', true)).toThrow(/unknown BMS alarm "FIRE"/);
    expect(() => new BatteryModel().step(-1, 0)).toThrow(/dt/);
    expect(() => new BatteryModel().step(1, Number.NaN)).toThrow(/power/);
  });
});
