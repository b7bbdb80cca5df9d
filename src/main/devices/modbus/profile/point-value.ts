import { decodeRaw, toEngineering } from './codec';
import type { PointSpec, RegisterType, WordOrder } from './profile-schema';

/**
 * From registers to the value the EMS may act on. A value that is not implemented, not a
 * number, or scaled by a broken scale factor becomes null rather than a plausible-looking wrong
 * number: the runtime treats null as "no data", never as 0.
 */

/** SunSpec scale factors are -10..10; anything else is a broken register, not a scale. */
export const MAX_SCALE_FACTOR = 10;

/** The raw value of a point's registers; null for a sentinel, a non-finite value or malformed registers. */
export function decodePoint(
  regs: readonly number[],
  type: RegisterType,
  wordOrder: WordOrder,
): number | null {
  try {
    const raw = decodeRaw(regs, type, wordOrder);
    return raw !== null && Number.isFinite(raw) ? raw : null;
  } catch {
    return null;
  }
}

/**
 * The engineering value of a point from its raw value and the raw values read with it (where
 * its scale factor point is). Null when the raw value, or the scale factor it needs, is invalid.
 */
export function engineeringValue(
  spec: PointSpec,
  raw: number | null,
  raws: ReadonlyMap<string, number | null>,
): number | null {
  if (raw === null) return null;
  const sf = spec.scaleFactorPoint === undefined ? undefined : raws.get(spec.scaleFactorPoint);
  if (sf === null || (sf !== undefined && !isScaleFactor(sf))) return null;
  if (spec.scaleFactorPoint !== undefined && sf === undefined) return null;
  const value = toEngineering(raw, spec.scale, sf);
  return Number.isFinite(value) ? value : null;
}

/** Whether a raw value is a usable SunSpec scale factor. */
export function isScaleFactor(sf: number): boolean {
  return Number.isInteger(sf) && Math.abs(sf) <= MAX_SCALE_FACTOR;
}
