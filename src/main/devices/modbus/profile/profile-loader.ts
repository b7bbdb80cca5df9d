import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { jsonErrorOffset, positionOf } from '../../../util/json-error-position';
import { reasonOf } from '../wire/modbus-errors';
import type { DeviceProfile } from './profile-schema';
import { deviceProfileSchema } from './profile-schema';
import { builtinProfilesDir } from '../../../util/resources-path';
import { describeError } from '../../../util/describe-error';

/**
 * Loads device profiles: a built-in one by name (resources/profiles/<name>.json) or a file by
 * path. A commissioning engineer edits these by hand, so every failure is one line naming the
 * file and exactly what is wrong in it.
 */

/** A profile that cannot be loaded; the message is one line starting with "profile <file>:". */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

const BUILTIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const MAX_ISSUES_SHOWN = 3;

/** Whether `ref` names a built-in profile (a bare name, no folder, no .json). */
export function isBuiltinProfileRef(ref: string): boolean {
  return BUILTIN_NAME.test(ref);
}

/** Names of the built-in profiles, sorted. */
export async function listBuiltinProfiles(): Promise<string[]> {
  const files = await readdir(builtinProfilesDir());
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Loads and validates a profile. `ref` is a built-in name ("sim-inverter") or a path to a JSON
 * file, relative to `baseDir` (default: the working directory). Rejects with a ProfileError.
 */
export async function loadProfile(
  ref: string,
  baseDir: string = process.cwd(),
): Promise<DeviceProfile> {
  const builtin = isBuiltinProfileRef(ref);
  const label = builtin ? `${ref}.json` : ref;
  let file: string;
  try {
    file = builtin
      ? join(builtinProfilesDir(), `${ref}.json`)
      : isAbsolute(ref)
        ? ref
        : resolve(baseDir, ref);
  } catch (err) {
    throw new ProfileError(`profile ${label}: ${reasonOf(err)}`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code !== 'ENOENT')
      throw new ProfileError(`profile ${label}: cannot read ${file}: ${reasonOf(err)}`);
    if (!builtin) throw new ProfileError(`profile ${label}: file not found (${file})`);
    const known = await listBuiltinProfiles().catch(() => []);
    throw new ProfileError(
      `profile ${label}: no built-in profile "${ref}" (built-in: ${known.join(', ') || 'none'})`,
    );
  }
  return parseProfile(text, label);
}

/** Parses and validates profile JSON text; `label` names the file in errors. Throws ProfileError. */
export function parseProfile(text: string, label: string): DeviceProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(text);
    const where =
      offset === null
        ? ''
        : ` at line ${positionOf(text, offset).line} column ${positionOf(text, offset).column}`;
    throw new ProfileError(`profile ${label}: not valid JSON${where}: ${parserMessage(err)}`);
  }
  const parsed = deviceProfileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map(formatIssue);
  const more =
    issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  throw new ProfileError(`profile ${label}: ${shown.join('; ')}${more}`);
}

/** "points.setpointW.type: expected one of int16|uint16|..." for one zod issue. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
  return `${path}: ${describeIssue(issue)}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join('|')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      if (Array.isArray(options)) return `expected one of ${options.map(String).join('|')}`;
      return oneLine(issue.message);
    }
    case 'invalid_key':
      return `invalid name: ${issue.issues.map((i) => oneLine(i.message)).join(', ')}`;
    default:
      return oneLine(issue.message.replace(/^Invalid input: /, ''));
  }
}

/** The parser's message without the excerpt of the input some Node versions append. */
function parserMessage(err: unknown): string {
  const message = describeError(err);
  return oneLine(message.replace(/, "[\s\S]*"(?:\.\.\.)? is not valid JSON$/, ''));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
