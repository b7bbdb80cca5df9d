import type { CoreConfig } from './core-config';
import { finiteOr, finiteOrNull } from './safe-values';

/**
 * The SOC window with hysteresis. Each direction latches when SOC reaches its edge and
 * unlatches only once SOC has moved `socHysteresisPct` back inside, so the output cannot
 * chatter between charge and discharge at the edge (a complaint about other EMSs).
 */
export interface SocGuard {
  /** The SOC the guard last saw, %; null when unknown (stale, missing or non-finite). */
  readonly socPct: number | null;
  /** True when no trustworthy SOC was available on the last step: both directions blocked. */
  readonly socUnknown: boolean;
  /** Charging is not allowed (SOC at or above the maximum, not yet back below max - hysteresis). */
  readonly chargeBlocked: boolean;
  /** Discharging is not allowed (SOC at or below the minimum, not yet back above min + hysteresis). */
  readonly dischargeBlocked: boolean;
}

/**
 * The guard before any SOC has been seen: both directions blocked. When SOC arrives inside
 * a hysteresis band the direction stays blocked until SOC leaves the band, which is the
 * conservative reading of "unknown".
 */
export const INITIAL_SOC_GUARD: SocGuard = {
  socPct: null,
  socUnknown: true,
  chargeBlocked: true,
  dischargeBlocked: true,
};

/**
 * Next guard state for a new SOC reading (null = unknown).
 * Non-finite window settings block their direction: a broken setting must not let the pack
 * run past a limit nobody can state.
 */
export function updateSocGuard(
  prev: SocGuard,
  socPct: number | null,
  config: CoreConfig,
): SocGuard {
  const soc = finiteOrNull(socPct);
  if (soc === null) {
    return { socPct: null, socUnknown: true, chargeBlocked: true, dischargeBlocked: true };
  }
  const min = finiteOrNull(config.socMinPct);
  const max = finiteOrNull(config.socMaxPct);
  const hysteresis = Math.max(0, finiteOr(config.socHysteresisPct, 0));

  let dischargeBlocked: boolean;
  if (min === null || soc <= min) dischargeBlocked = true;
  else if (soc >= min + hysteresis) dischargeBlocked = false;
  else dischargeBlocked = prev.dischargeBlocked;

  let chargeBlocked: boolean;
  if (max === null || soc >= max) chargeBlocked = true;
  else if (soc <= max - hysteresis) chargeBlocked = false;
  else chargeBlocked = prev.chargeBlocked;

  return { socPct: soc, socUnknown: false, chargeBlocked, dischargeBlocked };
}

/** A one-line description of what the guard blocks, for events and the UI. */
export function describeSocGuard(guard: SocGuard): string {
  if (guard.socUnknown) return 'SOC unknown: charge and discharge blocked';
  const soc = `SOC ${guard.socPct ?? '?'} %`;
  if (guard.chargeBlocked && guard.dischargeBlocked) return `${soc}: charge and discharge blocked`;
  if (guard.chargeBlocked) return `${soc}: charge blocked (at or above maximum)`;
  if (guard.dischargeBlocked) return `${soc}: discharge blocked (at or below minimum)`;
  return `${soc}: charge and discharge allowed`;
}
