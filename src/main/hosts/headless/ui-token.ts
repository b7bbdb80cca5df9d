import { randomBytes } from 'node:crypto';

/** Characters a token given in EMS_API_TOKEN may use (safe in a header, a URL and HTML). */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

/**
 * The host's write token: EMS_API_TOKEN when set (so scripts can know it in advance), else
 * 32 random bytes in hex, new on every run. Throws a one-line error for an unusable value.
 */
export function hostToken(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['EMS_API_TOKEN'];
  if (given === undefined || given === '') return randomBytes(32).toString('hex');
  if (!TOKEN_PATTERN.test(given))
    throw new Error('EMS_API_TOKEN: must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -');
  return given;
}
