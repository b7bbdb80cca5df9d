import { describe, expect, test } from 'vitest';
import { command, readyStandby, site, stepAt, TEST_CONFIG } from './core.test-kit';
import { computePowerBand } from './power-limits';
import { freshView } from './link-health';
import type { SocGuard } from './soc-guard';

const OPEN: SocGuard = {
  socPct: 50,
  socUnknown: false,
  chargeBlocked: false,
  dischargeBlocked: false,
};

/** Fixes from the review of issue 11 item 4, each against the core's public steps. */

describe('BMS current limits become AC limits with the inverter efficiency', () => {
  const cfg = {
    ...TEST_CONFIG,
    inverterEfficiency: 0.95,
    inverterMaxChargeW: 10_000,
    inverterMaxDischargeW: 10_000,
  };
  const limits = { chargeCurrentLimitA: 40, dischargeCurrentLimitA: 40, voltageV: 50 };

  test('discharge AC <= DCL x V x efficiency; charge AC <= CCL x V', () => {
    const band = computePowerBand(freshView(site(0, { bms: limits }), 0, cfg), OPEN, cfg);
    expect(band).toMatchObject({ upperW: 1900, upperBy: 'bmsDischargeCurrentLimit' });
    expect(band).toMatchObject({ lowerW: -2000, lowerBy: 'bmsChargeCurrentLimit' });
  });

  test('an efficiency above 1 never loosens the limit', () => {
    const loose = { ...cfg, inverterEfficiency: 1.2 };
    const band = computePowerBand(freshView(site(0, { bms: limits }), 0, loose), OPEN, loose);
    expect(band.upperW).toBe(2000);
  });
});

describe('a BMS SOC outside 0..100 % is invalid', () => {
  test.each([101, -1, 250])('SOC %s closes both directions as unknown', (soc) => {
    let s = readyStandby(1000);
    s = command(s, { type: 'setMode', mode: 'DISCHARGE_ONLY' }, 1000).state;
    const r = stepAt(s, site(1250, { bms: { socPct: soc } }), 1250);
    expect(r.state.socGuard.socUnknown).toBe(true);
    expect(r.setpointW).toBe(0);
  });

  test('0 and 100 are valid readings', () => {
    for (const soc of [0, 100]) {
      const s = readyStandby(1000);
      const r = stepAt(s, site(1250, { bms: { socPct: soc } }), 1250);
      expect(r.state.socGuard.socUnknown).toBe(false);
    }
  });
});

describe('entering EXTERNAL', () => {
  test('outputs 0 W until a setpoint arrives, with no ramp down from the old output', () => {
    let s = readyStandby(1000);
    s = command(s, { type: 'setOverridePower', watts: 2000 }, 1000).state;
    s = command(s, { type: 'setMode', mode: 'DISCHARGE_ONLY' }, 1000).state;
    for (let t = 1250; t <= 4000; t += 250)
      s = stepAt(s, site(t, { inverterW: s.setpointW }), t).state;
    expect(s.setpointW).toBe(2000);
    s = command(s, { type: 'setMode', mode: 'EXTERNAL' }, 4000).state;
    expect(s.setpointW).toBe(0);
    const r = stepAt(s, site(4250, { inverterW: 2000 }), 4250);
    expect(r.setpointW).toBe(0);
    s = command(r.state, { type: 'setExternalSetpoint', watts: 500 }, 4250).state;
    expect(stepAt(s, site(4500, { inverterW: 0 }), 4500).setpointW).toBe(250);
  });
});
