import { describe, expect, it } from 'vitest';
import type { SunSpecPointView } from '../../../shared/sunspec-views';
import { sunspecPointText } from './sunspec-point-text';

const point = (over: Partial<SunSpecPointView>): SunSpecPointView => ({
  name: 'St',
  offset: 38,
  type: 'enum16',
  units: '',
  access: 'r',
  registers: [8],
  raw: 8,
  value: 8,
  ...over,
});

describe('sunspecPointText', () => {
  it('names enumerations beside their value', () => {
    expect(sunspecPointText(point({ symbols: ['STANDBY'] }))).toBe('8 STANDBY');
    expect(sunspecPointText(point({ raw: 6, value: 6, symbols: ['HOLDING'] }))).toBe('6 HOLDING');
  });

  it('names the set bits of a bitfield after its hex value', () => {
    const evt = point({ type: 'bitfield32', raw: 0x81, value: 0x81 });
    expect(sunspecPointText({ ...evt, symbols: ['GROUND_FAULT', 'OVER_TEMP'] })).toBe(
      '0x00000081: GROUND_FAULT, OVER_TEMP',
    );
    expect(sunspecPointText({ ...evt, type: 'bitfield16', raw: 0, value: 0, symbols: [] })).toBe(
      '0x0000: no bit set',
    );
  });

  it('prints other points with their units, and says what is missing', () => {
    expect(sunspecPointText(point({ type: 'int16', units: 'W', raw: 150, value: 1500 }))).toBe(
      '1500 W',
    );
    expect(sunspecPointText(point({ raw: null, value: null }))).toBe('not implemented');
    expect(sunspecPointText(point({ raw: 5, value: null, sf: null }))).toBe('5 (no valid scale)');
  });
});
