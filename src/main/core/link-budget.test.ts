import { describe, expect, test } from 'vitest';
import type { CoreState } from './core-state';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from './core-config';
import type { CoreEvent } from './core-state';
import { command, readyStandby, site, stepAt } from './core.test-kit';
import type { Measurements } from './measurements';

/**
 * The comm-loss budget and the recovery debounce, in virtual time: one step is one poll of
 * 250 ms, with the defaults (3 failed polls AND the 750 ms staleness; 3 fresh samples back).
 */
const CFG: CoreConfig = {
  ...DEFAULT_CORE_CONFIG,
  timeouts: { meterMs: 750, inverterMs: 750, bmsMs: 3000 },
  hasBms: false,
};
const POLL = 250;

/** A site whose meter delivered its last sample at `meterAt`; the inverter is always fresh. */
function at(now: number, meterAt: number, gridW = 1000): Measurements {
  const m = site(now, { gridW });
  return { ...m, grid: { value: gridW, at: meterAt } };
}

/** Self-consumption running at t0, every link fresh. */
function running(t0: number): CoreState {
  let s = readyStandby(t0 - POLL, CFG);
  s = command(s, { type: 'setMode', mode: 'SELF_CONSUMPTION' }, t0 - POLL, CFG).state;
  s = stepAt(s, at(t0, t0), t0, CFG).state;
  expect(s.state).toBe('SELF_CONSUMPTION');
  return s;
}

describe('comm-loss budget', () => {
  test('one poll that ran to its timeout (505 ms) does not drop a running mode', () => {
    let s = running(10_000);
    // The next request times out: that cycle ends at 10 250 + 505 with no new sample...
    s = stepAt(s, at(10_755, 10_000), 10_755, CFG).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
    expect(s.links.meter).toBe('ok');
    // ...and the one after answers.
    s = stepAt(s, at(11_005, 11_005), 11_005, CFG).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
  });

  test('two consecutive failed polls, each to its timeout, do not drop it either', () => {
    let s = running(10_000);
    s = stepAt(s, at(10_755, 10_000), 10_755, CFG).state;
    s = stepAt(s, at(11_510, 10_000), 11_510, CFG).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
    s = stepAt(s, at(11_760, 11_760), 11_760, CFG).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
  });

  test('three failed polls past the staleness time are a comm loss: FAULT at 0 W', () => {
    let s = running(10_000);
    for (const t of [10_250, 10_500]) s = stepAt(s, at(t, 10_000), t, CFG).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
    s = stepAt(s, at(10_750, 10_000), 10_750, CFG).state;
    // Three failed polls, but the sample is still within its 750 ms: not yet.
    expect(s.state).toBe('SELF_CONSUMPTION');
    const r = stepAt(s, at(11_000, 10_000), 11_000, CFG);
    expect(r.state).toMatchObject({ state: 'FAULT', setpointW: 0 });
    expect(r.state.activeFaults.map((f) => f.code)).toEqual(['METER_COMM_LOSS']);
  });

  test('the budget is a setting: with commLossPolls 5, four failed polls are tolerated', () => {
    const cfg = { ...CFG, commLossPolls: 5 };
    let s = running(10_000);
    for (const t of [10_250, 10_500, 10_750, 11_000]) s = stepAt(s, at(t, 10_000), t, cfg).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
    s = stepAt(s, at(11_250, 10_000), 11_250, cfg).state;
    expect(s.state).toBe('FAULT');
  });
});

describe('recovery debounce', () => {
  /** A core in FAULT with the meter lost since t = 11 000. */
  function lostMeter(): CoreState {
    let s = running(10_000);
    for (const t of [10_250, 10_500, 10_750, 11_000]) s = stepAt(s, at(t, 10_000), t, CFG).state;
    expect(s.links.meter).toBe('lost');
    return s;
  }

  test('the fault clears only after three fresh samples in a row', () => {
    let s = lostMeter();
    s = stepAt(s, at(11_250, 11_250), 11_250, CFG).state;
    s = stepAt(s, at(11_500, 11_500), 11_500, CFG).state;
    expect(s).toMatchObject({ state: 'FAULT' });
    s = stepAt(s, at(11_750, 11_750), 11_750, CFG).state;
    expect(s.links.meter).toBe('ok');
    expect(s.state).toBe('STANDBY');
  });

  test('a meter that answers one poll in eight stays lost: no flapping, one log entry', () => {
    let s = lostMeter();
    const events: CoreEvent[] = [];
    let lastAt = 10_000;
    for (let i = 1; i <= 80; i++) {
      const t = 11_000 + i * POLL;
      if (i % 8 === 0) lastAt = t;
      s = stepAt(s, at(t, lastAt), t, CFG, events).state;
    }
    expect(s.state).toBe('FAULT');
    expect(events.filter((e) => e.kind === 'state' || e.kind === 'fault')).toEqual([]);
    expect(s.faultLog.filter((e) => e.code === 'METER_COMM_LOSS')).toHaveLength(1);
  });

  test('or after fresh samples without a break for recoverHoldMs', () => {
    const cfg = { ...CFG, recoverSamples: 100, recoverHoldMs: 1000 };
    let s = running(10_000);
    for (const t of [10_250, 10_500, 10_750, 11_000]) s = stepAt(s, at(t, 10_000), t, cfg).state;
    for (let t = 11_250; t < 12_250; t += POLL) s = stepAt(s, at(t, t), t, cfg).state;
    expect(s.links.meter).toBe('lost');
    s = stepAt(s, at(12_250, 12_250), 12_250, cfg).state;
    expect(s.links.meter).toBe('ok');
  });
});
