import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emsCommandSchema } from './commands';
import { formatZodError } from './format-zod-error';

describe('formatZodError', () => {
  it('names the path of the first problem and counts the rest', () => {
    const r = z.strictObject({ a: z.number(), b: z.string() }).safeParse({ a: 'x', b: 1 });
    expect(r.success).toBe(false);
    if (!r.success) expect(formatZodError(r.error)).toMatch(/^a: .*\(and 1 more problem\)$/);
  });

  it('rejects unknown fields and non-finite power in commands', () => {
    const extra = emsCommandSchema.safeParse({ type: 'setGridTarget', watts: 0, extra: 1 });
    expect(extra.success).toBe(false);
    if (!extra.success) expect(formatZodError(extra.error)).toContain('extra');
    const nan = emsCommandSchema.safeParse({ type: 'setOverridePower', watts: Number.NaN });
    expect(nan.success).toBe(false);
    if (!nan.success) expect(formatZodError(nan.error)).toMatch(/^watts: /);
  });
});
