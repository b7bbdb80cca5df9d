import {
  HYBRID_QUESTION,
  type ScanProbeView,
  type ScanProfileSuggestion,
  type ScanSuggestionView,
} from '../../../shared/scan-views';
import { probeKey, type ScanLibrary, type ScanLibraryProfile } from './scan-library';

/**
 * Which library profiles to offer for what a unit turned out to be. A profile is offered
 * only when the device has everything it reads: every SunSpec model it needs, or every
 * register block it reads answered with data.
 */

/** The SunSpec storage profile offered for a 103 + 124 device, and its hybrid sibling. */
export const STORAGE_PROFILE = 'sunspec-storage-124';
export const HYBRID_PROFILE = 'sunspec-hybrid-124';

function questionFor(profile: ScanLibraryProfile): string {
  return profile.name === HYBRID_PROFILE ? HYBRID_QUESTION : `Is this a ${profile.title}?`;
}

/** The first fit as the suggestion, the other fits beside it with their question. */
function pick(
  fits: readonly ScanLibraryProfile[],
  preferred?: string,
): ScanProfileSuggestion | undefined {
  const first = fits.find((f) => f.name === preferred) ?? fits[0];
  if (first === undefined) return undefined;
  const others = fits.filter((f) => f !== first);
  if (others.length === 0) return { profile: first.name };
  return {
    profile: first.name,
    alternatives: others.map((f) => ({ profile: f.name, question: questionFor(f) })),
  };
}

function suggestion(
  meters: readonly ScanLibraryProfile[],
  inverters: readonly ScanLibraryProfile[],
  preferredInverter?: string,
): ScanSuggestionView {
  const meter = pick(meters);
  const inverter = pick(inverters, preferredInverter);
  return { ...(meter ? { meter } : {}), ...(inverter ? { inverter } : {}) };
}

/**
 * For a SunSpec device with these models. A 103 + 124 device cannot say whether PV sits
 * behind it, so `sunspec-storage-124` is suggested (its AC power is the battery's) with
 * `sunspec-hybrid-124` beside it and the question that decides.
 */
export function suggestForSunSpec(
  models: readonly number[],
  library: ScanLibrary,
): ScanSuggestionView {
  const has = new Set(models);
  const fits = library.profiles.filter(
    (p) => p.sunspecModels !== null && p.sunspecModels.every((m) => has.has(m)),
  );
  // The generic SunSpec profiles first: a vendor's profile is an alternative with a question.
  const order = (p: ScanLibraryProfile): number => (p.name.startsWith('sunspec-') ? 0 : 1);
  const sorted = [...fits].sort((a, b) => order(a) - order(b));
  return suggestion(
    sorted.filter((p) => p.kind === 'meter'),
    sorted.filter((p) => p.kind === 'inverter'),
    STORAGE_PROFILE,
  );
}

/** The registers a profile reads, as "kind:address" keys. */
function registersOf(p: ScanLibraryProfile): Set<string> {
  const regs = new Set<string>();
  for (const b of p.probes)
    for (let i = 0; i < b.count; i += 1) regs.add(`${b.kind}:${b.address + i}`);
  return regs;
}

const isStrictSubset = (a: Set<string>, b: Set<string>): boolean =>
  a.size < b.size && [...a].every((r) => b.has(r));

/**
 * For a device without SunSpec that answered these probe blocks. A device that answers more
 * registers than one fitting profile reads, all of them read by another fitting profile, is
 * taken for the other (the simulated meter's registers 0..15 hold every block the simulated
 * inverter's profile reads, 0..11). Among the rest, the profile reading the most blocks leads.
 */
export function suggestForProbes(
  answered: readonly ScanProbeView[],
  library: ScanLibrary,
): ScanSuggestionView {
  const got = new Set(answered.map(probeKey));
  const fits = library.profiles.filter(
    (p) =>
      p.sunspecModels === null &&
      p.probes.length > 0 &&
      p.probes.every((b) => got.has(probeKey(b))),
  );
  const regs = new Map(fits.map((p) => [p, registersOf(p)]));
  const kept = fits.filter(
    (p) =>
      !fits.some(
        (q) => q !== p && isStrictSubset(regs.get(p) ?? new Set(), regs.get(q) ?? new Set()),
      ),
  );
  const sorted = [...kept].sort((a, b) => b.probes.length - a.probes.length);
  return suggestion(
    sorted.filter((p) => p.kind === 'meter'),
    sorted.filter((p) => p.kind === 'inverter'),
  );
}
