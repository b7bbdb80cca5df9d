import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAULT_CODES } from '../../shared/ems-names';
import { FAULT_GUIDANCE, faultGuidance } from '../../shared/fault-guidance';

describe('fault guidance', () => {
  it('has a text for every fault code, and docs/faults.md carries the same texts', () => {
    const doc = readFileSync(new URL('../../../docs/faults.md', import.meta.url), 'utf8');
    for (const code of FAULT_CODES) {
      expect(FAULT_GUIDANCE[code].length, code).toBeGreaterThan(20);
      expect(doc, code).toContain(`## ${code}`);
      expect(doc, code).toContain(FAULT_GUIDANCE[code]);
    }
  });

  it('answers an unknown code with a generic text', () => {
    expect(faultGuidance('NOT_A_CODE')).toMatch(/No guidance/);
  });
});
