/**
 * Piecewise-linear curves: the simulator's tables (cell voltage over SOC, current-limit
 * tapers over SOC and temperature) are short lists of knots a reader can check against a
 * datasheet, rather than formulas.
 */

/** One knot of a curve: at `x` the curve is `y`. */
export type Knot = readonly [x: number, y: number];

/**
 * Value of the curve through `knots` (sorted by x) at `x`, linear between knots and flat
 * beyond the first and last knot. Throws when the table is empty or unsorted, so a typo in a
 * table fails at the first use instead of bending a curve silently.
 */
export function interpolate(knots: readonly Knot[], x: number): number {
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('interpolate: no knots');
  if (Number.isNaN(x)) throw new RangeError('interpolate: x is NaN');
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < knots.length; i += 1) {
    const right = knots[i];
    const left = knots[i - 1];
    if (right === undefined || left === undefined) break;
    if (right[0] < left[0]) throw new RangeError(`interpolate: knots not sorted at x=${right[0]}`);
    if (x <= right[0]) {
      const span = right[0] - left[0];
      return span === 0 ? right[1] : left[1] + ((x - left[0]) / span) * (right[1] - left[1]);
    }
  }
  return last[1];
}

/** `value` bounded to [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
