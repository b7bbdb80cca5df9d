import { describe, expect, test } from 'vitest';
import type { RunMode } from '../../shared/ems-names';
import { applyCommand } from './state-machine';
import { readyStandby, running, TEST_CONFIG } from './core.test-kit';
import type { CoreState } from './core-state';

/** setMode with a power: the mode and its power are accepted or refused together. */

const T = 1000;
const config = { ...TEST_CONFIG, inverterMaxChargeW: 5000, inverterMaxDischargeW: 4000 };

function setMode(s: CoreState, mode: RunMode, watts?: number): ReturnType<typeof applyCommand> {
  const cmd =
    watts === undefined
      ? { type: 'setMode' as const, mode }
      : { type: 'setMode' as const, mode, watts };
  return applyCommand(s, cmd, T + 10, config);
}

describe('setMode with a power', () => {
  test('enters the override mode at the power in one step', () => {
    const { state, result } = setMode(readyStandby(T, config), 'CHARGE_ONLY', 2000);
    expect(result).toEqual({ ok: true });
    expect(state.mode).toBe('CHARGE_ONLY');
    expect(state.overrideW).toBe(2000);
  });

  test('changes the power of the override that already runs', () => {
    const before = running('DISCHARGE_ONLY', T, config);
    const { state, result } = setMode(before, 'DISCHARGE_ONLY', 1500);
    expect(result).toEqual({ ok: true });
    expect(state.mode).toBe('DISCHARGE_ONLY');
    expect(state.overrideW).toBe(1500);
  });

  // The transports' schema refuses most of these first; the core checks them again itself.
  test.each<[RunMode, number, string]>([
    ['CHARGE_ONLY', 5001, '5001 W charge is above the inverter rating (5000 W)'],
    ['DISCHARGE_ONLY', 4500, '4500 W discharge is above the inverter rating (4000 W)'],
    ['CHARGE_ONLY', -1, 'must be >= 0'],
    ['CHARGE_ONLY', Number.NaN, 'finite number'],
    ['SELF_CONSUMPTION', 2000, 'watts must be left out for SELF_CONSUMPTION'],
  ])('%s at %j is refused and changes nothing', (mode, watts, reason) => {
    const before = running('SELF_CONSUMPTION', T, config);
    const { state, result } = setMode(before, mode, watts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
    expect(state).toBe(before);
  });

  test('a mode without a power keeps the stored one', () => {
    const stored = applyCommand(
      readyStandby(T, config),
      { type: 'setOverridePower', watts: 1200 },
      T,
      config,
    ).state;
    const { state } = setMode(stored, 'CHARGE_ONLY');
    expect(state.overrideW).toBe(1200);
  });

  test('is refused in STOP before the power is stored', () => {
    const stopped = applyCommand(readyStandby(T, config), { type: 'stop' }, T, config).state;
    const { state, result } = setMode(stopped, 'CHARGE_ONLY', 2000);
    expect(result.ok).toBe(false);
    expect(state.overrideW).toBe(stopped.overrideW);
  });
});
