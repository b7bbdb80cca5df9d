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
 * Validates a typed grid target (W, positive = import). Either sign is allowed, as in the
 * core; only a number is required.
 */
export function validateGridTarget(text: string): PowerInputResult {
  return parseDecimal(text);
}
