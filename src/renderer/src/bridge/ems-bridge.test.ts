import { describe, expect, it } from 'vitest';
import { bridgeUrl, looksLikeEmsApi } from './ems-bridge';

const fn = (): void => undefined;

describe('ems-bridge helpers', () => {
  it('recognises the preload API only when every method is there', () => {
    const api = { getSnapshot: fn, command: fn, getHistory: fn, getFaultLog: fn, subscribe: fn };
    expect(looksLikeEmsApi(api)).toBe(true);
    expect(looksLikeEmsApi({ ...api, subscribe: 'no' })).toBe(false);
    expect(looksLikeEmsApi(undefined)).toBe(false);
    expect(looksLikeEmsApi(null)).toBe(false);
  });

  it('builds the bridge URL on the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:8420' })).toBe('ws://127.0.0.1:8420/ws');
    expect(bridgeUrl({ protocol: 'https:', host: 'ems.local' })).toBe('wss://ems.local/ws');
  });
});
