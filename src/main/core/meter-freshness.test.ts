import { describe, expect, test } from 'vitest';
import type { CoreConfig } from './core-config';
import type { CoreState } from './core-state';
import type { SiteValues } from './core.test-kit';
import { command, running, site, stepAt, TEST_CONFIG } from './core.test-kit';
import { INITIAL_METER_FRESHNESS, updateMeterFreshness } from './meter-freshness';

/** Fast ramp, so the held target shows in one step; 30 s maximum hold. */
const CFG: CoreConfig = { ...TEST_CONFIG, rampWPerS: 100_000, meterMaxHoldMs: 30_000 };

/** A meter without an update counter: only a changed value marks a new sample. */
const plain = (v: SiteValues): SiteValues => ({ ...v, meterCounter: null });

function at(s: CoreState, t: number, v: SiteValues): CoreState {
  return stepAt(s, site(t, v), t, CFG).state;
}

describe('meter freshness (pure)', () => {
  test('the first sample is new; a repeat is not; a changed value or counter is', () => {
    const m = (value: number, counter: number | null) => ({
      grid: { value, at: 0, updateCounter: counter },
      inverter: null,
      bms: null,
    });
    let f = updateMeterFreshness(INITIAL_METER_FRESHNESS, 100, m(100, null), 0);
    expect(f).toMatchObject({ newSample: true, changedAt: 0 });
    f = updateMeterFreshness(f, 100, m(100, null), 250);
    expect(f).toMatchObject({ newSample: false, changedAt: 0 });
    f = updateMeterFreshness(f, 101, m(101, null), 500);
    expect(f).toMatchObject({ newSample: true, changedAt: 500 });
    // With a counter, the counter decides: same value, new counter = new sample ...
    f = updateMeterFreshness(f, 101, m(101, 7), 750);
    expect(f).toMatchObject({ newSample: true, changedAt: 750 });
    // ... and a changed value under a stuck counter is not.
    f = updateMeterFreshness(f, 140, m(140, 7), 1000);
    expect(f).toMatchObject({ newSample: false, changedAt: 750 });
    // No fresh value: nothing new, and the frozen clock restarts with the next sample.
    f = updateMeterFreshness(f, null, m(140, 7), 1250);
    expect(f).toMatchObject({ newSample: false, changedAt: null });
  });
});

describe('self-consumption steps on new meter samples only', () => {
  test('a repeated meter sample holds the target while the inverter moves', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    s = at(s, 250, plain({ gridW: 1000, inverterW: 0 }));
    expect(s.setpointW).toBe(1000);
    // The inverter has delivered 600 W, but the meter has not refreshed: the same 1000 W
    // again. Adding it again would ask for 1600 W; the law holds 1000 W.
    s = at(s, 500, plain({ gridW: 1000, inverterW: 600 }));
    expect(s.setpointW).toBe(1000);
    s = at(s, 750, plain({ gridW: 1000, inverterW: 1000 }));
    expect(s.setpointW).toBe(1000);
    // The meter refreshes: 400 W more load shows, and the law acts on it once.
    s = at(s, 1000, plain({ gridW: 400, inverterW: 1000 }));
    expect(s.setpointW).toBe(1400);
  });

  test('without holding, the same stale sample would be counted twice (the old behaviour)', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    s = at(s, 250, { gridW: 1000, inverterW: 0 });
    // A meter whose counter says "new" is trusted: the law acts on every such sample.
    s = at(s, 500, { gridW: 1000, inverterW: 600 });
    expect(s.setpointW).toBe(1600);
  });

  test('the update counter marks a new sample even when the value did not change', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    s = at(s, 250, { gridW: 500, inverterW: 0, meterCounter: 1 });
    expect(s.setpointW).toBe(500);
    s = at(s, 500, { gridW: 500, inverterW: 500, meterCounter: 1 });
    expect(s.setpointW).toBe(500);
    s = at(s, 750, { gridW: 500, inverterW: 500, meterCounter: 2 });
    expect(s.setpointW).toBe(1000);
  });

  test('the ramp keeps moving towards the held target between samples', () => {
    const slow = { ...CFG, rampWPerS: 1000 };
    let s = running('SELF_CONSUMPTION', 0, slow);
    s = stepAt(s, site(250, plain({ gridW: 2000 })), 250, slow).state;
    expect(s.setpointW).toBe(250);
    s = stepAt(s, site(500, plain({ gridW: 2000, inverterW: 250 })), 500, slow).state;
    expect(s.setpointW).toBe(500);
    expect(s.limitedBy).toBe('ramp');
  });

  test('a new mode does not inherit the held target of another', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    s = at(s, 250, plain({ gridW: 1000 }));
    s = command(s, { type: 'setMode', mode: 'CHARGE_ONLY' }, 300, CFG).state;
    s = at(s, 500, plain({ gridW: 1000 }));
    s = command(s, { type: 'setMode', mode: 'SELF_CONSUMPTION' }, 600, CFG).state;
    // The meter repeats 1000 W, the inverter reports -1000 W: computed afresh, not held.
    s = at(s, 750, plain({ gridW: 1000, inverterW: -1000 }));
    expect(s.heldTarget).toEqual({ mode: 'SELF_CONSUMPTION', targetW: 0, pvW: null });
  });
});

