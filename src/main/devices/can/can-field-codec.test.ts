import { describe, expect, it } from 'vitest';
import type { BitSpec, NumericFieldSpec } from './bms-can-profile';
import {
  readAscii,
  readBitGroup,
  readNumeric,
  requiredLength,
  writeAscii,
  writeBitGroup,
  writeNumeric,
} from './can-field-codec';

describe('field codec', () => {
  it('reads and writes big-endian fields for vendors that use them', () => {
    const field: NumericFieldSpec = {
      name: 'v',
      type: 's16',
      offset: 1,
      endian: 'big',
      scale: 0.1,
    };
    const data = new Uint8Array(3);
    writeNumeric(data, field, -12.5);
    expect(Array.from(data)).toEqual([0, 0xff, 0x83]);
    expect(readNumeric(data, field)).toBe(-12.5);
  });

  it('flips the sign with a negative scale (a BMS with the other current convention)', () => {
    const field: NumericFieldSpec = { name: 'i', type: 's16', offset: 0, scale: -0.1 };
    expect(readNumeric(Uint8Array.from([0x83, 0xff]), field)).toBe(12.5);
    const data = new Uint8Array(2);
    writeNumeric(data, field, 12.5);
    expect(Array.from(data)).toEqual([0x83, 0xff]);
  });

  it('writes zero for a value that is not finite', () => {
    const data = Uint8Array.from([9, 9]);
    writeNumeric(data, { name: 'x', type: 'u16', offset: 0 }, NaN);
    expect(Array.from(data)).toEqual([0, 0]);
  });

  it('handles two-bit groups (SMA-style alarm pairs: 01 inactive, 10 active)', () => {
    const pair: BitSpec = {
      bit: 2,
      width: 2,
      activeValue: 2,
      inactiveValue: 1,
      role: 'alarm',
      name: 'X',
    };
    expect(readBitGroup(0b1000, pair)).toBe(true);
    expect(readBitGroup(0b0100, pair)).toBe(false);
    expect(readBitGroup(0b1100, pair)).toBe(false);
    expect(writeBitGroup(0b11110011, pair, true)).toBe(0b11111011);
    expect(writeBitGroup(0, pair, false)).toBe(0b0100);
  });

  it('reads text as far as the frame goes and pads it with spaces when writing', () => {
    const field = { name: 'm', type: 'ascii', offset: 2, length: 6 } as const;
    expect(requiredLength(field)).toBe(3);
    expect(readAscii(Uint8Array.from([0, 0, 0x41, 0x42]), field)).toBe('AB');
    const data = new Uint8Array(8);
    writeAscii(data, field, 'Aé');
    expect(Array.from(data)).toEqual([0, 0, 0x41, 0x3f, 0x20, 0x20, 0x20, 0x20]);
  });
});
