import { describe, expect, it } from 'vitest';
import { uiContentSecurityPolicy, withTokenMeta } from './index-page';

describe('withTokenMeta', () => {
  it('puts the token meta at the end of the head', () => {
    const html = '<html><head><title>x</title></head><body></body></html>';
    expect(withTokenMeta(html, 'abc123')).toBe(
      '<html><head><title>x</title><meta name="ems-token" content="abc123" />\n</head><body></body></html>',
    );
  });

  it('escapes the token so it cannot break out of the attribute', () => {
    expect(withTokenMeta('<HEAD></HEAD>', '"><script>')).toContain(
      'content="&quot;&gt;&lt;script&gt;"',
    );
  });

  it('a page without a head is an error, not a page without a token', () => {
    expect(() => withTokenMeta('<p>hi</p>', 't')).toThrow(/no <\/head>/);
  });
});

describe('uiContentSecurityPolicy', () => {
  it('allows connections only back to the host on its port', () => {
    const csp = uiContentSecurityPolicy(8420);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8420 ws://localhost:8420");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
