import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, ownOrigins, tokenMatches } from './loopback-policy';

describe('isAllowedOrigin', () => {
  it("lets in the host's own page on both loopback names, and clients without an Origin", () => {
    expect(ownOrigins(8420)).toEqual(['http://127.0.0.1:8420', 'http://localhost:8420']);
    expect(isAllowedOrigin('http://127.0.0.1:8420', 8420)).toBe(true);
    expect(isAllowedOrigin('http://LOCALHOST:8420', 8420)).toBe(true);
    expect(isAllowedOrigin(undefined, 8420)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:8421',
    'http://127.0.0.1',
    'https://127.0.0.1:8420',
    'http://evil.example',
    'http://127.0.0.1.evil.example:8420',
    'null',
    '',
  ])('refuses %j', (origin) => {
    expect(isAllowedOrigin(origin, 8420)).toBe(false);
  });
});

describe('isAllowedHost', () => {
  it('accepts only the loopback names with our port', () => {
    expect(isAllowedHost('127.0.0.1:8420', 8420)).toBe(true);
    expect(isAllowedHost('localhost:8420', 8420)).toBe(true);
    expect(isAllowedHost('evil.example:8420', 8420)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 8420)).toBe(false);
    expect(isAllowedHost(undefined, 8420)).toBe(false);
  });
});

describe('tokenMatches', () => {
  it('matches only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
    expect(tokenMatches('', '')).toBe(false);
  });
});
