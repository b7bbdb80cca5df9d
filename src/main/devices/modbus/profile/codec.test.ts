import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRaw, encodeRaw, registerCount, toEngineering, toRaw } from './codec';
import { REGISTER_TYPES } from './profile-schema';

describe('registerCount', () => {
  it('is 1 for 16-bit types and 2 for 32-bit types', () => {
    expect(REGISTER_TYPES.map(registerCount)).toEqual([1, 1, 2, 2, 2]);
  });
});

describe('decodeRaw', () => {
  it('decodes 16-bit values with sign', () => {
    expect(decodeRaw([0x7fff], 'int16', 'big')).toBe(32767);
    expect(decodeRaw([0xfffe], 'int16', 'big')).toBe(-2);
    expect(decodeRaw([0x8001], 'int16', 'big')).toBe(-32767);
    expect(decodeRaw([0xfffe], 'uint16', 'little')).toBe(65534);
    expect(decodeRaw([0x8000], 'uint16', 'big')).toBe(32768);
  });

  it('decodes 32-bit values in both word orders', () => {
    expect(decodeRaw([0x0001, 0x0002], 'uint32', 'big')).toBe(0x10002);
    expect(decodeRaw([0x0002, 0x0001], 'uint32', 'little')).toBe(0x10002);
    expect(decodeRaw([0xffff, 0xfc18], 'int32', 'big')).toBe(-1000);
    expect(decodeRaw([0xfc18, 0xffff], 'int32', 'little')).toBe(-1000);
    expect(decodeRaw([0x7fff, 0xffff], 'int32', 'big')).toBe(2147483647);
    expect(decodeRaw([0x8000, 0x0001], 'int32', 'big')).toBe(-2147483647);
    expect(decodeRaw([0x3fc0, 0x0000], 'float32', 'big')).toBe(1.5);
    expect(decodeRaw([0x0000, 0xc2c8], 'float32', 'little')).toBe(-100);
  });

  it('returns null for the SunSpec not-implemented sentinels only', () => {
    expect(decodeRaw([0x8000], 'int16', 'big')).toBeNull();
    expect(decodeRaw([0xffff], 'uint16', 'big')).toBeNull();
    expect(decodeRaw([0x8000, 0x0000], 'int32', 'big')).toBeNull();
    expect(decodeRaw([0x0000, 0x8000], 'int32', 'little')).toBeNull();
    expect(decodeRaw([0xffff, 0xffff], 'uint32', 'big')).toBeNull();
    expect(decodeRaw([0x7fc0, 0x0000], 'float32', 'big')).toBeNull();
    expect(decodeRaw([0xffff], 'int16', 'big')).toBe(-1);
    expect(decodeRaw([0xffff, 0xfffe], 'uint32', 'big')).toBe(0xfffffffe);
  });

  it('uses only the first registers it needs', () => {
    expect(decodeRaw([5, 6, 7], 'int16', 'big')).toBe(5);
    expect(decodeRaw([0, 5, 7], 'uint32', 'big')).toBe(5);
  });

  it('rejects too few or malformed registers with a RangeError naming the type', () => {
    expect(() => decodeRaw([], 'uint16', 'big')).toThrow(/uint16: needs 1 register/);
    expect(() => decodeRaw([1], 'int32', 'big')).toThrow(/int32: needs 2 registers, got 1/);
    expect(() => decodeRaw([0x10000], 'int16', 'big')).toThrow(/int16: register value 65536/);
    expect(() => decodeRaw([1, -1], 'float32', 'big')).toThrow(RangeError);
    expect(() => decodeRaw([1.5], 'uint16', 'big')).toThrow(RangeError);
  });
});

