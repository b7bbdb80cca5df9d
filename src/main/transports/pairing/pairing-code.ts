import { randomInt } from 'node:crypto';

/**
 * Pairing codes: short enough to type from a terminal or a window into a phone, long enough
 * that five guesses a minute per address never find one in the 10 minutes it lives
 * (32^10 ≈ 1.1e15 codes).
 */

/** Crockford's base32: no I, L, O or U, so nothing reads as another character. */
export const PAIRING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in a pairing code. */
export const PAIRING_CODE_LENGTH = 10;

/** A fresh code, drawn with the platform's CSPRNG; `pick` is for tests only. */
export function newPairingCode(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[pick(32)];
  return code;
}

/** A code as shown to people: two groups of five, "ABCDE-FGHJK". */
export function showPairingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What was typed, in the code's own spelling: case, spaces and dashes do not matter, and the
 * letters Crockford maps (O to 0, I and L to 1) are read as those digits.
 */
export function normalisePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replace(/[IL]/g, '1');
}
