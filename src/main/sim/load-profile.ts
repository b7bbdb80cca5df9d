import { rangeHash, unitHash } from './seeded-hash';

/**
 * House consumption over a day: a base load, a smooth daily routine (morning and evening
 * peaks) and appliances that switch in steps: a kettle, an oven with its thermostat, a fridge
 * compressor. Steps matter: they are what makes a self-consumption loop overshoot, so a
 * simulator with only smooth load would hide the EMS's worst case.
 *
 * Time is simulation time in seconds since midnight of day 0 (values beyond 86 400 are later
 * days, each with its own appliance events). Pure: (time, seed) -> watts.
 */

const DAY_S = 86_400;
const KETTLE_SLOT_S = 1_800;

/** Salts keep each random choice independent of the others for the same seed. */
const SALT = {
  kettle: 11,
  kettleStart: 12,
  kettleLength: 13,
  oven: 21,
  ovenStart: 22,
  fridge: 31,
  noise: 41,
} as const;

/** Sizes of the household's loads, W. */
export interface LoadProfileOptions {
  /** Always-on consumption (standby devices, router, heating pump), W. */
  readonly baseW: number;
  /** Height of the morning routine around 07:30, W. */
  readonly morningPeakW: number;
  /** Height of the evening routine around 19:30, W. */
  readonly eveningPeakW: number;
  /** Fridge compressor while it runs, W (12 min on in every 40). */
  readonly fridgeW: number;
  /** Kettle while it boils, W (2.5-4 min). */
  readonly kettleW: number;
  /** Oven element while it heats, W. */
  readonly ovenW: number;
  /** Amplitude of the flicker of small loads, W (changes every 5 s). */
  readonly noiseW: number;
}

/** A typical European household. */
export const DEFAULT_LOAD_PROFILE: LoadProfileOptions = {
  baseW: 250,
  morningPeakW: 500,
  eveningPeakW: 900,
  fridgeW: 120,
  kettleW: 2_000,
  ovenW: 2_400,
  noiseW: 30,
};

/** The house load at one instant, split by source (all W, >= 0). */
export interface LoadBreakdown {
  readonly baseW: number;
  /** Smooth daily routine plus small-load flicker. */
  readonly routineW: number;
  readonly fridgeW: number;
  readonly kettleW: number;
  readonly ovenW: number;
  readonly totalW: number;
}

function gaussian(x: number, centre: number, width: number): number {
  return Math.exp(-0.5 * ((x - centre) / width) ** 2);
}

/** Chance that the kettle boils in the half hour starting at `hour`: people, not physics. */
function kettleChance(hour: number): number {
  if (hour < 6 || hour >= 23) return 0;
  if (hour < 9 || (hour >= 17 && hour < 22)) return 0.35;
  return 0.12;
}

function kettleOn(t: number, seed: number): boolean {
  const slot = Math.floor(t / KETTLE_SLOT_S);
  const hour = ((slot * KETTLE_SLOT_S) % DAY_S) / 3_600;
  if (unitHash(seed, SALT.kettle, slot) >= kettleChance(hour)) return false;
  const length = rangeHash(150, 240, seed, SALT.kettleLength, slot);
  // The boil fits inside its slot, so only the current slot needs checking.
  const start =
    slot * KETTLE_SLOT_S + rangeHash(0, KETTLE_SLOT_S - length, seed, SALT.kettleStart, slot);
  return t >= start && t < start + length;
}

/** The oven runs on 70 % of evenings: 12 min preheat, then its thermostat cycles 3 min on, 4 off. */
function ovenOn(t: number, seed: number): boolean {
  const day = Math.floor(t / DAY_S);
  if (unitHash(seed, SALT.oven, day) >= 0.7) return false;
  const start = day * DAY_S + rangeHash(17.5 * 3_600, 19 * 3_600, seed, SALT.ovenStart, day);
  const since = t - start;
  if (since < 0 || since >= 45 * 60) return false;
  if (since < 12 * 60) return true;
  return (since - 12 * 60) % 420 < 180;
}

function fridgeOn(t: number, seed: number): boolean {
  const phase = rangeHash(0, 2_400, seed, SALT.fridge);
  return (((t + phase) % 2_400) + 2_400) % 2_400 < 720;
}

/** The house load at simulation time `t` (s since midnight of day 0) for `seed`. */
export function houseLoad(
  t: number,
  seed: number,
  options: LoadProfileOptions = DEFAULT_LOAD_PROFILE,
): LoadBreakdown {
  if (!Number.isFinite(t)) throw new RangeError(`houseLoad: time ${t} is not finite`);
  const hour = (((t % DAY_S) + DAY_S) % DAY_S) / 3_600;
  const routine =
    options.morningPeakW * gaussian(hour, 7.5, 1) +
    options.eveningPeakW * gaussian(hour, 19.5, 1.5) +
    0.3 * options.morningPeakW * gaussian(hour, 13, 1);
  const flicker = rangeHash(-1, 1, seed, SALT.noise, Math.floor(t / 5)) * options.noiseW;
  const routineW = Math.max(0, routine + flicker);
  const fridgeW = fridgeOn(t, seed) ? options.fridgeW : 0;
  const kettleW = kettleOn(t, seed) ? options.kettleW : 0;
  const ovenW = ovenOn(t, seed) ? options.ovenW : 0;
  const baseW = options.baseW;
  return {
    baseW,
    routineW,
    fridgeW,
    kettleW,
    ovenW,
    totalW: baseW + routineW + fridgeW + kettleW + ovenW,
  };
}
