import { EMS_STATES, FAULT_CODES, LINK_HEALTH, LINK_IDS, RUN_MODES } from '../../shared/ems-names';
import type { CoreState } from './core-state';
import { ZERO_OUTPUT_STATES } from './core-state';
import { FAULT_LOG_LIMIT } from './fault-log';
import { stateForMode } from './transitions';

/**
 * Every rule a valid CoreState obeys, as a list of violations (empty = valid). Used by the
 * property tests; a runtime may also call it to guard against a corrupted state.
 */
export function checkCoreInvariants(s: CoreState): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  expect(EMS_STATES.includes(s.state), `unknown state ${s.state}`);
  expect(RUN_MODES.includes(s.mode), `unknown mode ${s.mode}`);
  // A commissioning test is the one non-zero output STANDBY may have.
  const testing = s.test !== undefined && s.test !== null;
  if (testing) expect(s.state === 'STANDBY', `test output held in ${s.state}`);
  if (ZERO_OUTPUT_STATES.includes(s.state)) {
    expect(s.mode === 'IDLE', `${s.state} must run mode IDLE, has ${s.mode}`);
    if (!testing) {
      expect(s.setpointW === 0, `${s.state} must output 0 W, has ${s.setpointW}`);
      expect(s.limitedBy === 'none', `${s.state} must report limitedBy none, has ${s.limitedBy}`);
    }
  } else {
    expect(stateForMode(s.mode) === s.state, `mode ${s.mode} does not run in state ${s.state}`);
  }
  if (s.pendingMode !== null) {
    expect(s.state === 'STANDBY', `pending intent outside STANDBY (${s.state})`);
    expect(s.pendingMode !== 'IDLE', 'pending intent IDLE');
  }
  expect(
    s.external === null || s.mode === 'EXTERNAL',
    'external setpoint held outside mode EXTERNAL',
  );
  expect(Number.isFinite(s.setpointW), 'setpoint not finite');
  expect(
    Number.isFinite(s.band.lowerW) && s.band.lowerW <= 0,
    `band lower edge ${s.band.lowerW} not <= 0`,
  );
  expect(
    Number.isFinite(s.band.upperW) && s.band.upperW >= 0,
    `band upper edge ${s.band.upperW} not >= 0`,
  );
  expect(
    s.setpointW >= s.band.lowerW && s.setpointW <= s.band.upperW,
    `setpoint ${s.setpointW} outside band`,
  );
  expect(
    Number.isFinite(s.overrideW) && s.overrideW >= 0,
    `override ${s.overrideW} not a finite magnitude`,
  );
  expect(Number.isFinite(s.gridTargetW), 'grid target not finite');
  for (const id of LINK_IDS)
    expect(LINK_HEALTH.includes(s.links[id]), `link ${id} health ${s.links[id]}`);
  const codes = s.activeFaults.map((f) => f.code);
  expect(new Set(codes).size === codes.length, 'duplicate active fault');
  expect(
    codes.every((c) => FAULT_CODES.includes(c)),
    'unknown fault code',
  );
  expect(s.faultLog.length <= FAULT_LOG_LIMIT, 'fault log over its limit');
  return problems;
}
