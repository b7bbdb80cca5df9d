import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from './schema-migrations';

describe('schema migrations', () => {
  it('are numbered 1..n in order, so user_version counts the applied ones', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.statements.length).toBeGreaterThan(0);
  });
});
