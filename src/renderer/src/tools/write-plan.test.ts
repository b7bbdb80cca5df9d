import { describe, expect, it } from 'vitest';
import { hexWords, planWrite, registerSpan, type WriteFormText } from './write-plan';

const form = (over: Partial<WriteFormText>): WriteFormText => ({
  address: '8',
  kind: 'words',
  wordOrder: 'big',
  scale: '1',
  values: '1',
  ...over,
});

describe('planWrite', () => {
  it('turns −2000 as int32 into the words to show and write', () => {
    const r = planWrite(form({ kind: 'int32', values: '\u22122000' }));
    expect(r).toEqual({
      ok: true,
      plan: {
        address: 8,
        words: [0xffff, 0xf830],
        typed: { type: 'int32', wordOrder: 'big', scale: 1, values: [-2000] },
        stored: [-2000],
      },
    });
    if (r.ok) expect(hexWords(r.plan.words)).toBe('0xFFFF 0xF830');
  });

  it('writes raw words as typed', () => {
    expect(planWrite(form({ values: '0x10, 20' }))).toEqual({
      ok: true,
      plan: { address: 8, words: [16, 20] },
    });
  });

  it('names each bad field: address, scale, a value that does not fit the type', () => {
    const r = planWrite(form({ address: 'x', kind: 'int16', scale: '0', values: '40000' }));
    expect(r.ok ? null : r.errors).toEqual({
      address: 'address must be a whole number, got "x"',
      scale: 'scale must be a finite non-zero number, got "0"',
    });
    const fit = planWrite(form({ kind: 'int16', values: '40000' }));
    expect(fit.ok ? null : fit.errors).toEqual({
      values: '40000 does not fit int16 (-32768..32767)',
    });
    const empty = planWrite(form({ values: '10,,5' }));
    expect(empty.ok ? null : empty.errors.values).toBe(
      'value 2 is empty: nothing between the commas after "10"',
    );
  });

  it('refuses a write that runs past the last register', () => {
    const r = planWrite(form({ address: '65535', kind: 'uint32', values: '1' }));
    expect(r.ok ? null : r.errors.values).toBe('2 registers from 65535 run past register 65535');
  });
});

describe('registerSpan', () => {
  it('names one register or a range', () => {
    expect(registerSpan(8, 1)).toBe('8');
    expect(registerSpan(8, 2)).toBe('8..9');
  });
});
