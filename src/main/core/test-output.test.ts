import { describe, expect, it } from 'vitest';
import { checkCoreInvariants } from './core-invariants';
import { command, readyStandby, running, site, stepAt, TEST_CONFIG } from './core.test-kit';
import { createCoreState } from './core-state';
import { setTestOutput } from './test-output';

describe('commissioning test output', () => {
  it('is refused outside STANDBY/IDLE, with the state named', () => {
    const stopped = setTestOutput(
      createCoreState(TEST_CONFIG),
      { watts: 500, bypassRamp: true },
      0,
      TEST_CONFIG,
    );
    expect(stopped.result.ok).toBe(false);
    expect(JSON.stringify(stopped.result)).toMatch(/only in STANDBY.*STOP/);
    const sc = setTestOutput(
      running('SELF_CONSUMPTION'),
      { watts: 500, bypassRamp: true },
      1000,
      TEST_CONFIG,
    );
    expect(sc.result.ok).toBe(false);
  });

  it('refuses a non-finite power and one above the rating', () => {
    const s = readyStandby();
    expect(
      setTestOutput(s, { watts: Number.NaN, bypassRamp: true }, 1000, TEST_CONFIG).result.ok,
    ).toBe(false);
    const big = setTestOutput(s, { watts: 9000, bypassRamp: true }, 1000, TEST_CONFIG);
    expect(big.result.ok).toBe(false);
    expect(JSON.stringify(big.result)).toMatch(/above the inverter rating/);
  });

  it('jumps to the step at once when the ramp is bypassed, and keeps STANDBY valid', () => {
    const s = setTestOutput(
      readyStandby(),
      { watts: -1000, bypassRamp: true },
      1000,
      TEST_CONFIG,
    ).state;
    const out = stepAt(s, site(1100), 1100);
    expect(out.setpointW).toBe(-1000);
    expect(out.state.state).toBe('STANDBY');
    expect(checkCoreInvariants(out.state)).toEqual([]);
  });

  it('follows the site ramp when not bypassed', () => {
    const s = setTestOutput(
      readyStandby(),
      { watts: 1000, bypassRamp: false },
      1000,
      TEST_CONFIG,
    ).state;
    // 1 kW/s in the test config: 100 ms allow 100 W.
    expect(stepAt(s, site(1100), 1100).setpointW).toBe(100);
  });

  it('stays inside the band: a BMS that refuses discharge clamps the step to 0 W', () => {
    const s = setTestOutput(
      readyStandby(),
      { watts: 1000, bypassRamp: true },
      1000,
      TEST_CONFIG,
    ).state;
    const out = stepAt(s, site(1100, { bms: { dischargeEnabled: false } }), 1100);
    expect(out.setpointW).toBe(0);
  });

  it('is dropped by a fault and by stop, and the output is 0 W on that step', () => {
    const s = setTestOutput(
      readyStandby(),
      { watts: 800, bypassRamp: true },
      1000,
      TEST_CONFIG,
    ).state;
    const on = stepAt(s, site(1100), 1100).state;
    expect(on.setpointW).toBe(800);
    // The meter stops answering: comm loss after its timeout faults the site.
    const faulted = stepAt(on, site(5000, { gridW: null }), 5000);
    expect(faulted.state.state).toBe('FAULT');
    expect(faulted.setpointW).toBe(0);
    expect(faulted.state.test).toBeNull();
    const stopped = command(on, { type: 'stop' }, 1200).state;
    expect(stopped.setpointW).toBe(0);
    expect(stopped.test).toBeNull();
    // Started again, nothing of the old test survives.
    const again = command(stopped, { type: 'start' }, 1300).state;
    expect(stepAt(again, site(1400), 1400).setpointW).toBe(0);
  });

  it('clearing takes STANDBY back to 0 W at once', () => {
    const s = setTestOutput(
      readyStandby(),
      { watts: 800, bypassRamp: true },
      1000,
      TEST_CONFIG,
    ).state;
    const on = stepAt(s, site(1100), 1100).state;
    const off = setTestOutput(on, null, 1150, TEST_CONFIG);
    expect(off.result.ok).toBe(true);
    expect(off.state.setpointW).toBe(0);
    expect(stepAt(off.state, site(1200), 1200).setpointW).toBe(0);
  });
});
