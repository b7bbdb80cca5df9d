import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSunSpecModel, decodeSunSpecPoint, decodeSunSpecRaw } from './sunspec-decode';
import { encodeSunSpecRaw } from './sunspec-encode';
import { SUNSPEC_MODELS } from './sunspec-models';
import { MODEL_704 } from './sunspec-models-704';
import { MODEL_103 } from './sunspec-models-inverter';

const u16 = (v: number): number => v & 0xffff;

/** Registers of a model image from offset 0 with some values set. */
function image(id: number, length: number, values: Record<number, number>): number[] {
  const regs = [id, length, ...new Array<number>(length).fill(0)];
  for (const [offset, v] of Object.entries(values)) regs[Number(offset)] = v;
  return regs;
}

describe('decodeSunSpecRaw', () => {
  it.each([
    ['int16', [0x8000], null],
    ['int16', [u16(-350)], -350],
    ['sunssf', [0x8000], null],
    ['sunssf', [u16(-2)], -2],
    ['uint16', [0xffff], null],
    ['enum16', [0xffff], null],
    ['bitfield16', [0xfffe], 0xfffe],
    ['acc16', [0], null],
    ['int32', [0x8000, 0], null],
    ['int32', [0xffff, 0xfc18], -1000],
    ['uint32', [0xffff, 0xffff], null],
    ['bitfield32', [0xffff, 0xffff], null],
    ['acc32', [0, 0], null],
    ['acc32', [1, 2], 65538],
    ['uint64', [0xffff, 0xffff, 0xffff, 0xffff], null],
    ['uint64', [0, 1, 0, 5], 2 ** 32 + 5],
    ['int64', [0x8000, 0, 0, 0], null],
    ['int64', [0xffff, 0xffff, 0xffff, 0xfffe], -2],
    ['acc64', [0, 0, 0, 0], null],
    ['float32', [0x7fc0, 0], null],
    ['float32', [0x4048, 0xf5c3], Math.fround(3.14)],
    ['pad', [0x8000], null],
  ] as const)('%s %j -> %s', (type, regs, expected) => {
    expect(decodeSunSpecRaw(type, regs)).toBe(expected);
  });

  it('decodes strings up to the first NUL and says null for all zeros', () => {
    expect(decodeSunSpecRaw('string', [0x5375, 0x6e53, 0x7065, 0x6300, 0x4141])).toBe('SunSpec');
    expect(decodeSunSpecRaw('string', [0, 0, 0])).toBeNull();
    expect(decodeSunSpecRaw('string', [0x4101, 0x2020])).toBe('A?');
  });

  it('gives null for malformed registers or a size the type cannot have', () => {
    expect(decodeSunSpecRaw('int16', [70000])).toBeNull();
    expect(decodeSunSpecRaw('uint32', [1])).toBeNull();
    expect(decodeSunSpecRaw('uint32', [1, 2, 3])).toBeNull();
    expect(decodeSunSpecRaw('string', [0x41, -1])).toBeNull();
  });
});

describe('decodeSunSpecPoint', () => {
  const w = MODEL_103.points.find((p) => p.name === 'W');
  if (w === undefined) throw new Error('table 103 has no W');

  it('applies the scale factor exactly', () => {
    const p = decodeSunSpecPoint(w, [1234], -1);
    expect([p.raw, p.sf, p.value, p.units]).toEqual([1234, -1, 123.4, 'W']);
  });

  it('gives a null value when the scale factor is not implemented or out of range', () => {
    expect(decodeSunSpecPoint(w, [1234], null).value).toBeNull();
    expect(decodeSunSpecPoint(w, [1234], 11).value).toBeNull();
    expect(decodeSunSpecPoint(w, [0x8000], 0).value).toBeNull();
  });
});

describe('decodeSunSpecModel', () => {
  it('decodes model 103 with its scale factors and leaves out header and not-implemented values', () => {
    const regs = image(103, 50, { 14: u16(-350), 15: 1, 16: 5002, 17: u16(-2), 38: 4 });
    regs[27] = 0xffff;
    const { points, beyondLength, undecoded } = decodeSunSpecModel(MODEL_103, regs);
    const byName = new Map(points.map((p) => [p.name, p]));
    expect(byName.has('ID')).toBe(false);
    expect(byName.get('W')?.value).toBe(-3500);
    expect(byName.get('Hz')?.value).toBe(50.02);
    expect(byName.get('St')?.value).toBe(4);
    expect(byName.get('DCA')?.value).toBeNull();
    expect([beyondLength, undecoded]).toEqual([[], null]);
  });

  it('names points beyond a shorter model and keeps what follows the fixed block raw', () => {
    const short = decodeSunSpecModel(MODEL_103, image(103, 30, {}));
    expect(short.beyondLength).toContain('St');
    expect(short.points.some((p) => p.name === 'St')).toBe(false);
    const long = decodeSunSpecModel(MODEL_704, image(704, 65, { 59: 950, 66: 1 }));
    expect(long.undecoded).toEqual({ offset: 59, registers: [950, 0, 0, 0, 0, 0, 0, 1] });
  });

  it('never throws, whatever the registers, for every known model', () => {
    const junk = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer(),
      fc.double(),
      fc.constant(Number.NaN),
    );
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 200 }), (regs) => {
        for (const def of SUNSPEC_MODELS.values()) {
          const { points } = decodeSunSpecModel(def, regs);
          for (const p of points)
            expect(
              p.value === null || typeof p.value !== 'number' || Number.isFinite(p.value),
            ).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodeSunSpecRaw', () => {
  it('round-trips through the decoder for every integer type, sentinels included', () => {
    const ranges = [
      ['int16', -0x8000, 0x7fff],
      ['uint16', 0, 0xffff],
      ['acc32', 0, 0xffffffff],
      ['int32', -0x80000000, 0x7fffffff],
      ['bitfield32', 0, 0xffffffff],
      ['int64', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
      ['uint64', 0, Number.MAX_SAFE_INTEGER],
    ] as const;
    for (const [type, min, max] of ranges) {
      fc.assert(
        fc.property(fc.integer({ min, max }), (v) => {
          const back = decodeSunSpecRaw(type, encodeSunSpecRaw(type, v));
          expect(back === null || back === v).toBe(true);
        }),
        { numRuns: 100 },
      );
      expect(decodeSunSpecRaw(type, encodeSunSpecRaw(type, null))).toBeNull();
    }
  });

  it('encodes strings padded with NULs and refuses what does not fit', () => {
    expect(encodeSunSpecRaw('string', 'SunS', 3)).toEqual([0x5375, 0x6e53, 0]);
    expect(() => encodeSunSpecRaw('string', 'too long', 2)).toThrow(RangeError);
    expect(() => encodeSunSpecRaw('uint16', -1)).toThrow(
      'uint16: -1 is not a whole number in 0..65535',
    );
  });
});
