import { describe, expect, it } from 'vitest';
import { formatEnergy } from './format-energy';

describe('formatEnergy', () => {
  it('writes Wh below 1 kWh and kWh above, and a dash when unknown', () => {
    expect(formatEnergy(12.4)).toBe('12\u00a0Wh');
    expect(formatEnergy(1234.5)).toBe('1.23\u00a0kWh');
    expect(formatEnergy(null)).toBe('\u2014');
    expect(formatEnergy(Number.NaN)).toBe('\u2014');
  });
});
