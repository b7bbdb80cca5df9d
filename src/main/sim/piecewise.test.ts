import { describe, expect, it } from 'vitest';
import { clamp, interpolate, type Knot } from './piecewise';

const CURVE: readonly Knot[] = [
  [0, 10],
  [10, 20],
  [20, 0],
];

describe('interpolate', () => {
  it('is linear between knots and flat beyond the ends', () => {
    expect(interpolate(CURVE, 5)).toBe(15);
    expect(interpolate(CURVE, 15)).toBe(10);
    expect(interpolate(CURVE, 10)).toBe(20);
    expect(interpolate(CURVE, -100)).toBe(10);
    expect(interpolate(CURVE, 100)).toBe(0);
  });

  it('rejects an empty table, an unsorted table and NaN', () => {
    expect(() => interpolate([], 1)).toThrow(/no knots/);
    expect(() =>
      interpolate(
        [
          [0, 0],
          [10, 1],
          [5, 2],
          [20, 3],
        ],
        12,
      ),
    ).toThrow(/not sorted/);
    expect(() => interpolate(CURVE, Number.NaN)).toThrow(/NaN/);
  });
});

describe('clamp', () => {
  it('bounds a value', () => {
    expect(clamp(5, 0, 3)).toBe(3);
    expect(clamp(-5, 0, 3)).toBe(0);
    expect(clamp(2, 0, 3)).toBe(2);
  });
});
