import { randomBytes } from 'node:crypto';

/** Characters and length a write token may have: safe in a header, a URL and HTML. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

/** What a usable token looks like, for error messages. */
export const TOKEN_RULE = 'must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -';

/** A new write token: 32 random bytes in hex (256 bits, never guessed by a brute-force loop). */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * `value` when it is a usable token; else throws a one-line error starting with `what`
 * (e.g. `EMS_API_TOKEN: must be ...`) so the operator knows which setting to fix.
 */
export function checkToken(value: string, what: string): string {
  if (!TOKEN_PATTERN.test(value)) throw new Error(`${what}: ${TOKEN_RULE}`);
  return value;
}
