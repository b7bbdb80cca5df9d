import type { LibraryProfileView } from '../../../shared/build-site-views';
import { BUILTIN_BMS_PROFILES } from '../../devices/can/pylontech-protocol';
import { listBuiltinProfiles, loadProfile } from '../../devices/modbus/profile/profile-loader';
import type { DeviceProfile } from '../../devices/modbus/profile/profile-schema';

/**
 * The built-in profile library as the site form's pickers show it: every Modbus profile of
 * resources/profiles with its role (from the section it defines), its sources and its
 * `verified` flag, then the built-in CAN BMS profiles.
 */

/** One Modbus profile's entry; `name` is what a site file names it by. */
export function modbusLibraryEntry(name: string, p: DeviceProfile): LibraryProfileView {
  return {
    name,
    title: p.name,
    role: p.kind,
    description: p.description ?? null,
    verified: p.verified,
    sources: [...p.sources],
    unconfirmed: [...p.unconfirmed],
    sunspec: p.addressing.type === 'sunspec',
  };
}

/** The built-in CAN BMS profiles (their format has no sources or `verified` flag). */
export function bmsLibraryEntries(): LibraryProfileView[] {
  return [...BUILTIN_BMS_PROFILES.values()].map((p) => ({
    name: p.name,
    title: p.name,
    role: 'bms',
    description: p.description ?? null,
    verified: null,
    sources: [],
    unconfirmed: [],
    sunspec: false,
  }));
}

/**
 * Loads the whole library, Modbus profiles by name then the BMS profiles. A built-in profile
 * that does not load is a packaging fault: it rejects with the loader's message.
 */
export async function loadProfileLibrary(): Promise<LibraryProfileView[]> {
  const names = await listBuiltinProfiles();
  const modbus: LibraryProfileView[] = [];
  for (const name of names) modbus.push(modbusLibraryEntry(name, await loadProfile(name)));
  return [...modbus, ...bmsLibraryEntries()];
}
