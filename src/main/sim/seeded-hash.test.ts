import { describe, expect, it } from 'vitest';
import { hash32, rangeHash, unitHash } from './seeded-hash';

describe('seeded hash', () => {
  it('is deterministic for the same keys', () => {
    expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
    expect(unitHash(42, 7)).toBe(unitHash(42, 7));
  });

  it('separates neighbouring keys, key order and large seeds', () => {
    expect(hash32(1, 2)).not.toBe(hash32(2, 1));
    expect(hash32(1, 2)).not.toBe(hash32(1, 3));
    expect(hash32(2 ** 40)).not.toBe(hash32(2 ** 40 + 2 ** 33));
  });

  it('is roughly uniform on [0, 1)', () => {
    const n = 20_000;
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i += 1) {
      const u = unitHash(99, i);
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      buckets[Math.floor(u * 10)] = (buckets[Math.floor(u * 10)] ?? 0) + 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 1);
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan(n / 50);
  });

  it('maps into the requested range', () => {
    for (let i = 0; i < 1_000; i += 1) {
      const v = rangeHash(-3, 5, i);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThan(5);
    }
  });
});
