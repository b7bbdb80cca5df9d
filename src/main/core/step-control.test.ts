import { describe, expect, test } from 'vitest';
import type { CoreConfig } from './core-config';
import type { CoreEvent, CoreState } from './core-state';
import type { SiteValues } from './core.test-kit';
import { command, running, site, stepAt, TEST_CONFIG } from './core.test-kit';

/** Steps once a second from `from`, with the same site values, collecting the outputs. */
function runFor(
  s: CoreState,
  from: number,
  seconds: number,
  v: SiteValues,
  cfg: CoreConfig = TEST_CONFIG,
) {
  const outputs: { w: number; by: string }[] = [];
  let state = s;
  for (let i = 1; i <= seconds; i += 1) {
    const out = stepAt(state, site(from + i * 1000, v), from + i * 1000, cfg);
    outputs.push({ w: out.setpointW, by: out.limitedBy });
    state = out.state;
  }
  return { state, outputs };
}

describe('self-consumption law, ramp and deadband', () => {
  test('ramps toward P_inverter + P_grid - target at rampWPerS, reporting ramp', () => {
    const { outputs } = runFor(running('SELF_CONSUMPTION', 0), 0, 3, { gridW: 2500, inverterW: 0 });
    expect(outputs).toEqual([
      { w: 1000, by: 'ramp' },
      { w: 2000, by: 'ramp' },
      { w: 2500, by: 'none' },
    ]);
  });

  test('charges from an export, steering to the grid target', () => {
    let s = command(running('SELF_CONSUMPTION', 0), { type: 'setGridTarget', watts: 100 }, 0).state;
    s = stepAt(s, site(1000, { gridW: -700, inverterW: 0 }), 1000).state;
    expect(s.setpointW).toBe(-800);
  });

  test('a long pause ramps at most one second worth', () => {
    const s = running('SELF_CONSUMPTION', 0);
    const out = stepAt(s, site(10_000, { gridW: 4000 }), 10_000);
    expect(out.setpointW).toBe(1000);
  });

  test('a still setpoint moves one regular step (rampStepMs) at once, even on an extra step soon after', () => {
    let { state } = runFor(running('SELF_CONSUMPTION', 0), 0, 3, { gridW: 2500, inverterW: 0 });
    // Settled at 2500 W by t = 3000; the grid is balanced at 4000.
    state = stepAt(state, site(4000, { gridW: 0, inverterW: 2500 }), 4000).state;
    expect(state.setpointW).toBe(2500);
    // 40 ms later a load step shows: the ramp allows 1000 W/s x 250 ms, not x 40 ms.
    const extra = stepAt(state, site(4040, { gridW: 1000, inverterW: 2500 }), 4040);
    expect(extra.setpointW).toBe(2750);
    expect(extra.limitedBy).toBe('ramp');
    // Having just moved, the next step 40 ms on gets 40 ms worth only.
    const next = stepAt(extra.state, site(4080, { gridW: 1000, inverterW: 2500 }), 4080);
    expect(next.setpointW).toBe(2790);
  });

  test('inside the deadband the previous setpoint is held', () => {
    let { state } = runFor(running('SELF_CONSUMPTION', 0), 0, 2, { gridW: 1200, inverterW: 0 });
    expect(state.setpointW).toBe(1200);
    const held = stepAt(state, site(3000, { gridW: 40, inverterW: 1200 }), 3000);
    expect(held.setpointW).toBe(1200);
    expect(held.limitedBy).toBe('deadband');
    state = held.state;
    const moved = stepAt(state, site(4000, { gridW: 60, inverterW: 1200 }), 4000);
    expect(moved.setpointW).toBe(1260);
    expect(moved.limitedBy).toBe('none');
  });

  test('charge and discharge overrides use the override magnitude', () => {
    let s = command(running('CHARGE_ONLY', 0), { type: 'setOverridePower', watts: 800 }, 0).state;
    expect(stepAt(s, site(1000), 1000).setpointW).toBe(-800);
    s = command(running('DISCHARGE_ONLY', 0), { type: 'setOverridePower', watts: 700 }, 0).state;
    expect(stepAt(s, site(1000), 1000).setpointW).toBe(700);
  });
});

