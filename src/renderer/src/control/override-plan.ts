import type { EmsCommand } from '../../../shared/commands';
import type { RunMode } from '../../../shared/ems-names';
import type { EmsSnapshot } from '../../../shared/snapshot';
import { isOverrideMode, modeLabel } from '../format/ems-words';
import { formatPower } from '../format/power-words';
import { overrideLimitW, validateOverridePower } from './power-input';

/**
 * What pressing Apply in the control panel does, decided without React so every path is
 * tested: an invalid power sends nothing, a manual override asks first, anything else is
 * sent straight away.
 */
export type ApplyPlan =
  | { readonly kind: 'invalid'; readonly error: string }
  | { readonly kind: 'send'; readonly label: string; readonly commands: readonly EmsCommand[] }
  | {
      readonly kind: 'confirm';
      readonly label: string;
      readonly mode: 'CHARGE_ONLY' | 'DISCHARGE_ONLY';
      readonly watts: number;
      readonly commands: readonly EmsCommand[];
    };

/** What the plan is made from. */
export interface PlanInput {
  /** The power typed in the power box. */
  readonly powerText: string;
  /** The mode chosen in the mode menu. */
  readonly selectedMode: RunMode;
  readonly snapshot: Pick<EmsSnapshot, 'mode' | 'ratings'>;
}

function confirmPlan(mode: 'CHARGE_ONLY' | 'DISCHARGE_ONLY', input: PlanInput): ApplyPlan {
  const checked = validateOverridePower(
    input.powerText,
    overrideLimitW(input.snapshot.ratings, mode),
  );
  if (!checked.ok) return { kind: 'invalid', error: checked.error };
  // One command: the mode and its power are accepted or refused together.
  const commands: EmsCommand[] = [{ type: 'setMode', mode, watts: checked.watts }];
  const verb = mode === 'CHARGE_ONLY' ? 'Charge' : 'Discharge';
  return {
    kind: 'confirm',
    label: `${verb} at ${formatPower(checked.watts)}`,
    mode,
    watts: checked.watts,
    commands,
  };
}

/**
 * The one Apply of the run-mode form. An override mode needs a valid power for its direction
 * and a confirmation; any other mode is sent at once.
 */
export function planApply(input: PlanInput): ApplyPlan {
  if (isOverrideMode(input.selectedMode)) return confirmPlan(input.selectedMode, input);
  return {
    kind: 'send',
    label: `Mode ${modeLabel(input.selectedMode)}`,
    commands: [{ type: 'setMode', mode: input.selectedMode }],
  };
}
