import { describe, expect, it } from 'vitest';
import type { CanIdRowView } from '../../../shared/can-monitor-view';
import { decodedText, filterCanRows, parseCanFilter, spacedHex } from './can-filter';

const row = (id: number): CanIdRowView => ({
  id,
  extended: false,
  label: `0x${id.toString(16)}`,
  count: 1,
  ratePerS: 1,
  lastData: '',
  lastAt: 0,
  decoded: null,
  problem: null,
});

describe('parseCanFilter', () => {
  it('keeps everything when empty', () => {
    expect(parseCanFilter('  ')).toEqual({ ok: true, ids: null });
  });
  it('reads hex ids with or without 0x', () => {
    const f = parseCanFilter('351, 0x35e 35A');
    expect(f.ok && [...(f.ids ?? [])]).toEqual([0x351, 0x35e, 0x35a]);
  });
  it('names a bad id', () => {
    expect(parseCanFilter('351 xyz')).toEqual({ ok: false, error: '"xyz" is not a hex CAN id' });
    expect(parseCanFilter('FFFFFFFF').ok).toBe(false);
  });
});

describe('filterCanRows and text', () => {
  it('filters rows by id', () => {
    const rows = [row(0x351), row(0x355), row(0x359)];
    expect(filterCanRows(rows, new Set([0x355])).map((r) => r.id)).toEqual([0x355]);
    expect(filterCanRows(rows, null)).toBe(rows);
  });
  it('formats decoded fields and data', () => {
    expect(decodedText({ soc: 50, voltageV: 52.456, chargeEnabled: true })).toBe(
      'soc=50  voltageV=52.46  chargeEnabled=true',
    );
    expect(decodedText(null)).toBe('');
    expect(spacedHex('0102ab')).toBe('01 02 AB');
  });
});
