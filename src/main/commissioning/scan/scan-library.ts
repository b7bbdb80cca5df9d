import type { ScanProbeView } from '../../../shared/scan-views';
import { registerCount } from '../../devices/modbus/profile/codec';
import { listBuiltinProfiles, loadProfile } from '../../devices/modbus/profile/profile-loader';
import type { DeviceProfile } from '../../devices/modbus/profile/profile-schema';

/**
 * What a scan knows of the built-in profile library (resources/profiles): per profile, the
 * SunSpec models it needs, or the register blocks it reads. The blocks of every
 * absolute-addressed profile are the probes a non-SunSpec unit is read at, so "which probe
 * registers answered" says directly which library profiles could read the device.
 */

/** One library profile as the scan matches it. */
export interface ScanLibraryProfile {
  readonly name: string;
  /** The profile's own title ("Eastron SDM630"). */
  readonly title: string;
  readonly kind: 'meter' | 'inverter';
  /** The models its points need (SunSpec addressing); null for absolute addressing. */
  readonly sunspecModels: readonly number[] | null;
  /** The blocks its points read (absolute addressing); empty for SunSpec. */
  readonly probes: readonly ScanProbeView[];
}

/** The library, and every distinct probe block of it, in address order. */
export interface ScanLibrary {
  readonly profiles: readonly ScanLibraryProfile[];
  readonly probes: readonly ScanProbeView[];
}

/** "holding:40000+2": a probe block as a key. */
export const probeKey = (p: ScanProbeView): string => `${p.kind}:${p.address}+${p.count}`;

function entry(name: string, profile: DeviceProfile): ScanLibraryProfile {
  const points = Object.values(profile.points);
  const sunspec = profile.addressing.type === 'sunspec';
  const probes = new Map<string, ScanProbeView>();
  if (!sunspec)
    for (const p of points) {
      const probe = { kind: p.kind, address: p.address, count: registerCount(p.type) };
      probes.set(probeKey(probe), probe);
    }
  return {
    name,
    title: profile.name,
    kind: profile.kind,
    sunspecModels: sunspec
      ? [...new Set(points.map((p) => p.model ?? 0))].sort((a, b) => a - b)
      : null,
    probes: [...probes.values()],
  };
}

/** The scan's view of these profiles (name -> parsed profile). */
export function scanLibraryOf(profiles: ReadonlyMap<string, DeviceProfile>): ScanLibrary {
  const entries = [...profiles].map(([name, p]) => entry(name, p));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const probes = new Map<string, ScanProbeView>();
  for (const e of entries) for (const p of e.probes) probes.set(probeKey(p), p);
  const ordered = [...probes.values()].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.address - b.address || a.count - b.count,
  );
  return { profiles: entries, probes: ordered };
}

/** Loads the built-in profiles and makes the scan's view of them. */
export async function loadScanLibrary(): Promise<ScanLibrary> {
  const names = await listBuiltinProfiles();
  const profiles = new Map<string, DeviceProfile>();
  for (const name of names) profiles.set(name, await loadProfile(name));
  return scanLibraryOf(profiles);
}
