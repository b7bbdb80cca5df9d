import { describe, expect, it } from 'vitest';
import { describeTypedValue, typedRegisterWords, type TypedValue } from './typed-register-value';

const t = (over: Partial<TypedValue>): TypedValue => ({
  type: 'int16',
  wordOrder: 'big',
  scale: 1,
  values: [0],
  ...over,
});

function words(over: Partial<TypedValue>): readonly number[] {
  const r = typedRegisterWords(t(over));
  if (!r.ok) throw new Error(r.error);
  return r.words;
}

function error(over: Partial<TypedValue>): string {
  const r = typedRegisterWords(t(over));
  if (r.ok) throw new Error(`expected an error, got ${r.words.join(',')}`);
  return r.error;
}

describe('typedRegisterWords', () => {
  it('writes −2000 as int32 high word first as 0xFFFF 0xF830', () => {
    expect(words({ type: 'int32', values: [-2000] })).toEqual([0xffff, 0xf830]);
  });

  it('swaps the words for low word first', () => {
    expect(words({ type: 'int32', wordOrder: 'little', values: [-2000] })).toEqual([
      0xf830, 0xffff,
    ]);
    expect(words({ type: 'uint32', wordOrder: 'little', values: [0x12345678] })).toEqual([
      0x5678, 0x1234,
    ]);
  });

  it('ignores the word order for 16-bit types', () => {
    expect(words({ type: 'int16', wordOrder: 'little', values: [-1] })).toEqual([0xffff]);
    expect(words({ type: 'uint16', values: [65535] })).toEqual([65535]);
  });

  it('divides by the scale first, tolerating binary fractions (230.5 V at 0.1 = 2305)', () => {
    expect(words({ type: 'uint16', scale: 0.1, values: [230.5] })).toEqual([2305]);
    expect(words({ type: 'int16', scale: 10, values: [-2000] })).toEqual([0x10000 - 200]);
  });

  it('encodes float32 in IEEE 754 and reports the value the device will hold', () => {
    expect(words({ type: 'float32', values: [1] })).toEqual([0x3f80, 0x0000]);
    expect(words({ type: 'float32', values: [-2000] })).toEqual([0xc4fa, 0x0000]);
    const r = typedRegisterWords(t({ type: 'float32', values: [0.1] }));
    expect(r.ok && r.stored[0]).toBe(Math.fround(0.1));
  });

  it('concatenates several values', () => {
    expect(words({ type: 'int32', values: [-2000, 1] })).toEqual([0xffff, 0xf830, 0, 1]);
  });

  it('refuses values that do not fit, naming the value, the type and its range', () => {
    expect(error({ type: 'int16', values: [40000] })).toBe(
      '40000 does not fit int16 (-32768..32767)',
    );
    expect(error({ type: 'uint16', values: [-1] })).toBe('-1 does not fit uint16 (0..65535)');
    expect(error({ type: 'uint32', values: [1, 2 ** 32] })).toBe(
      'value 2: 4294967296 does not fit uint32 (0..4294967295)',
    );
    expect(error({ type: 'int16', scale: 0.1, values: [4000] })).toBe(
      '4000 (40000 register steps at scale 0.1) does not fit int16 (-32768..32767)',
    );
    expect(error({ type: 'float32', values: [1e39] })).toMatch(/does not fit float32/);
  });

  it('refuses fractions of a step instead of rounding them', () => {
    expect(error({ type: 'int32', values: [1.5] })).toBe(
      '1.5 is not a whole number; int32 holds whole numbers only',
    );
    expect(error({ type: 'uint16', scale: 0.1, values: [230.55] })).toMatch(
      /230.55 at scale 0.1 is 2305.5\d* register steps; uint16 holds whole steps only/,
    );
  });

  it('refuses a malformed description without throwing', () => {
    expect(error({ scale: 0 })).toMatch(/scale must be a finite non-zero number/);
    expect(error({ values: [] })).toBe('enter at least one value');
    expect(error({ values: [Number.NaN] })).toBe('NaN is not a number');
    expect(error({ type: 'int64' as unknown as 'int16' })).toMatch(/type must be one of/);
    expect(error({ wordOrder: 'middle' as unknown as 'big' })).toMatch(/word order must be/);
  });

  it('describes a typed write in words', () => {
    expect(describeTypedValue(t({ type: 'int32', values: [-2000] }))).toBe(
      'int32 -2000 (scale 1, high word first)',
    );
    expect(describeTypedValue(t({ type: 'uint16', scale: 0.1, values: [230.5] }))).toBe(
      'uint16 230.5 (scale 0.1)',
    );
  });
});
