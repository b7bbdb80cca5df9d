import { describe, expect, it } from 'vitest';
import { pageTitle } from './page-title';

describe('pageTitle', () => {
  it('puts the site first, and falls back to the app name', () => {
    expect(pageTitle('Plant room 2')).toBe('Plant room 2 \u00b7 EMS commissioning');
    expect(pageTitle(null)).toBe('EMS commissioning');
    expect(pageTitle('  ')).toBe('EMS commissioning');
  });
});
