import { describe, expect, it } from 'vitest';
import {
  checkReadForm,
  parseDecimal,
  parseTypedValues,
  parseWhole,
  parseWriteValues,
  splitValueList,
} from './console-input';

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

describe('splitValueList', () => {
  it('names an empty entry instead of skipping it', () => {
    expect(parseWriteValues('10,,5')).toEqual({
      ok: false,
      error: 'value 2 is empty: nothing between the commas after "10"',
    });
    expect(splitValueList(',5')).toEqual({
      ok: false,
      error: 'value 1 is empty: a comma with nothing before it',
    });
    expect(splitValueList('5, 6,')).toEqual({
      ok: false,
      error: 'value 3 is empty: a comma with nothing after it',
    });
    expect(splitValueList('')).toEqual({ ok: false, error: 'enter at least one value' });
  });

  it('keeps commas and spaces as separators', () => {
    expect(splitValueList(' 1 , 2 3 ')).toEqual({ ok: true, value: ['1', '2', '3'] });
  });
});

describe('parseTypedValues', () => {
  it('reads signed decimals, the typographic minus included', () => {
    expect(parseTypedValues('\u22122000')).toEqual({ ok: true, value: [-2000] });
    expect(parseTypedValues('230.5, -1e3')).toEqual({ ok: true, value: [230.5, -1000] });
  });

  it('names what is not a number', () => {
    expect(parseTypedValues('12 W')).toEqual({
      ok: false,
      error: 'value 2 must be a number, got "W"',
    });
    expect(parseDecimal('0x10', 'the value').ok).toBe(false);
    expect(parseTypedValues('1,,2').ok).toBe(false);
  });
});
