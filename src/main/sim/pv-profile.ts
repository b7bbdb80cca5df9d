import { clamp } from './piecewise';
import { rangeHash, unitHash } from './seeded-hash';

/**
 * PV production: a clear-sky bell between sunrise and sunset, dimmed by a slow haze and by
 * passing clouds whose edges sweep across the array in tens of seconds. The sharp edges are
 * the point: a cloud front can drop several kW within half a minute, which is what an EMS
 * must follow without exporting or importing in bursts.
 *
 * Time is simulation time in seconds since midnight of day 0. Pure: (time, seed) -> watts.
 */

const DAY_S = 86_400;
const CLOUD_SLOT_S = 240;

const SALT = { day: 51, cloud: 52, start: 53, length: 54, edge: 55, depth: 56, haze: 57 } as const;

/** The array and its weather. */
export interface PvProfileOptions {
  /** Clear-sky output at solar noon, W. */
  readonly peakW: number;
  /** Sunrise, s after midnight. */
  readonly sunriseS: number;
  /** Sunset, s after midnight. */
  readonly sunsetS: number;
  /**
   * Share of time clouds pass, 0 (clear sky) to 1 (a cloud in every 4-minute window).
   * Null: each day draws its own, between 0.1 and 0.7.
   */
  readonly cloudiness: number | null;
}

/** A 6 kW array on a long summer day with the weather left to the seed. */
export const DEFAULT_PV_PROFILE: PvProfileOptions = {
  peakW: 6_000,
  sunriseS: 6 * 3_600,
  sunsetS: 20 * 3_600,
  cloudiness: null,
};

/** PV at one instant. */
export interface PvBreakdown {
  /** What a cloudless sky would give, W. */
  readonly clearSkyW: number;
  /** Share of the clear-sky power that gets through, 0..1. */
  readonly transmission: number;
  /** Output, W (>= 0). */
  readonly powerW: number;
}

/** Clear-sky output at `t`: a sine bell, a little narrower than a plain half sine as real arrays are. */
export function clearSkyW(t: number, options: PvProfileOptions = DEFAULT_PV_PROFILE): number {
  const secondOfDay = ((t % DAY_S) + DAY_S) % DAY_S;
  const span = options.sunsetS - options.sunriseS;
  if (span <= 0) return 0;
  const x = (secondOfDay - options.sunriseS) / span;
  if (x <= 0 || x >= 1) return 0;
  return options.peakW * Math.sin(Math.PI * x) ** 1.3;
}

/** Coverage 0..1 of the cloud (if any) of the slot holding `t`: a trapezoid with sharp edges. */
function cloudCover(t: number, seed: number, cloudiness: number): { cover: number; depth: number } {
  const slot = Math.floor(t / CLOUD_SLOT_S);
  if (unitHash(seed, SALT.cloud, slot) >= cloudiness) return { cover: 0, depth: 0 };
  const length = rangeHash(40, 200, seed, SALT.length, slot);
  const edge = Math.min(rangeHash(8, 35, seed, SALT.edge, slot), length / 2);
  // The cloud fits inside its slot, so only the current slot needs checking.
  const start = slot * CLOUD_SLOT_S + rangeHash(0, CLOUD_SLOT_S - length, seed, SALT.start, slot);
  const depth = rangeHash(0.35, 0.8, seed, SALT.depth, slot);
  const since = t - start;
  if (since < 0 || since >= length) return { cover: 0, depth };
  const cover = Math.min(1, since / edge, (length - since) / edge);
  return { cover, depth };
}

/** The cloudiness that applies on the day holding `t`. */
export function cloudinessAt(
  t: number,
  seed: number,
  options: PvProfileOptions = DEFAULT_PV_PROFILE,
): number {
  if (options.cloudiness !== null) return clamp(options.cloudiness, 0, 1);
  return rangeHash(0.1, 0.7, seed, SALT.day, Math.floor(t / DAY_S));
}

/** PV output at simulation time `t` (s since midnight of day 0) for `seed`. */
export function pvPower(
  t: number,
  seed: number,
  options: PvProfileOptions = DEFAULT_PV_PROFILE,
): PvBreakdown {
  if (!Number.isFinite(t)) throw new RangeError(`pvPower: time ${t} is not finite`);
  const clear = clearSkyW(t, options);
  const cloudiness = cloudinessAt(t, seed, options);
  // Haze drifts over about half an hour and never dims more than 15 %.
  const phase = rangeHash(0, 2 * Math.PI, seed, SALT.haze);
  const haze = 1 - 0.15 * cloudiness * (0.5 + 0.5 * Math.sin((2 * Math.PI * t) / 1_700 + phase));
  const { cover, depth } = cloudCover(t, seed, cloudiness);
  const transmission = clamp(haze * (1 - depth * cover), 0, 1);
  return { clearSkyW: clear, transmission, powerW: clear * transmission };
}
