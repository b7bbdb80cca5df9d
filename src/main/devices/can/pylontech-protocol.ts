import v12Json from '../../../../resources/profiles/can/pylontech-v1.2.json';
import v13Json from '../../../../resources/profiles/can/pylontech-v1.3.json';
import { bmsCanProfileSchema } from './bms-can-profile';
import type { BmsCanProfile } from './bms-can-profile';

/**
 * The built-in Pylontech profiles. The frame tables live only in the JSON files under
 * resources/profiles/can (the same format a technician writes for another battery); this
 * module validates them once at load and derives the alarm vocabulary from them, so code,
 * docs and simulator cannot drift from the data.
 *
 * v1.2 (0x351 0x355 0x356 0x359 0x35C 0x35E) is spoken by most Pylontech-compatible packs;
 * v1.3 replaces 0x359 with SMA-style 0x35A bit pairs, drops 0x35C and adds 0x35F.
 */

function builtIn(json: unknown, file: string): BmsCanProfile {
  const parsed = bmsCanProfileSchema.safeParse(json);
  // A broken built-in is a build defect, not user input: fail loudly at startup.
  if (!parsed.success)
    throw new Error(`built-in BMS profile ${file} is invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** Pylontech CAN v1.2 (resources/profiles/can/pylontech-v1.2.json). */
export const PYLONTECH_CAN_V1_2: BmsCanProfile = builtIn(v12Json, 'pylontech-v1.2.json');

/** Pylontech CAN v1.3 (resources/profiles/can/pylontech-v1.3.json). */
export const PYLONTECH_CAN_V1_3: BmsCanProfile = builtIn(v13Json, 'pylontech-v1.3.json');

/**
 * The BMS CAN profile used wherever none is named: a site file without `bms.profile`, the
 * simulator without --bms-profile, and the codec's and link's defaults. The one place that
 * says so: Pylontech v1.2, the variant most Pylontech-compatible packs speak.
 */
export const DEFAULT_BMS_CAN_PROFILE: BmsCanProfile = PYLONTECH_CAN_V1_2;

/** The built-in BMS profiles by name (a site file's `bms.profile`). */
export const BUILTIN_BMS_PROFILES: ReadonlyMap<string, BmsCanProfile> = new Map(
  [PYLONTECH_CAN_V1_2, PYLONTECH_CAN_V1_3].map((p) => [p.name, p]),
);

/** The alarm or warning codes a profile can report, in table order, without repeats. */
export function profileCodes(profile: BmsCanProfile, role: 'alarm' | 'warning'): string[] {
  const codes = profile.frames.flatMap((frame) =>
    frame.fields.flatMap((field) =>
      field.type === 'bits' ? field.bits.filter((b) => b.role === role).map((b) => b.name) : [],
    ),
  );
  return [...new Set(codes)];
}

/** Protection alarm codes of Pylontech v1.2; any one active faults the site. */
export const PYLONTECH_ALARM_CODES: readonly string[] = profileCodes(PYLONTECH_CAN_V1_2, 'alarm');

/** Warning codes of Pylontech v1.2: shown to the operator, never a fault. */
export const PYLONTECH_WARNING_CODES: readonly string[] = profileCodes(
  PYLONTECH_CAN_V1_2,
  'warning',
);
