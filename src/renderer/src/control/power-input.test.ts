import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gridTargetNeedsConfirm,
  overrideLimitW,
  validateGridTarget,
  validateOverridePower,
} from './power-input';

const RATINGS = { maxChargeW: 4000, maxDischargeW: 5000 };

describe('validateOverridePower', () => {
  it.each([
    ['', 'Enter a power'],
    ['   ', 'Enter a power'],
    ['abc', 'not a number'],
    ['2kW', 'not a number'],
    ['0x10', 'not a number'],
    ['1e3', 'not a number'],
    ['12,5', 'not a number'],
    ['NaN', 'not a number'],
    ['Infinity', 'not a number'],
    ['-1', 'must not be negative'],
    ['-0.5', 'must not be negative'],
    ['5000.5', 'above the inverter rating (5000 W)'],
    ['99999', 'above the inverter rating'],
  ])('refuses %j', (text, message) => {
    const r = validateOverridePower(text, 5000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it.each([
    ['0', 0],
    ['2000', 2000],
    [' 2000 ', 2000],
    ['+1500.5', 1500.5],
    ['.5', 0.5],
    ['5000', 5000],
  ])('accepts %j as %d W', (text, watts) => {
    expect(validateOverridePower(text, 5000)).toEqual({ ok: true, watts });
  });

  it('accepts exactly the decimals from 0 to the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20_000, max: 20_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (w, limit) => {
          const r = validateOverridePower(String(w), limit);
          expect(r.ok).toBe(w >= 0 && w <= limit);
        },
      ),
    );
  });
});

describe('overrideLimitW', () => {
  it('uses the rating of the direction the mode drives', () => {
    expect(overrideLimitW(RATINGS, 'CHARGE_ONLY')).toBe(4000);
    expect(overrideLimitW(RATINGS, 'DISCHARGE_ONLY')).toBe(5000);
  });

  it('uses the larger rating otherwise, as the core does', () => {
    expect(overrideLimitW(RATINGS, 'SELF_CONSUMPTION')).toBe(5000);
    expect(overrideLimitW(RATINGS, null)).toBe(5000);
  });

  it('treats a negative rating as 0 (nothing allowed)', () => {
    expect(overrideLimitW({ maxChargeW: -1, maxDischargeW: -1 }, 'CHARGE_ONLY')).toBe(0);
  });
});

describe('validateGridTarget', () => {
  it('accepts either sign and refuses what is not a number', () => {
    expect(validateGridTarget('-250')).toEqual({ ok: true, watts: -250 });
    expect(validateGridTarget('100')).toEqual({ ok: true, watts: 100 });
    expect(validateGridTarget('').ok).toBe(false);
    expect(validateGridTarget('lots').ok).toBe(false);
  });

  it('refuses decimals instead of rounding them, and targets beyond 10 x the rating', () => {
    expect(validateGridTarget('1.5')).toEqual({
      ok: false,
      error: '"1.5" has decimals: the grid target takes whole watts.',
    });
    const ratings = { maxChargeW: 5000, maxDischargeW: 4000 };
    expect(validateGridTarget('50000', ratings)).toEqual({ ok: true, watts: 50000 });
    expect(validateGridTarget('99999999', ratings).ok).toBe(false);
    expect(validateGridTarget('-50001', ratings).ok).toBe(false);
  });

  it('asks for confirmation beyond the small trimming band', () => {
    expect(gridTargetNeedsConfirm(100)).toBe(false);
    expect(gridTargetNeedsConfirm(-100)).toBe(false);
    expect(gridTargetNeedsConfirm(101)).toBe(true);
    expect(gridTargetNeedsConfirm(-2000)).toBe(true);
  });
});
