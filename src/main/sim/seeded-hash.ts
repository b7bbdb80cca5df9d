/**
 * Seeded, stateless randomness for the simulator. Every random choice (does a kettle boil
 * in this half hour, how deep is this cloud) is a hash of (seed, salt, time bucket), so the
 * profiles are pure functions of time: any instant can be evaluated on its own, in any order,
 * and the same seed always gives the same day.
 */

/** Folds one 32-bit integer into the running hash (murmur3-style block mixing). */
function mix(hash: number, key: number): number {
  let k = Math.imul(key | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Final avalanche, so neighbouring keys give unrelated outputs. */
function finish(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit unsigned hash of integer keys. Non-integer keys are truncated; keys beyond 32 bits
 * contribute their high part too, so seeds up to 2^53 stay distinct.
 */
export function hash32(...keys: readonly number[]): number {
  let h = 0x9747b28c;
  for (const key of keys) {
    const whole = Math.trunc(key);
    h = mix(h, whole);
    h = mix(h, Math.floor(whole / 0x100000000));
  }
  return finish(h);
}

/** A uniform number in [0, 1) determined by the keys. */
export function unitHash(...keys: readonly number[]): number {
  return hash32(...keys) / 0x100000000;
}

/** A uniform number in [min, max) determined by the keys. */
export function rangeHash(min: number, max: number, ...keys: readonly number[]): number {
  return min + (max - min) * unitHash(...keys);
}
