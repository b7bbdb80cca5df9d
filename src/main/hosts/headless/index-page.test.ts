import { describe, expect, it } from 'vitest';
import { uiContentSecurityPolicy } from './index-page';

describe('uiContentSecurityPolicy', () => {
  it('allows connections only back to the host on its port', () => {
    const csp = uiContentSecurityPolicy(8420);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8420 ws://localhost:8420");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
