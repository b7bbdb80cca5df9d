import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_ORIGINS, isExternalLinkAllowed } from './external-links';

describe('external links', () => {
  it('the app links nowhere, so nothing is allowed by default', () => {
    expect(EXTERNAL_LINK_ORIGINS).toEqual([]);
    expect(isExternalLinkAllowed('https://docs.example/')).toBe(false);
  });

  it('allows only https URLs of an origin on the list, exactly', () => {
    const list = ['https://docs.example'];
    expect(isExternalLinkAllowed('https://docs.example/guide?x=1', list)).toBe(true);
    for (const url of [
      'http://docs.example/',
      'https://docs.example.evil.example/',
      'https://evil.example/?https://docs.example',
      'https://docs.example:8443/',
      'https://user:pw@docs.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ])
      expect([url, isExternalLinkAllowed(url, list)]).toEqual([url, false]);
  });
});
