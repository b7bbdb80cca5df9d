import fc from 'fast-check';
import { typedRegisterWords } from '../../shared/typed-register-value';
import type { RegisterType } from '../devices/modbus/profile/profile-schema';
import { describe, expect, it } from 'vitest';
import { interpretRegisters, registersFor } from './register-console-decode';

describe('interpretRegisters', () => {
  it('shows each register every way, with the next one for 32-bit values', () => {
    const [a, b] = interpretRegisters([0xffff, 0xfc18], 40100);
    expect(a).toMatchObject({
      address: 40100,
      word: 0xffff,
      hex: '0xffff',
      int16: -1,
      uint16: 65535,
      int32: { big: -1000, little: -65470465 },
      uint32: { big: 0xfffffc18, little: 0xfc18ffff },
      sentinel: true,
    });
    expect(b).toMatchObject({ int16: -1000, int32: { big: null, little: null }, sentinel: false });
  });

  it('reads float32 in both word orders and applies the scale to every number', () => {
    const [pi] = interpretRegisters([0x4048, 0xf5c3], 0);
    expect(pi?.float32.big).toBeCloseTo(3.14, 5);
    const [swapped] = interpretRegisters([0xf5c3, 0x4048], 0);
    expect(swapped?.float32.little).toBeCloseTo(3.14, 5);
    const [scaled] = interpretRegisters([1234, 0], 0, 0.1);
    expect([scaled?.int16, scaled?.uint16, scaled?.int32.big]).toEqual([
      123.4,
      123.4,
      1234 * 0x10000 * 0.1,
    ]);
    expect(interpretRegisters([0x5375, 0x6e53], 0).map((v) => v.ascii)).toEqual(['Su', 'nS']);
  });

  it('marks a malformed input position instead of throwing', () => {
    const [bad, good] = interpretRegisters([70000, 5], 10);
    expect(bad).toMatchObject({
      word: null,
      int16: null,
      error: 'not a 16-bit register value: 70000',
    });
    expect(bad?.uint32.big).toBeNull();
    expect(good?.uint16).toBe(5);
  });

  it('refuses a scale that is not a finite non-zero number', () => {
    expect(() => interpretRegisters([1], 0, 0)).toThrow(
      'scale must be a finite non-zero number, got 0',
    );
    expect(() => interpretRegisters([1], 0, Number.NaN)).toThrow(RangeError);
  });

  it('never throws and never shows a non-finite number, whatever the registers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything(), { maxLength: 40 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (regs, scale) => {
          fc.pre(scale !== 0);
          const views = interpretRegisters(regs, 0, scale);
          expect(views).toHaveLength(regs.length);
          for (const v of views) {
            for (const n of [
              v.int16,
              v.uint16,
              v.int32.big,
              v.int32.little,
              v.uint32.big,
              v.float32.big,
            ])
              expect(n === null || Number.isFinite(n)).toBe(true);
          }
        },
      ),
    );
  });

  it('agrees with the encoder: any int32 written big-endian reads back as int32 big', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), (v) => {
        const [view] = interpretRegisters(registersFor(v, 'int32', 'big'), 0);
        expect(view?.int32.big).toBe(v);
        const [little] = interpretRegisters(registersFor(v, 'int32', 'little'), 0);
        expect(little?.int32.little).toBe(v);
      }),
    );
  });
});

describe('registersFor', () => {
  it('encodes typed values, scaled, and names what does not fit', () => {
    expect(registersFor(-1500, 'int32')).toEqual([0xffff, 0xfa24]);
    expect(registersFor(50.02, 'uint16', 'big', 0.01)).toEqual([5002]);
    expect(() => registersFor(70000, 'uint16')).toThrow('uint16: 70000 is outside 0..65535');
  });
});

describe('registersFor and the shared typed-value encoder', () => {
  it('agree on every type, word order and scale (what the UI shows is what main writes)', () => {
    const cases: [number, RegisterType, number][] = [
      [-2000, 'int32', 1],
      [2000, 'int32', 1],
      [-1, 'int16', 1],
      [65535, 'uint16', 1],
      [230.5, 'uint16', 0.1],
      [-32768, 'int16', 1],
      [4294967295, 'uint32', 1],
      [-2147483648, 'int32', 1],
      [0.1, 'float32', 1],
      [-2000, 'float32', 1],
      [123.4, 'int32', 0.1],
    ];
    for (const [value, type, scale] of cases) {
      for (const wordOrder of ['big', 'little'] as const) {
        const shared = typedRegisterWords({ type, wordOrder, scale, values: [value] });
        expect(shared.ok && shared.words, `${type} ${value} ${wordOrder}`).toEqual(
          registersFor(value, type, wordOrder, scale),
        );
      }
    }
  });
});
