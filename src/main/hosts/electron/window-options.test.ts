import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './window-options';

/** The CSP as a map of directive to its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('mainWindowOptions', () => {
  test('the renderer is isolated, sandboxed and has no Node', () => {
    const web = mainWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(web).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  test('the window is shown only once ready (no white flash)', () => {
    expect(mainWindowOptions('p').show).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  test("scripts come only from the app itself: script-src 'self', no eval, no inline", () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  test('no plugins, no base-tag tricks, no framing, no form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  test('is one header value', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/[\r\n]/);
  });
});
