import type { RunMode } from '../../../shared/ems-names';
import type { EmsSnapshot } from '../../../shared/snapshot';
import { isOverrideMode } from '../format/ems-words';

/**
 * Which controls can act right now. A button that cannot change anything is disabled, and
 * the reason is shown, so nobody presses Start on a running EMS and wonders what happened.
 */
export interface ControlAvailability {
  readonly start: boolean;
  /** Off only while the EMS is known to be stopped: every stop ends at 0 W, so it is never refused. */
  readonly stop: boolean;
  /** The mode menu, the power box and Apply. */
  readonly mode: boolean;
  /** Why the mode controls are off; null while they are on. */
  readonly modeReason: string | null;
}

/** The controls' availability for a snapshot; `current` false means the snapshot is stale. */
export function controlAvailability(
  s: Pick<EmsSnapshot, 'state'>,
  current: boolean,
): ControlAvailability {
  if (!current)
    return {
      start: false,
      stop: true,
      mode: false,
      modeReason: 'No live data from the EMS: only Stop is offered.',
    };
  switch (s.state) {
    case 'STOP':
      return { start: true, stop: false, mode: false, modeReason: 'Stopped: press Start first.' };
    case 'FAULT':
      return {
        start: false,
        stop: true,
        mode: false,
        modeReason: 'In FAULT: choose a mode again once the fault has cleared.',
      };
    default:
      return { start: false, stop: true, mode: true, modeReason: null };
  }
}

/**
 * Whether Apply would change anything: another mode, or a new power for the override mode
 * that already runs (the same text as the running power changes nothing).
 */
export function applyChangesSomething(
  selectedMode: RunMode,
  powerText: string,
  s: Pick<EmsSnapshot, 'mode' | 'overrideW' | 'pendingMode'>,
): boolean {
  if (selectedMode !== s.mode && selectedMode !== s.pendingMode) return true;
  if (!isOverrideMode(selectedMode)) return false;
  return powerText.trim() !== String(s.overrideW);
}
