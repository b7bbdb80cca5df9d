import type { CoreState } from './core-state';
import { createCoreState } from './core-state';
import { command, readyStandby, running, site, stepAt, TEST_CONFIG } from './core.test-kit';

/**
 * Named core states for the transition-table test: one per row group of the table in
 * docs/state-machine.md, each reached through real commands and steps from power-up,
 * ending at or before `t + 200` ms. Only tests import this file.
 */
export function stateFixtures(t: number): Record<string, () => CoreState> {
  const alarm = { bms: { alarms: ['CELL_OVER_VOLTAGE'] } };
  /** STANDBY, then a protection alarm at t + 100: FAULT with the latch set. */
  const latched = (): CoreState => stepAt(readyStandby(t), site(t + 100, alarm), t + 100).state;
  const stopped = (s: CoreState): CoreState => command(s, { type: 'stop' }, t + 150).state;
  return {
    STOP: () => stepAt(createCoreState(TEST_CONFIG), site(t), t).state,
    'STOP (latched, alarm active)': () => stopped(latched()),
    'STOP (latched, alarm gone)': () => stepAt(stopped(latched()), site(t + 200), t + 200).state,
    'STANDBY (links fresh)': () => readyStandby(t),
    'STANDBY (links connecting)': () =>
      command(createCoreState(TEST_CONFIG), { type: 'start' }, t).state,
    SELF_CONSUMPTION: () => running('SELF_CONSUMPTION', t),
    'SELF_CONSUMPTION (CHARGE_ONLY)': () => running('CHARGE_ONLY', t),
    EXTERNAL_CONTROL: () => running('EXTERNAL', t),
    'FAULT (comm loss)': () =>
      stepAt(running('SELF_CONSUMPTION', t), site(t, { gridW: null }), t + 1500).state,
    'FAULT (latched, alarm active)': latched,
    'FAULT (latched, alarm gone)': () => stepAt(latched(), site(t + 200), t + 200).state,
    'FAULT (latched, alarm gone, meter stale)': () =>
      stepAt(latched(), site(t + 200, { gridW: null }), t + 200).state,
  };
}
