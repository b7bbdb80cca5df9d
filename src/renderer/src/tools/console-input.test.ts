import { describe, expect, it } from 'vitest';
import { checkReadForm, parseWhole, parseWriteValues } from './console-input';

describe('checkReadForm', () => {
  it('accepts a valid read, hex addresses included', () => {
    expect(checkReadForm({ address: '0x9c40', count: '2', scale: '0.1' })).toEqual({
      ok: true,
      address: 40000,
      count: 2,
      scale: 0.1,
    });
  });

  it('names every bad field', () => {
    const r = checkReadForm({ address: '65536', count: '0', scale: '0' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.address).toMatch(/0\.\.65535/);
    expect(r.errors.count).toMatch(/1\.\.125/);
    expect(r.errors.scale).toMatch(/non-zero/);
  });

  it('refuses a block that runs past the last register', () => {
    const r = checkReadForm({ address: '65535', count: '2', scale: '1' });
    expect(r.ok ? null : r.errors.count).toMatch(/past register 65535/);
  });

  it('refuses fractions and words', () => {
    expect(parseWhole('1.5', 'address', 0, 65535).ok).toBe(false);
    expect(parseWhole('abc', 'address', 0, 65535).ok).toBe(false);
    expect(parseWhole('', 'count', 1, 125)).toEqual({ ok: false, error: 'count is required' });
  });
});

describe('parseWriteValues', () => {
  it('reads a comma or space separated list', () => {
    expect(parseWriteValues('1, 0xffff 3')).toEqual({ ok: true, value: [1, 65535, 3] });
  });
  it('names the first bad value', () => {
    expect(parseWriteValues('1, 70000')).toEqual({
      ok: false,
      error: 'value 2 must be 0..65535, got 70000',
    });
    expect(parseWriteValues('  ').ok).toBe(false);
    expect(parseWriteValues('-1').ok).toBe(false);
  });
});
