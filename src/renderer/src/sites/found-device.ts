import type { LibraryProfileView } from '../../../shared/build-site-views';
import type { ScanDeviceView } from '../../../shared/scan-views';
import type { DeviceForm } from './site-form-model';

/**
 * A device the last scan found, as the site form takes it: its address and unit over Modbus
 * TCP, and the profile the scan suggested for the role (the typed one is kept when the scan
 * suggested none for it).
 */

/** The device fields a found unit fills in for a role. */
export function deviceFromFound(
  found: ScanDeviceView,
  role: 'meter' | 'inverter',
  current: DeviceForm,
): DeviceForm {
  return {
    ...current,
    reach: 'tcp',
    host: found.host,
    port: String(found.port),
    unitId: String(found.unitId),
    profile: found.suggested[role]?.profile ?? current.profile,
  };
}

/** "127.0.0.1:502 unit 1: ems-commissioning sim-inverter (SIM-INV-5)" for a found unit. */
export function foundLabel(d: ScanDeviceView): string {
  const s = d.sunspec;
  const who =
    s === null
      ? 'no SunSpec'
      : `${[s.manufacturer, s.model].filter((x) => x !== null).join(' ') || 'SunSpec'}${s.serial !== null ? ` (${s.serial})` : ''}`;
  return `${d.host}:${d.port} unit ${d.unitId}: ${who}`;
}

/** The key of a found unit ("127.0.0.1:502:1"). */
export const foundKey = (d: ScanDeviceView): string => `${d.host}:${d.port}:${d.unitId}`;

/**
 * The library profiles of a role whose name, title or description holds every word of
 * `query` (any case), verified ones first, then by name.
 */
export function filterProfiles(
  library: readonly LibraryProfileView[],
  role: LibraryProfileView['role'],
  query: string,
): LibraryProfileView[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const hits = library.filter((p) => {
    if (p.role !== role) return false;
    const text = `${p.name} ${p.title} ${p.description ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const rank = (p: LibraryProfileView): number => (p.verified === true ? 0 : 1);
  return hits.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
