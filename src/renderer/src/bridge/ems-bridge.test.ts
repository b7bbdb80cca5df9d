import { describe, expect, it } from 'vitest';
import { bridgeUrl, looksLikeEmsApi, readPageToken, tokenFromHtml } from './ems-bridge';

const fn = (): void => undefined;

describe('ems-bridge helpers', () => {
  it('recognises the preload API only when every method is there', () => {
    const api = { getSnapshot: fn, command: fn, getHistory: fn, getFaultLog: fn, subscribe: fn };
    expect(looksLikeEmsApi(api)).toBe(true);
    expect(looksLikeEmsApi({ ...api, subscribe: 'no' })).toBe(false);
    expect(looksLikeEmsApi(undefined)).toBe(false);
    expect(looksLikeEmsApi(null)).toBe(false);
  });

  it('reads the token from the page meta tag', () => {
    const doc = (content: string | null) => ({
      querySelector: (sel: string) =>
        sel === 'meta[name="ems-token"]' && content !== null
          ? { getAttribute: () => content }
          : null,
    });
    expect(readPageToken(doc(' abc123 ') as unknown as Document)).toBe('abc123');
    expect(readPageToken(doc('') as unknown as Document)).toBeNull();
    expect(readPageToken(doc(null) as unknown as Document)).toBeNull();
  });

  it('reads the token from a served page text', () => {
    expect(tokenFromHtml('<head><meta name="ems-token" content="f00d" />\n</head>')).toBe('f00d');
    expect(tokenFromHtml('<head></head>')).toBeNull();
    expect(tokenFromHtml('<meta name="ems-token" content="">')).toBeNull();
  });

  it('builds the bridge URL on the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:8420' })).toBe('ws://127.0.0.1:8420/ws');
    expect(bridgeUrl({ protocol: 'https:', host: 'ems.local' })).toBe('wss://ems.local/ws');
  });
});
