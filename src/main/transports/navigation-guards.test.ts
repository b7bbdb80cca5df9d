import { describe, expect, test } from 'vitest';
import { isAppUrl, isPermissionAllowed } from './navigation-guards';

const PAGE = 'file:///opt/ems/resources/app/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

describe('isAppUrl', () => {
  test('the bundled page is the app, with or without a hash or query', () => {
    expect(isAppUrl(PAGE, PAGE)).toBe(true);
    expect(isAppUrl(`${PAGE}#/faults`, PAGE)).toBe(true);
    expect(isAppUrl(`${PAGE}?tab=2`, PAGE)).toBe(true);
  });

  test('another local file is not the app (a file dropped on the window)', () => {
    expect(isAppUrl('file:///home/tech/Downloads/evil.html', PAGE)).toBe(false);
    expect(isAppUrl('file:///opt/ems/resources/app/out/renderer/other.html', PAGE)).toBe(false);
  });

  test('foreign web pages are not the app', () => {
    expect(isAppUrl('https://example.com/', PAGE)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', PAGE)).toBe(false);
  });

  test('in development the dev server origin is the app, nothing else', () => {
    expect(isAppUrl('http://localhost:5173/index.html', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isAppUrl(PAGE, DEV)).toBe(false);
    expect(isAppUrl('https://evil.example/', DEV)).toBe(false);
  });

  test('opaque and malformed URLs are never the app', () => {
    expect(isAppUrl('data:text/html,<h1>hi</h1>', 'about:blank')).toBe(false);
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false);
    expect(isAppUrl('not a url', PAGE)).toBe(false);
    expect(isAppUrl(PAGE, 'not a url')).toBe(false);
    expect(isAppUrl('javascript:alert(1)', DEV)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  test('refuses every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});
