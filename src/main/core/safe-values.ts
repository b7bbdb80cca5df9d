/**
 * Safe reading of untrusted values (driver data, commands, settings). Anything that is not
 * a finite number falls back to a value chosen by the caller, so a NaN from a driver or a
 * bad setting can never reach an output.
 */

/** `x` when it is a finite number, else `fallback`. */
export function finiteOr(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

/** `x` when it is a finite number, else null. */
export function finiteOrNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** A finite, non-negative number; anything else (NaN, Infinity, negative) is 0, the safe side for a limit. */
export function nonNegative(x: unknown): number {
  const v = finiteOr(x, 0);
  return v > 0 ? v : 0;
}

/** True for a non-null object (not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A short, printable form of an untrusted value for a reason text. */
export function show(x: unknown): string {
  try {
    const text = typeof x === 'string' ? `"${x}"` : String(x);
    return text.length > 40 ? `${text.slice(0, 40)}...` : text;
  } catch {
    return 'an unprintable value';
  }
}
