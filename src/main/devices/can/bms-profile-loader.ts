import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { describeJsonError } from '../../util/json-error-position';
import { formatIssue } from '../modbus/profile/profile-loader';
import { bmsCanProfileSchema } from './bms-can-profile';
import type { BmsCanProfile } from './bms-can-profile';
import { describeError } from '../../util/describe-error';
import { BUILTIN_BMS_PROFILES, DEFAULT_BMS_CAN_PROFILE } from './pylontech-protocol';

/**
 * Loads a BMS CAN profile for a site: a built-in one by name ("pylontech-v1.3") or a JSON
 * file by path. Technicians write these by hand for batteries that differ from Pylontech, so
 * every failure is one line naming the file and the field.
 */

/** A BMS profile that cannot be used; the message is one line starting with "BMS profile". */
export class BmsProfileError extends Error {
  override readonly name = 'BmsProfileError';
}

/** The default of a site file's `bms.profile`: the name of DEFAULT_BMS_CAN_PROFILE. */
export const DEFAULT_BMS_PROFILE: string = DEFAULT_BMS_CAN_PROFILE.name;

const BUILTIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Whether `ref` names a built-in profile rather than a file (no folder, no .json). */
export function isBuiltinBmsProfileRef(ref: string): boolean {
  return BUILTIN_NAME.test(ref) && !ref.toLowerCase().endsWith('.json');
}

/**
 * Parses and validates profile JSON text; `label` names the file in errors.
 * @throws BmsProfileError naming the first problem (and how many more there are).
 */
export function parseBmsCanProfile(text: string, label: string): BmsCanProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BmsProfileError(
      `BMS profile ${label}: not valid JSON ${describeJsonError(text, error)}`,
    );
  }
  const parsed = bmsCanProfileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  const what = first === undefined ? 'invalid' : formatIssue(first);
  throw new BmsProfileError(`BMS profile ${label}: ${what}${more}`);
}

/**
 * Loads a profile: a built-in name, or a path resolved against `baseDir` (a site file's folder).
 * @throws BmsProfileError with a one-line message.
 */
export async function loadBmsCanProfile(
  ref: string,
  baseDir: string = process.cwd(),
): Promise<BmsCanProfile> {
  if (isBuiltinBmsProfileRef(ref)) {
    const profile = BUILTIN_BMS_PROFILES.get(ref);
    if (profile !== undefined) return profile;
    const known = [...BUILTIN_BMS_PROFILES.keys()].join(', ');
    throw new BmsProfileError(
      `BMS profile ${ref}: no built-in profile of that name (built-in: ${known})`,
    );
  }
  const file = isAbsolute(ref) ? ref : resolve(baseDir, ref);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? `file not found (${file})`
        : `cannot read ${file}: ${describeError(error)}`;
    throw new BmsProfileError(`BMS profile ${ref}: ${why}`);
  }
  return parseBmsCanProfile(text, ref);
}
