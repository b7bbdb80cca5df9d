import { describe, expect, it } from 'vitest';
import { checkCanFrame, formatCanFrame, formatCanId } from './can-frame';
import type { CanFrame } from './can-transport';

describe('CAN frame checks', () => {
  it('accepts classic frames of 0 to 8 bytes with an id in range', () => {
    expect(checkCanFrame({ id: 0, data: new Uint8Array(0) })).toBeNull();
    expect(checkCanFrame({ id: 0x7ff, data: new Uint8Array(8) })).toBeNull();
    expect(checkCanFrame({ id: 0x1fffffff, data: new Uint8Array(8), extended: true })).toBeNull();
  });

  it('names what is wrong with a bad frame', () => {
    expect(checkCanFrame({ id: 1.5, data: new Uint8Array(0) })).toMatch(
      /CAN id 1.5 is out of range/,
    );
    expect(checkCanFrame({ id: 0x351, data: [1, 2] } as unknown as CanFrame)).toMatch(
      /0x351 has no byte data/,
    );
    expect(checkCanFrame(null as unknown as CanFrame)).toMatch(/must be an object/);
  });

  it('formats ids and frames the way CAN tools print them', () => {
    expect(formatCanId(0x35c)).toBe('0x35C');
    expect(formatCanId(5)).toBe('0x005');
    expect(formatCanFrame({ id: 0x35c, data: Uint8Array.from([0xc0, 0]) })).toBe('0x35C [2] C0 00');
    expect(formatCanFrame({ id: 0x305, data: new Uint8Array(0) })).toBe('0x305 [0]');
  });
});
