import type { EmsState, LimitedBy, LinkHealth, RunMode } from '../../../shared/ems-names';

/**
 * Plain words for the codes the EMS reports. The code names stay visible on screen (the
 * docs and the CLI use them); these words say what they mean. Records over the code unions
 * make the compiler insist on a wording for every value.
 */

const LIMITED_BY_WORDS: Readonly<Record<LimitedBy, string>> = {
  none: 'not limited',
  inverterRating: 'limited by the inverter rating',
  bmsChargeCurrentLimit: 'limited by BMS charge current limit',
  bmsDischargeCurrentLimit: 'limited by BMS discharge current limit',
  bmsChargeDisabled: 'limited: BMS has charging disabled',
  bmsDischargeDisabled: 'limited: BMS has discharging disabled',
  socMax: 'limited: SOC at its maximum, charging blocked',
  socMin: 'limited: SOC at its minimum, discharging blocked',
  gridImportLimit: 'limited by the grid import limit',
  gridExportLimit: 'limited by the grid export limit',
  ramp: 'limited by the ramp rate (moving toward the target)',
  deadband: 'held: grid within the deadband',
  socUnknown: 'blocked: SOC unknown, no charging or discharging',
  bmsLinkLost: 'blocked: BMS link lost, no charging or discharging',
};

const LIMIT_NAMES: Readonly<Record<LimitedBy, string>> = {
  none: 'no limit',
  inverterRating: 'inverter rating',
  bmsChargeCurrentLimit: 'BMS charge current limit',
  bmsDischargeCurrentLimit: 'BMS discharge current limit',
  bmsChargeDisabled: 'BMS charge disabled',
  bmsDischargeDisabled: 'BMS discharge disabled',
  socMax: 'SOC maximum',
  socMin: 'SOC minimum',
  gridImportLimit: 'grid import limit',
  gridExportLimit: 'grid export limit',
  ramp: 'ramp',
  deadband: 'deadband',
  socUnknown: 'SOC unknown',
  bmsLinkLost: 'BMS link lost',
};

/** The short name of a limit, for the edges of the allowed band. */
export function limitName(code: LimitedBy): string {
  return LIMIT_NAMES[code] ?? String(code);
}

/** What bound the setpoint, in plain words. */
export function limitedByWords(code: LimitedBy): string {
  return LIMITED_BY_WORDS[code] ?? `limited (${String(code)})`;
}

const STATE_WORDS: Readonly<Record<EmsState, string>> = {
  STOP: 'stopped: 0 W',
  STANDBY: 'running, no active mode: 0 W',
  SELF_CONSUMPTION: 'controlling the battery',
  EXTERNAL_CONTROL: 'following an external controller',
  FAULT: 'fault: 0 W',
};

/** What a state means for the output. */
export function stateWords(state: EmsState): string {
  return STATE_WORDS[state] ?? String(state);
}

const MODE_LABELS: Readonly<Record<RunMode, string>> = {
  IDLE: 'Idle (0\u00a0W)',
  SELF_CONSUMPTION: 'Self consumption',
  CHARGE_ONLY: 'Charge only (manual override)',
  DISCHARGE_ONLY: 'Discharge only (manual override)',
  EXTERNAL: 'External controller',
};

/** A run mode's name for menus. */
export function modeLabel(mode: RunMode): string {
  return MODE_LABELS[mode] ?? String(mode);
}

const HEALTH_WORDS: Readonly<Record<LinkHealth, string>> = {
  ok: 'OK',
  connecting: 'connecting',
  lost: 'LOST',
};

/** A link's health in words. */
export function healthWords(health: LinkHealth): string {
  return HEALTH_WORDS[health] ?? String(health);
}

/** The manual-override modes: a fixed power chosen by the operator. */
export function isOverrideMode(
  mode: RunMode | null | undefined,
): mode is 'CHARGE_ONLY' | 'DISCHARGE_ONLY' {
  return mode === 'CHARGE_ONLY' || mode === 'DISCHARGE_ONLY';
}