describe('limits cut at once, the ramp does not delay them', () => {
  const discharging = () => runFor(running('DISCHARGE_ONLY', 0), 0, 2, {}).state;

  test('a lowered DCL clamps immediately', () => {
    const s = discharging();
    expect(s.setpointW).toBe(1000);
    const out = stepAt(s, site(2100, { bms: { dischargeCurrentLimitA: 4 } }), 2100);
    expect(out.setpointW).toBe(200);
    expect(out.limitedBy).toBe('bmsDischargeCurrentLimit');
  });

  test('a dropped discharge enable flag goes to 0 W immediately', () => {
    const out = stepAt(discharging(), site(2100, { bms: { dischargeEnabled: false } }), 2100);
    expect(out.setpointW).toBe(0);
    expect(out.limitedBy).toBe('bmsDischargeDisabled');
  });

  test('the SOC floor stops discharge immediately and holds until min + hysteresis', () => {
    const s = discharging();
    const out = stepAt(s, site(2100, { bms: { socPct: 10 } }), 2100);
    expect(out.setpointW).toBe(0);
    expect(out.limitedBy).toBe('socMin');
    const inBand = stepAt(out.state, site(2200, { bms: { socPct: 11.5 } }), 2200);
    expect(inBand.setpointW).toBe(0);
    const out2 = stepAt(inBand.state, site(3200, { bms: { socPct: 12 } }), 3200);
    expect(out2.setpointW).toBe(1000);
  });

  test('no wind-up: after a long clamp the output moves from the clamp, not from the target', () => {
    let s = command(
      running('DISCHARGE_ONLY', 0),
      { type: 'setOverridePower', watts: 5000 },
      0,
    ).state;
    const clamped = runFor(s, 0, 30, { bms: { dischargeCurrentLimitA: 10 } });
    expect(clamped.outputs.at(-1)).toEqual({ w: 500, by: 'bmsDischargeCurrentLimit' });
    s = clamped.state;
    const opened = stepAt(s, site(31_000), 31_000);
    expect(opened.setpointW).toBe(1500);
    expect(opened.limitedBy).toBe('ramp');
  });

  test('STOP and entering STANDBY output 0 W at once', () => {
    const s = discharging();
    const stopped = command(s, { type: 'stop' }, 2050);
    expect(stopped.state.setpointW).toBe(0);
    const idle = command(s, { type: 'setMode', mode: 'IDLE' }, 2050);
    expect(idle.state.setpointW).toBe(0);
    expect(stepAt(idle.state, site(2100), 2100).setpointW).toBe(0);
  });

  test('grid import limit restricts charging only by what the battery adds', () => {
    const cfg = { ...TEST_CONFIG, gridImportLimitW: 3000 };
    let s = command(
      running('CHARGE_ONLY', 0, cfg),
      { type: 'setOverridePower', watts: 5000 },
      0,
      cfg,
    ).state;
    s = runFor(s, 0, 5, { gridW: 2000, inverterW: 0 }, cfg).state;
    // base = 2000 W house import, so the battery may add 1000 W of charge.
    expect(s.setpointW).toBe(-1000);
    expect(s.limitedBy).toBe('gridImportLimit');
  });
});

describe('external setpoints', () => {
  test('follows the setpoint until it expires, then 0 W at once; mode stays EXTERNAL', () => {
    const log: CoreEvent[] = [];
    let s = running('EXTERNAL', 0);
    const set = command(
      s,
      { type: 'setExternalSetpoint', watts: -2000, ttlSeconds: 3, source: 'scada' },
      0,
    );
    expect(set.result).toEqual({ ok: true });
    expect(set.state.external).toEqual({ watts: -2000, expiresAt: 3000, source: 'scada' });
    const before = runFor(set.state, 0, 2, {});
    expect(before.outputs.map((o) => o.w)).toEqual([-1000, -2000]);
    const at = stepAt(before.state, site(3000), 3000, TEST_CONFIG, log);
    expect(at.setpointW).toBe(0);
    expect(at.limitedBy).toBe('none');
    expect(at.state.mode).toBe('EXTERNAL');
    expect(at.state.external).toBeNull();
    expect(log.filter((e) => e.kind === 'external-expired')).toHaveLength(1);
    s = stepAt(at.state, site(4000), 4000, TEST_CONFIG, log).state;
    expect(s.setpointW).toBe(0);
    expect(log.filter((e) => e.kind === 'external-expired')).toHaveLength(1);
  });

  test('uses the default lifetime, refuses a longer one than allowed and powers above rating', () => {
    const s = running('EXTERNAL', 0);
    expect(
      command(s, { type: 'setExternalSetpoint', watts: 100 }, 500).state.external?.expiresAt,
    ).toBe(10_500);
    const long = command(s, { type: 'setExternalSetpoint', watts: 100, ttlSeconds: 301 }, 0);
    expect(long.result).toEqual({
      ok: false,
      reason: 'ttlSeconds 301 is above the maximum of 300 s',
    });
    const big = command(s, { type: 'setExternalSetpoint', watts: -5001 }, 0);
    expect(big.result.ok).toBe(false);
  });
});