describe('encodeRaw', () => {
  it('encodes every type in both word orders', () => {
    expect(encodeRaw(-2, 'int16', 'big')).toEqual([0xfffe]);
    expect(encodeRaw(65535, 'uint16', 'little')).toEqual([0xffff]);
    expect(encodeRaw(-1000, 'int32', 'big')).toEqual([0xffff, 0xfc18]);
    expect(encodeRaw(-1000, 'int32', 'little')).toEqual([0xfc18, 0xffff]);
    expect(encodeRaw(0x10002, 'uint32', 'big')).toEqual([1, 2]);
    expect(encodeRaw(0x10002, 'uint32', 'little')).toEqual([2, 1]);
    expect(encodeRaw(1.5, 'float32', 'big')).toEqual([0x3fc0, 0]);
    expect(encodeRaw(-100, 'float32', 'little')).toEqual([0, 0xc2c8]);
  });

  it('throws a RangeError naming the type for values out of range, fractional or not finite', () => {
    expect(() => encodeRaw(32768, 'int16', 'big')).toThrow(
      /^int16: 32768 is outside -32768\.\.32767$/,
    );
    expect(() => encodeRaw(-1, 'uint16', 'big')).toThrow(/uint16/);
    expect(() => encodeRaw(2 ** 31, 'int32', 'big')).toThrow(/int32/);
    expect(() => encodeRaw(2 ** 32, 'uint32', 'big')).toThrow(/uint32/);
    expect(() => encodeRaw(1.5, 'int16', 'big')).toThrow(
      /int16: cannot encode 1.5, not an integer/,
    );
    expect(() => encodeRaw(Number.NaN, 'float32', 'big')).toThrow(/float32: cannot encode NaN/);
    expect(() => encodeRaw(Infinity, 'uint16', 'big')).toThrow(RangeError);
    expect(() => encodeRaw(1e39, 'float32', 'big')).toThrow(/float32.*outside/);
  });

  it('round-trips every in-range integer through decodeRaw', () => {
    const ranges = {
      int16: [-32767, 32767],
      uint16: [0, 65534],
      int32: [-(2 ** 31) + 1, 2 ** 31 - 1],
      uint32: [0, 2 ** 32 - 2],
    } as const;
    for (const [type, [min, max]] of Object.entries(ranges) as [
      keyof typeof ranges,
      readonly [number, number],
    ][]) {
      fc.assert(
        fc.property(
          fc.integer({ min, max }),
          fc.constantFrom('big' as const, 'little' as const),
          (raw, order) => {
            const regs = encodeRaw(raw, type, order);
            expect(regs).toHaveLength(registerCount(type));
            expect(decodeRaw(regs, type, order)).toBe(raw);
          },
        ),
      );
    }
  });

  it('round-trips float32 values to float32 precision', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (raw) => {
        expect(decodeRaw(encodeRaw(raw, 'float32', 'big'), 'float32', 'big')).toBe(
          Math.fround(raw),
        );
      }),
    );
  });
});

describe('toEngineering / toRaw', () => {
  it('applies the scale factor and the scale', () => {
    expect(toEngineering(1234, undefined, -1)).toBe(123.4);
    expect(toEngineering(3, 0.1)).toBe(0.3);
    expect(toEngineering(5, undefined, 2)).toBe(500);
    expect(toEngineering(5, 2, 1)).toBe(100);
    expect(toEngineering(-7)).toBe(-7);
  });

  it('inverts toEngineering, rounding for integer types only', () => {
    expect(toRaw(123.4, 'int16', undefined, -1)).toBe(1234);
    expect(toRaw(0.3, 'uint16', 0.1)).toBe(3);
    expect(toRaw(549, 'int16', undefined, 1)).toBe(55);
    expect(toRaw(100, 'int32', 2, 1)).toBe(5);
    expect(toRaw(1.25, 'float32', 0.5)).toBe(2.5);
    expect(toRaw(-2.4, 'int32')).toBe(-2);
  });

  it('round-trips integers through any decimal scale factor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -32767, max: 32767 }),
        fc.integer({ min: -4, max: 4 }),
        (raw, sf) => {
          expect(toRaw(toEngineering(raw, undefined, sf), 'int16', undefined, sf)).toBe(raw);
        },
      ),
    );
  });
});
