import { describe, expect, test } from 'vitest';
import type { Measurements } from './measurements';
import { running, site, stepAt, TEST_CONFIG } from './core.test-kit';

/**
 * The law's feedback and the grid limits use the controlled quantity (`controlledW`, e.g. a
 * hybrid's battery power), not the AC power, which on a hybrid includes its PV.
 */

/** A hybrid at `at`: AC output = PV + battery, the reading's controlled quantity = battery. */
function hybrid(at: number, gridW: number, batteryW: number, pvW: number): Measurements {
  const m = site(at, { gridW });
  return {
    ...m,
    inverter: { value: { activePowerW: pvW + batteryW, controlledW: batteryW, pvW }, at },
  };
}

describe('controlled quantity', () => {
  test('SELF_CONSUMPTION steers the battery from its own power, not from PV + battery', () => {
    const config = { ...TEST_CONFIG, rampWPerS: 1_000_000, deadbandW: 0 };
    const s = running('SELF_CONSUMPTION', 1000, config);
    // The house imports 800 W while the battery discharges 500 W beside 3 kW of PV: the
    // battery must go to 1300 W. Reading the AC power (3500 W) would ask for 4300 W.
    const out = stepAt(s, hybrid(1250, 800, 500, 3000), 1250, config);
    expect(out.setpointW).toBe(1300);
  });

  test('the grid export limit counts the PV as part of the site, not of the battery', () => {
    const config = { ...TEST_CONFIG, rampWPerS: 1_000_000, deadbandW: 0, gridExportLimitW: 0 };
    const s = running('DISCHARGE_ONLY', 1000, config);
    const withOverride = { ...s, overrideW: 5000 };
    // With the battery at 0 W the site would import 200 W (grid 200, battery 0): a discharge
    // of 200 W keeps the export at 0. Taking the PV (3 kW) as the battery's would allow 3.2 kW.
    const out = stepAt(withOverride, hybrid(1250, 200, 0, 3000), 1250, config);
    expect(out.setpointW).toBe(200);
  });
});
