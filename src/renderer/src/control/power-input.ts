import type { RunMode } from '../../../shared/ems-names';
import type { EmsSnapshot } from '../../../shared/snapshot';

/**
 * Checks what the operator typed before anything is sent: a manual override is the one
 * command that makes the battery move regardless of the house, so a typo must never
 * reach the core.
 */

/** The outcome of checking a typed power. */
export type PowerInputResult =
  { readonly ok: true; readonly watts: number } | { readonly ok: false; readonly error: string };

/** A plain decimal number: no units, no hex, no exponent, so "2kW" or "0x10" is refused. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseDecimal(text: string): PowerInputResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Enter a power in W.' };
  if (!DECIMAL.test(trimmed)) return { ok: false, error: `"${trimmed}" is not a number of watts.` };
  const watts = Number(trimmed);
  if (!Number.isFinite(watts))
    return { ok: false, error: `"${trimmed}" is not a number of watts.` };
  return { ok: true, watts };
}

/**
 * The largest override power the inverter allows for a mode: the rating of that
 * direction (CHARGE_ONLY charges, DISCHARGE_ONLY discharges); for any other mode the
 * larger rating, which is what the core itself accepts.
 */
export function overrideLimitW(ratings: EmsSnapshot['ratings'], mode: RunMode | null): number {
  const charge = Math.max(0, ratings.maxChargeW);
  const discharge = Math.max(0, ratings.maxDischargeW);
  if (mode === 'CHARGE_ONLY') return charge;
  if (mode === 'DISCHARGE_ONLY') return discharge;
  return Math.max(charge, discharge);
}

/**
 * Validates a typed override power (a magnitude, W): not empty, a number, not negative,
 * not above `limitW`. `limitW` comes from the snapshot's inverter ratings.
 */
export function validateOverridePower(text: string, limitW: number): PowerInputResult {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return parsed;
  if (parsed.watts < 0)
    return { ok: false, error: 'The override power is a magnitude: it must not be negative.' };
  if (!(parsed.watts <= limitW)) {
    return { ok: false, error: `${parsed.watts} W is above the inverter rating (${limitW} W).` };
  }
  return parsed;
}

/**
 * A grid target beyond this, W, either way, makes self-consumption charge from or discharge
 * into the grid on purpose (target 0 is what the site does by itself; 100 W is twice the
 * default deadband, so ordinary trimming needs no dialog): it is confirmed like an override.
 */
export const GRID_TARGET_CONFIRM_W = 100;

/** How many times the larger inverter rating a grid target may be (the core's bound). */
export const GRID_TARGET_RATING_FACTOR = 10;

/**
 * Validates a typed grid target (W, positive = import): whole watts of either sign, within
 * ±10 × the larger inverter rating. Decimals are refused rather than rounded, so what is
 * sent is exactly what was typed.
 */
export function validateGridTarget(
  text: string,
  ratings?: EmsSnapshot['ratings'],
): PowerInputResult {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.watts)) {
    return {
      ok: false,
      error: `"${text.trim()}" has decimals: the grid target takes whole watts.`,
    };
  }
  if (ratings !== undefined) {
    const bound =
      GRID_TARGET_RATING_FACTOR * Math.max(0, ratings.maxChargeW, ratings.maxDischargeW);
    if (Math.abs(parsed.watts) > bound) {
      return {
        ok: false,
        error: `${parsed.watts} W is beyond \u00b1${bound} W (10 \u00d7 the inverter rating).`,
      };
    }
  }
  return parsed;
}

/** Whether a grid target makes the battery charge from or feed the grid on purpose. */
export function gridTargetNeedsConfirm(watts: number): boolean {
  return Math.abs(watts) > GRID_TARGET_CONFIRM_W;
}
