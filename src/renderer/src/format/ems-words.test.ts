import { describe, expect, it } from 'vitest';
import { EMS_STATES, LIMITED_BY, LINK_HEALTH, RUN_MODES } from '../../../shared/ems-names';
import {
  healthWords,
  isOverrideMode,
  limitName,
  limitedByWords,
  modeLabel,
  stateWords,
} from './ems-words';

describe('limitedBy in plain words', () => {
  it.each(LIMITED_BY)('has its own wording for %s', (code) => {
    const words = limitedByWords(code);
    // Plain words, not the camelCase code (single-word codes like "ramp" may appear as words).
    if (/[A-Z]/.test(code)) expect(words).not.toContain(code);
    expect(words).not.toBe(code);
    expect(words.split(' ').length).toBeGreaterThan(1);
    expect(limitName(code)).not.toMatch(/[a-z][A-Z]/);
  });

  it('gives every value a different wording', () => {
    expect(new Set(LIMITED_BY.map(limitedByWords)).size).toBe(LIMITED_BY.length);
    expect(new Set(LIMITED_BY.map(limitName)).size).toBe(LIMITED_BY.length);
  });

  it('says what the brief asks for the BMS limit', () => {
    expect(limitedByWords('bmsChargeCurrentLimit')).toBe('limited by BMS charge current limit');
    expect(limitedByWords('none')).toBe('not limited');
  });
});

describe('states, modes, health', () => {
  it('words every state, mode and health', () => {
    for (const s of EMS_STATES) expect(stateWords(s)).not.toBe(s);
    for (const m of RUN_MODES) expect(modeLabel(m)).not.toBe(m);
    for (const h of LINK_HEALTH) expect(healthWords(h)).toBeTruthy();
    expect(stateWords('FAULT')).toContain('0 W');
  });

  it('knows the manual-override modes', () => {
    expect(RUN_MODES.filter((m) => isOverrideMode(m))).toEqual(['CHARGE_ONLY', 'DISCHARGE_ONLY']);
    expect(isOverrideMode(null)).toBe(false);
  });
});
