import type { RunMode } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import type { CoreState } from './core-state';
import type { CommandOutcome, RawCommand } from './command-outcome';
import { accept, reject, unchanged } from './command-outcome';
import type { Transition } from './transitions';
import { finiteOrNull, nonNegative, show } from './safe-values';

/**
 * Commands that change a setting without changing the state: override power, grid target
 * and the external setpoint. Each checks its fields itself, because the core must not rely
 * on a transport having validated them.
 */

/** An accepted setting change, logged as a 'setting' event so the session store keeps it. */
function settingChanged(state: CoreState, now: number, type: string, message: string): Transition {
  return { state, events: [{ at: now, kind: 'setting', code: type, message }] };
}

function notFinite(s: CoreState, now: number, type: string, value: unknown): CommandOutcome {
  return reject(s, now, type, `watts must be a finite number, got ${show(value)}`);
}

/** setOverridePower: a magnitude >= 0, at most the larger inverter rating. Accepted in every state. */
export function setOverridePower(
  s: CoreState,
  cmd: RawCommand,
  now: number,
  config: CoreConfig,
): CommandOutcome {
  const type = 'setOverridePower';
  const watts = finiteOrNull(cmd.watts);
  if (watts === null) return notFinite(s, now, type, cmd.watts);
  if (watts < 0)
    return reject(s, now, type, 'watts must be >= 0 (a magnitude: the mode gives the direction)');
  const max = Math.max(
    nonNegative(config.inverterMaxChargeW),
    nonNegative(config.inverterMaxDischargeW),
  );
  if (watts > max)
    return reject(s, now, type, `${watts} W is above the inverter rating (${max} W)`);
  return accept(
    settingChanged(
      { ...s, overrideW: watts },
      now,
      type,
      `override power ${s.overrideW} W -> ${watts} W`,
    ),
  );
}

/**
 * The power a setMode carries, checked before anything changes: undefined when it carries
 * none, the watts when they fit the mode, else the reason. Only CHARGE_ONLY and
 * DISCHARGE_ONLY take a power (a magnitude), at most the inverter's rating for their
 * direction, so a mode and its power are accepted or refused together.
 */
export function modePower(
  watts: unknown,
  mode: RunMode,
  config: CoreConfig,
): number | { readonly refused: string } | undefined {
  if (watts === undefined) return undefined;
  if (mode !== 'CHARGE_ONLY' && mode !== 'DISCHARGE_ONLY')
    return {
      refused: `watts must be left out for ${mode}: only CHARGE_ONLY and DISCHARGE_ONLY take a power`,
    };
  const value = finiteOrNull(watts);
  if (value === null) return { refused: `watts must be a finite number, got ${show(watts)}` };
  if (value < 0)
    return { refused: 'watts must be >= 0 (a magnitude: the mode gives the direction)' };
  const charging = mode === 'CHARGE_ONLY';
  const max = nonNegative(charging ? config.inverterMaxChargeW : config.inverterMaxDischargeW);
  if (value > max)
    return {
      refused: `${value} W ${charging ? 'charge' : 'discharge'} is above the inverter rating (${max} W)`,
    };
  return value;
}

/** How many times the larger inverter rating a grid target may reach (either sign). */
export const GRID_TARGET_RATING_FACTOR = 10;

/** The range a grid target must lie in, W, and what sets each end (for the error). */
function gridTargetRange(config: CoreConfig): {
  readonly min: number;
  readonly max: number;
  readonly minWhy: string;
  readonly maxWhy: string;
} {
  const rating = Math.max(
    nonNegative(config.inverterMaxChargeW),
    nonNegative(config.inverterMaxDischargeW),
  );
  const bound = GRID_TARGET_RATING_FACTOR * rating;
  const ratingWhy = `${GRID_TARGET_RATING_FACTOR} x the inverter rating of ${rating} W`;
  const importLimit = finiteOrNull(config.gridImportLimitW);
  const exportLimit = finiteOrNull(config.gridExportLimitW);
  const max = importLimit !== null && importLimit >= 0 && importLimit < bound ? importLimit : null;
  const min = exportLimit !== null && exportLimit >= 0 && exportLimit < bound ? exportLimit : null;
  return {
    max: max ?? bound,
    maxWhy: max === null ? ratingWhy : `the site's grid import limit`,
    min: -(min ?? bound),
    minWhy: min === null ? ratingWhy : `the site's grid export limit`,
  };
}

