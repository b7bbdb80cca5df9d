import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBmsCurrent,
  formatClock,
  formatDateTime,
  formatFlag,
  formatPercent,
  formatUnit,
  STALE_TEXT,
} from './format-values';

describe('value formatters', () => {
  it('shows the stale mark for unknown values', () => {
    expect(formatPercent(null)).toBe(STALE_TEXT);
    expect(formatUnit(null, 'V')).toBe(STALE_TEXT);
    expect(formatBmsCurrent(null)).toBe(STALE_TEXT);
    expect(formatFlag(null)).toBe(STALE_TEXT);
  });

  it('formats known values with units', () => {
    expect(formatPercent(50)).toBe('50.0\u00a0%');
    expect(formatUnit(54.012, 'V')).toBe('54.0\u00a0V');
    expect(formatUnit(25, '\u00b0C', 0)).toBe('25\u00a0\u00b0C');
    expect(formatFlag(true)).toBe('enabled');
    expect(formatFlag(false)).toBe('DISABLED');
  });

  it('names the direction of the BMS current (positive = into the pack)', () => {
    expect(formatBmsCurrent(95.04)).toBe('+95.0\u00a0A (charging)');
    expect(formatBmsCurrent(-12.5)).toBe('-12.5\u00a0A (discharging)');
    expect(formatBmsCurrent(0)).toBe('0.0\u00a0A');
  });

  it('writes ages the way a technician reads them', () => {
    expect(formatAge(null)).toBe('never');
    expect(formatAge(230)).toBe('0.2\u00a0s ago');
    expect(formatAge(45_000)).toBe('45\u00a0s ago');
    expect(formatAge(600_000)).toBe('10\u00a0min ago');
    expect(formatAge(3 * 3_600_000)).toBe('3\u00a0h ago');
  });

  it('formats wall-clock times in local time', () => {
    const t = new Date(2026, 10, 29, 9, 5, 7).getTime();
    expect(formatClock(t)).toBe('09:05:07');
    expect(formatDateTime(t)).toBe('2026-11-29 09:05:07');
    expect(formatClock('not a time')).toBe(STALE_TEXT);
  });
});
