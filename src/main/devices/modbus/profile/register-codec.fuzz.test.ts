import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeRaw, encodeRaw, registerCount, toEngineering, toRaw } from './codec';
import { decodePoint, engineeringValue } from './point-value';
import { pointSchema, REGISTER_TYPES, type RegisterType, type WordOrder } from './profile-schema';

/**
 * Fuzzing the register codec: whatever a device puts in its registers, decoding gives a
 * number of the type's range, null for "not implemented", or (only for malformed registers) a
 * RangeError naming the type and the bad value; encoding any number gives registers that
 * decode back to it, or a RangeError naming the type and the value.
 */

const type = fc.constantFrom(...REGISTER_TYPES);
const wordOrder = fc.constantFrom<WordOrder>('big', 'little');
const word = fc.integer({ min: 0, max: 0xffff });
/** Anything a broken transport could hand over instead of a 16-bit word. */
const notAWord = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.integer({ min: 0x10000, max: 2 ** 40 }),
  fc.double({ noInteger: true }),
  fc.constantFrom(NaN, Infinity, -Infinity),
);
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -(2 ** 33), max: 2 ** 33 }),
  fc.constantFrom(
    0,
    -0,
    0x7fff,
    0x8000,
    0xffff,
    0x7fffffff,
    0x80000000,
    0xffffffff,
    3.4e38,
    3.5e38,
  ),
);

const RANGES: Record<Exclude<RegisterType, 'float32'>, [number, number]> = {
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
};

describe('decodeRaw', () => {
  test('any words decode to a number in the type range, or null', () => {
    fc.assert(
      fc.property(type, wordOrder, fc.array(word, { minLength: 2, maxLength: 4 }), (t, o, regs) => {
        const raw = decodeRaw(regs, t, o);
        if (raw === null) return;
        if (t === 'float32') expect(Number.isNaN(raw)).toBe(false);
        else {
          expect(Number.isInteger(raw)).toBe(true);
          expect(raw).toBeGreaterThanOrEqual(RANGES[t][0]);
          expect(raw).toBeLessThanOrEqual(RANGES[t][1]);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('malformed registers are refused with a RangeError naming the type and the value', () => {
    fc.assert(
      fc.property(type, wordOrder, word, notAWord, fc.boolean(), (t, o, good, bad, badFirst) => {
        const regs = registerCount(t) === 1 ? [bad] : badFirst ? [bad, good] : [good, bad];
        expect(() => decodeRaw(regs, t, o)).toThrow(RangeError);
        expect(() => decodeRaw(regs, t, o)).toThrow(`${t}: register value ${String(bad)}`);
      }),
      { numRuns: 300 },
    );
  });

  test('too few registers are refused with a RangeError saying how many were needed', () => {
    fc.assert(
      fc.property(type, wordOrder, fc.array(word, { maxLength: 1 }), (t, o, regs) => {
        fc.pre(regs.length < registerCount(t));
        expect(() => decodeRaw(regs, t, o)).toThrow(`${t}: needs ${registerCount(t)} register`);
      }),
    );
  });
});

describe('encodeRaw', () => {
  test('any number encodes to words that decode back to it, or is refused naming type and value', () => {
    fc.assert(
      fc.property(type, wordOrder, anyNumber, (t, o, raw) => {
        let regs: number[];
        try {
          regs = encodeRaw(raw, t, o);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
          expect((err as Error).message.startsWith(`${t}: `)).toBe(true);
          expect((err as Error).message).toContain(String(raw));
          return;
        }
        expect(regs).toHaveLength(registerCount(t));
        for (const r of regs) expect(Number.isInteger(r) && r >= 0 && r <= 0xffff).toBe(true);
        const back = decodeRaw(regs, t, o);
        // The sentinels encode fine and read back as "not implemented".
        if (back === null) return;
        if (t === 'float32') expect(back).toBe(Math.fround(raw));
        else expect(back).toBe(raw + 0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('point values', () => {
  const spec = fc.record({
    type,
    scale: fc.option(fc.double({ min: 1e-9, max: 1e9, noNaN: true }), { nil: undefined }),
    scaleFactorPoint: fc.option(fc.constant('sf'), { nil: undefined }),
  });

  test('any registers and scale factor give a finite engineering value or null, never a throw', () => {
    fc.assert(
      fc.property(
        spec,
        wordOrder,
        fc.array(fc.oneof(word, notAWord), { maxLength: 3 }),
        fc.option(fc.oneof(fc.integer({ min: -40000, max: 40000 }), fc.double()), {
          nil: undefined,
        }),
        (s, o, regs, sf) => {
          const point = pointSchema.parse({ address: 0, ...s });
          const raw = decodePoint(regs, point.type, o);
          expect(raw === null || Number.isFinite(raw)).toBe(true);
          const raws = new Map<string, number | null>(sf === undefined ? [] : [['sf', sf]]);
          const value = engineeringValue(point, raw, raws);
          expect(value === null || Number.isFinite(value)).toBe(true);
          if (value !== null && point.scaleFactorPoint === undefined)
            expect(value).toBe(toEngineering(raw ?? NaN, point.scale));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('toRaw of any value is an integer for integer types (or a non-finite that encodeRaw refuses)', () => {
    fc.assert(
      fc.property(type, anyNumber, fc.integer({ min: -10, max: 10 }), (t, value, sf) => {
        const raw = toRaw(value, t, undefined, sf);
        if (t !== 'float32' && Number.isFinite(raw)) expect(Number.isInteger(raw)).toBe(true);
        if (!Number.isFinite(raw)) expect(() => encodeRaw(raw, t, 'big')).toThrow(RangeError);
      }),
      { numRuns: 300 },
    );
  });
});