/**
 * setGridTarget: W (positive = import), within ±10 x the larger inverter rating and within
 * the site's grid import and export limits where they are set. Accepted in every state.
 */
export function setGridTarget(
  s: CoreState,
  cmd: RawCommand,
  now: number,
  config: CoreConfig,
): CommandOutcome {
  const type = 'setGridTarget';
  const watts = finiteOrNull(cmd.watts);
  if (watts === null) return notFinite(s, now, type, cmd.watts);
  const r = gridTargetRange(config);
  if (watts > r.max) return reject(s, now, type, `${watts} W is above ${r.max} W (${r.maxWhy})`);
  if (watts < r.min) return reject(s, now, type, `${watts} W is below ${r.min} W (${r.minWhy})`);
  return accept(
    settingChanged(
      { ...s, gridTargetW: watts },
      now,
      type,
      `grid target ${s.gridTargetW} W -> ${watts} W (+ import)`,
    ),
  );
}

/** The lifetime of an external setpoint, s, or the reason it is refused. */
function externalTtl(cmd: RawCommand, config: CoreConfig): number | string {
  const maxTtl = nonNegative(config.externalMaxTtlS);
  if (cmd.ttlSeconds === undefined)
    return Math.min(nonNegative(config.externalDefaultTtlS), maxTtl);
  const asked = finiteOrNull(cmd.ttlSeconds);
  if (asked === null || asked <= 0)
    return `ttlSeconds must be a positive number, got ${show(cmd.ttlSeconds)}`;
  if (asked > maxTtl) return `ttlSeconds ${asked} is above the maximum of ${maxTtl} s`;
  return asked;
}

/**
 * setExternalSetpoint: only in mode EXTERNAL; within the inverter rating of its direction;
 * lifetime default config.externalDefaultTtlS, at most config.externalMaxTtlS.
 */
export function setExternalSetpoint(
  s: CoreState,
  cmd: RawCommand,
  now: number,
  config: CoreConfig,
): CommandOutcome {
  const type = 'setExternalSetpoint';
  if (s.mode !== 'EXTERNAL') {
    return reject(
      s,
      now,
      type,
      `mode is ${s.mode}: external setpoints are accepted only in mode EXTERNAL`,
    );
  }
  const watts = finiteOrNull(cmd.watts);
  if (watts === null) return notFinite(s, now, type, cmd.watts);
  const maxDischarge = nonNegative(config.inverterMaxDischargeW);
  const maxCharge = nonNegative(config.inverterMaxChargeW);
  if (watts > maxDischarge) {
    return reject(
      s,
      now,
      type,
      `${watts} W discharge is above the inverter rating (${maxDischarge} W)`,
    );
  }
  if (-watts > maxCharge) {
    return reject(s, now, type, `${-watts} W charge is above the inverter rating (${maxCharge} W)`);
  }
  const ttl = externalTtl(cmd, config);
  if (typeof ttl === 'string') return reject(s, now, type, ttl);
  if (cmd.source !== undefined && (typeof cmd.source !== 'string' || cmd.source.length > 64)) {
    return reject(s, now, type, 'source must be a string of at most 64 characters');
  }
  const source = typeof cmd.source === 'string' ? cmd.source : 'unspecified';
  const external = { watts: watts === 0 ? 0 : watts, expiresAt: now + ttl * 1000, source };
  return accept(unchanged({ ...s, external }));
}
