import type { EmsCommand } from '../../shared/commands';
import { RUN_MODES } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import type { CoreEvent, CoreState } from './core-state';
import { appendFaultLog, snapshotMeasurements, type FaultLogEntry } from './fault-log';
import { describeFaults } from './faults';
import { NO_MEASUREMENTS } from './measurements';
import { linksNotOk } from './link-health';
import { finiteOr, finiteOrNull, isRecord, show } from './safe-values';
import type { CommandOutcome, RawCommand } from './command-outcome';
import { accept, reject, unchanged } from './command-outcome';
import {
  modePower,
  setExternalSetpoint,
  setGridTarget,
  setOverridePower,
} from './setting-commands';
import { enterMode, enterStop } from './transitions';
import { describeError } from '../util/describe-error';

/** Why FAULT refuses a mode: the active faults, the latch, or the links still recovering. */
function faultReason(s: CoreState, config: CoreConfig): string {
  if (s.activeFaults.length > 0) return `in FAULT: ${describeFaults(s.activeFaults)}`;
  if (s.needsAck) return 'in FAULT: BMS protection alarm latched, acknowledge it first';
  return `in FAULT: waiting for links to recover: ${linksNotOk(s.links, config).join(', ')}`;
}

function start(s: CoreState, now: number): CommandOutcome {
  if (s.state !== 'STOP') return reject(s, now, 'start', `already running (state ${s.state})`);
  // Watching restarts: links without fresh data get a new grace period from this start.
  const reset = (h: CoreState['links']['meter']): typeof h => (h === 'ok' ? 'ok' : 'connecting');
  const links = {
    meter: reset(s.links.meter),
    inverter: reset(s.links.inverter),
    bms: reset(s.links.bms),
  };
  const t = enterMode({ ...s, watchSince: now, links }, 'IDLE', now, 'start command');
  return accept(t);
}

/**
 * setMode, with an optional power for CHARGE_ONLY and DISCHARGE_ONLY: one command, so the
 * mode never starts at a stale power and a refused power leaves the mode unchanged.
 */
function setMode(s: CoreState, cmd: RawCommand, now: number, config: CoreConfig): CommandOutcome {
  const mode = RUN_MODES.find((m) => m === cmd.mode);
  if (mode === undefined) return reject(s, now, 'setMode', `unknown mode ${show(cmd.mode)}`);
  const power = modePower(cmd.watts, mode, config);
  if (typeof power === 'object') return reject(s, now, 'setMode', power.refused);
  if (s.state === 'STOP') return reject(s, now, 'setMode', 'stopped: start first');
  if (s.state === 'FAULT') return reject(s, now, 'setMode', faultReason(s, config));
  const next = power === undefined ? s : { ...s, overrideW: power };
  if (s.state === 'STANDBY' && mode !== 'IDLE') {
    const waiting = linksNotOk(s.links, config);
    if (waiting.length > 0) {
      return accept(
        unchanged({ ...next, pendingMode: mode }),
        `waiting for links: ${waiting.join(', ')}`,
      );
    }
  }
  if (mode === s.mode) return accept(unchanged({ ...next, pendingMode: null }));
  const reason = power === undefined ? `setMode ${mode}` : `setMode ${mode} at ${power} W`;
  return accept(enterMode(next, mode, now, reason));
}

function acknowledgeFault(s: CoreState, now: number, config: CoreConfig): CommandOutcome {
  const type = 'acknowledgeFault';
  if (!s.needsAck) return reject(s, now, type, 'no fault to acknowledge');
  const alarm = s.activeFaults.find((f) => f.code === 'BMS_PROTECTION_ALARM');
  if (alarm !== undefined) return reject(s, now, type, `BMS alarm still active: ${alarm.message}`);
  // The log shows who let the site run again; a command has no readings of its own, so the
  // entry carries what the EMS last logged for the alarm (its clearing).
  const last = s.faultLog.findLast((e) => e.code === 'BMS_PROTECTION_ALARM');
  const entry: FaultLogEntry = {
    at: now,
    code: 'BMS_PROTECTION_ALARM',
    kind: 'acknowledged',
    message: 'BMS protection alarm acknowledged',
    measurements: last?.measurements ?? snapshotMeasurements(NO_MEASUREMENTS, now, null),
  };
  const cleared: CoreState = {
    ...s,
    needsAck: false,
    faultLog: appendFaultLog(s.faultLog, [entry]),
  };
  const event: CoreEvent = {
    at: now,
    kind: 'fault-acknowledged',
    code: 'BMS_PROTECTION_ALARM',
    message: 'BMS protection alarm acknowledged',
  };
  const recovered =
    s.state === 'FAULT' && s.activeFaults.length === 0 && linksNotOk(s.links, config).length === 0;
  if (!recovered) return accept({ state: cleared, events: [event] });
  const t = enterMode(cleared, 'IDLE', now, 'fault acknowledged, links fresh');
  return accept({ state: t.state, events: [event, ...t.events] });
}

function dispatch(
  s: CoreState,
  cmd: RawCommand,
  type: string,
  now: number,
  config: CoreConfig,
): CommandOutcome {
  if (type === 'stop') {
    return accept(s.state === 'STOP' ? unchanged(s) : enterStop(s, now, 'stop command'));
  }
  if (finiteOrNull(now) === null)
    return reject(s, finiteOr(now, 0), type, 'invalid clock: now is not a finite number');
  switch (type) {
    case 'start':
      return start(s, now);
    case 'setMode':
      return setMode(s, cmd, now, config);
    case 'setOverridePower':
      return setOverridePower(s, cmd, now, config);
    case 'setGridTarget':
      return setGridTarget(s, cmd, now, config);
    case 'setExternalSetpoint':
      return setExternalSetpoint(s, cmd, now, config);
    case 'acknowledgeFault':
      return acknowledgeFault(s, now, config);
    default:
      return reject(s, now, 'command', `unknown command ${show(type)}`);
  }
}

/**
 * Applies one operator command. Pure and total: every input, however malformed, ends in a
 * result (accepted, accepted as pending intent, or rejected with a reason); it never throws.
 * The full table of commands per state is docs/state-machine.md.
 */
export function applyCommand(
  state: CoreState,
  command: EmsCommand,
  now: number,
  config: CoreConfig,
): CommandOutcome {
  const raw: unknown = command;
  try {
    if (!isRecord(raw) || typeof raw.type !== 'string') {
      return reject(
        state,
        now,
        'command',
        'malformed command: expected an object with a string "type"',
      );
    }
    return dispatch(state, raw, raw.type, now, config);
  } catch (error) {
    return reject(state, now, 'command', `internal error: ${describeError(error)}`);
  }
}