describe('METER_STALE: a meter that answers with a frozen value', () => {
  /** Steps every 250 ms from `from` to `to` with the same plain meter value. */
  function frozen(s: CoreState, from: number, to: number, gridW: number): CoreState {
    let state = s;
    for (let t = from; t <= to; t += 250) state = at(state, t, plain({ gridW, inverterW: 0 }));
    return state;
  }

  test('within the maximum hold nothing happens; beyond it FAULT at 0 W', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    s = frozen(s, 250, 30_250, 300);
    expect(s.state).toBe('SELF_CONSUMPTION');
    expect(s.activeFaults).toEqual([]);
    const out = stepAt(s, site(30_500, plain({ gridW: 300 })), 30_500, CFG);
    expect(out.state.state).toBe('FAULT');
    expect(out.setpointW).toBe(0);
    expect(out.state.activeFaults.map((f) => f.code)).toEqual(['METER_STALE']);
    expect(out.state.activeFaults[0]?.message).toMatch(
      /frozen at 300 W for 30\.3 s \(limit 30 s\)/,
    );
    expect(out.events.map((e) => e.kind)).toContain('fault');
  });

  test('a stuck update counter is stale even while the value moves', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    for (let t = 250; t <= 31_000; t += 250)
      s = at(s, t, { gridW: 300 + (t % 1000), inverterW: 0, meterCounter: 42 });
    expect(s.state).toBe('FAULT');
    expect(s.activeFaults[0]?.message).toMatch(/update counter stuck at 42/);
  });

  test('the fault clears when the meter moves again, and the core recovers', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    s = frozen(s, 250, 31_000, 300);
    expect(s.state).toBe('FAULT');
    s = at(s, 31_250, plain({ gridW: 305 }));
    expect(s.activeFaults).toEqual([]);
    expect(s.state).toBe('STANDBY');
  });

  test('the maximum hold is the site setting', () => {
    const long = { ...CFG, meterMaxHoldMs: 60_000 };
    let s = running('SELF_CONSUMPTION', 0, long);
    for (let t = 250; t <= 45_000; t += 250)
      s = stepAt(s, site(t, plain({ gridW: 300 })), t, long).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
  });

  test('a silent meter is a comm loss, not METER_STALE', () => {
    let s = running('SELF_CONSUMPTION', 0, CFG);
    s = frozen(s, 250, 1000, 300);
    s = at(s, 5000, { gridW: null });
    expect(s.activeFaults.map((f) => f.code)).toEqual(['METER_COMM_LOSS']);
  });
});
