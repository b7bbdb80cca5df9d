import type { EmsState, RunMode } from '../../shared/ems-names';
import type { CoreEvent, CoreState } from './core-state';
import { ZERO_OUTPUT_STATES } from './core-state';
import { hasProtectionAlarm } from './faults';

/**
 * State changes shared by commands and steps. Each returns the new state and the events
 * that describe it; the zero-output states set 0 W in the state at once, so a runtime that
 * writes the state's setpoint right after a command never sends a stale value.
 */
export interface Transition {
  readonly state: CoreState;
  readonly events: CoreEvent[];
}

/** The operating state a run mode runs in. */
export function stateForMode(mode: RunMode): EmsState {
  if (mode === 'IDLE') return 'STANDBY';
  if (mode === 'EXTERNAL') return 'EXTERNAL_CONTROL';
  return 'SELF_CONSUMPTION';
}

/** 'state' and 'mode' events for whatever changed between two states. */
export function changeEvents(
  before: CoreState,
  after: CoreState,
  now: number,
  why: string,
): CoreEvent[] {
  const events: CoreEvent[] = [];
  if (before.state !== after.state) {
    events.push({
      at: now,
      kind: 'state',
      code: after.state,
      message: `${before.state} -> ${after.state}: ${why}`,
    });
  }
  if (before.mode !== after.mode) {
    events.push({
      at: now,
      kind: 'mode',
      code: after.mode,
      message: `${before.mode} -> ${after.mode}: ${why}`,
    });
  }
  return events;
}

/** Output fields of a state that must deliver 0 W. */
const ZERO_OUTPUT = { setpointW: 0, limitedBy: 'none' } as const;

/**
 * Enters `mode` and the state it runs in. Any pending intent is consumed; the external
 * setpoint survives only while the mode stays EXTERNAL (a new EXTERNAL session starts at 0 W).
 */
export function enterMode(s: CoreState, mode: RunMode, now: number, why: string): Transition {
  const state = stateForMode(mode);
  const next: CoreState = {
    ...s,
    state,
    mode,
    pendingMode: null,
    // A commissioning test never outlives a mode change.
    test: null,
    external: mode === 'EXTERNAL' && s.mode === 'EXTERNAL' ? s.external : null,
    // A new EXTERNAL session outputs 0 W until its first setpoint: no ramp down from the old output.
    ...(ZERO_OUTPUT_STATES.includes(state) || (mode === 'EXTERNAL' && s.mode !== 'EXTERNAL')
      ? ZERO_OUTPUT
      : {}),
  };
  return { state: next, events: changeEvents(s, next, now, why) };
}

/**
 * Enters FAULT: 0 W at once, mode IDLE, intent and external setpoint dropped. The mode
 * that was running is remembered for autoResume, unless a protection alarm is involved.
 */
export function enterFault(s: CoreState, now: number, why: string): Transition {
  const resumeMode = s.mode !== 'IDLE' && !hasProtectionAlarm(s.activeFaults) ? s.mode : null;
  const next: CoreState = {
    ...s,
    state: 'FAULT',
    mode: 'IDLE',
    pendingMode: null,
    resumeMode,
    external: null,
    test: null,
    ...ZERO_OUTPUT,
  };
  return { state: next, events: changeEvents(s, next, now, why) };
}

/** Enters STOP from any state: 0 W at once, mode IDLE, all intent cleared. The ack latch stays. */
export function enterStop(s: CoreState, now: number, why: string): Transition {
  const next: CoreState = {
    ...s,
    state: 'STOP',
    mode: 'IDLE',
    pendingMode: null,
    resumeMode: null,
    external: null,
    test: null,
    ...ZERO_OUTPUT,
  };
  return { state: next, events: changeEvents(s, next, now, why) };
}
