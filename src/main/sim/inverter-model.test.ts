import { describe, expect, it } from 'vitest';
import { INVERTER_STATUS, InverterModel, type PowerBounds } from './inverter-model';

const OPEN: PowerBounds = { maxChargeW: 1e9, maxDischargeW: 1e9 };

/** Steps the inverter every 100 ms from `from` to `to` (ms) and returns the last power. */
function run(inv: InverterModel, from: number, to: number, bounds: PowerBounds = OPEN): number {
  let p = inv.activePowerW;
  for (let t = from + 100; t <= to; t += 100) p = inv.step(t, bounds);
  return p;
}

describe('inverter model', () => {
  it('ramps towards the setpoint no faster than its ramp rate, then settles on it', () => {
    const inv = new InverterModel(0, { rampWPerS: 3_000, lagS: 0.3 });
    inv.writeSetpoint(0, 4_000);
    const half = run(inv, 0, 500);
    expect(half).toBeGreaterThan(500);
    expect(half).toBeLessThanOrEqual(1_500);
    expect(Math.abs(run(inv, 500, 4_000) - 4_000)).toBeLessThan(5);
    inv.writeSetpoint(4_000, -2_000);
    const swing = run(inv, 4_000, 5_000);
    expect(swing).toBeGreaterThanOrEqual(1_000);
    expect(Math.abs(run(inv, 5_000, 8_000) + 2_000)).toBeLessThan(5);
  });

  it('is bounded by its rating', () => {
    const inv = new InverterModel(0, { ratedDischargeW: 5_000, ratedChargeW: 4_000 });
    inv.writeSetpoint(0, 9_000);
    expect(Math.abs(run(inv, 0, 6_000) - 5_000)).toBeLessThan(1);
    inv.writeSetpoint(6_000, -9_000);
    expect(Math.abs(run(inv, 6_000, 12_000) + 4_000)).toBeLessThan(1);
    expect(inv.setpointW).toBe(-9_000);
  });

  it('never charges beyond what the battery accepts, and obeys a shrinking limit at once', () => {
    const inv = new InverterModel(0);
    inv.writeSetpoint(0, -5_000);
    expect(run(inv, 0, 5_000, { maxChargeW: 5_000, maxDischargeW: 5_000 })).toBeLessThan(-4_990);
    const p = inv.step(5_100, { maxChargeW: 300, maxDischargeW: 5_000 });
    expect(p).toBeGreaterThanOrEqual(-300);
    expect(inv.step(5_200, { maxChargeW: 0, maxDischargeW: 5_000 })).toBe(0);
  });

  it('reverts to 0 W when neither setpoint nor heartbeat is written within the timeout, not before', () => {
    const inv = new InverterModel(0, { watchdogTimeoutS: 10 });
    inv.writeSetpoint(1_000, 2_000);
    run(inv, 0, 10_900);
    expect(inv.setpointW).toBe(2_000);
    expect(inv.reverts).toEqual([]);
    expect(inv.watchdogExpired).toBe(false);
    inv.step(11_000, OPEN);
    expect(inv.setpointW).toBe(0);
    expect(inv.watchdogExpired).toBe(true);
    expect(inv.reverts).toEqual([{ at: 11_000, fromW: 2_000 }]);
    expect(run(inv, 11_000, 14_000)).toBeCloseTo(0, 0);
  });

  it('is kept alive by heartbeats alone, and uses a newly written timeout', () => {
    const inv = new InverterModel(0, { watchdogTimeoutS: 10 });
    inv.writeSetpoint(0, 1_000);
    for (let t = 5_000; t <= 60_000; t += 5_000) {
      inv.writeHeartbeat(t, t / 5_000);
      run(inv, t - 5_000, t);
    }
    expect(inv.setpointW).toBe(1_000);
    expect(inv.heartbeat).toBe(12);
    inv.writeWatchdogTimeout(2);
    run(inv, 60_000, 61_900);
    expect(inv.setpointW).toBe(1_000);
    inv.step(62_000, OPEN);
    expect(inv.setpointW).toBe(0);
    expect(inv.reverts).toHaveLength(1);
  });

  it('logs no revert when the expired setpoint was already 0, and a write clears the expiry', () => {
    const inv = new InverterModel(0, { watchdogTimeoutS: 1 });
    run(inv, 0, 3_000);
    expect(inv.watchdogExpired).toBe(true);
    expect(inv.reverts).toEqual([]);
    inv.writeHeartbeat(3_000, 1);
    expect(inv.watchdogExpired).toBe(false);
  });

  it('reports standby, running and fault status', () => {
    const inv = new InverterModel(0);
    inv.step(100, OPEN);
    expect(inv.statusCode(false)).toBe(INVERTER_STATUS.standby);
    inv.writeSetpoint(100, 500);
    run(inv, 100, 1_000);
    expect(inv.statusCode(false)).toBe(INVERTER_STATUS.running);
    expect(inv.statusCode(true)).toBe(INVERTER_STATUS.fault);
  });

  it('rejects a bad timeout, setpoint or option with a message naming it', () => {
    const inv = new InverterModel(0);
    expect(() => inv.writeWatchdogTimeout(0)).toThrow(/watchdog timeout/);
    expect(() => inv.writeWatchdogTimeout(1.5)).toThrow(/watchdog timeout/);
    expect(() => inv.writeSetpoint(0, Number.POSITIVE_INFINITY)).toThrow(/setpoint/);
    expect(() => new InverterModel(0, { rampWPerS: -1 })).toThrow(/rampWPerS/);
  });
});
