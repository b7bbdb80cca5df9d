import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusWhere } from './support/status-lines';
import { spawnTsx } from './support/tsx-process';
import {
  rawGet,
  startUiHost,
  stopUiHost,
  waitForStderr,
  type UiHost,
} from './support/headless-ui-process';

/**
 * The HTTP side of `npm run headless -- --ui --port 0` as a real process: the served page
 * with its token and policy, static files, and what must never be served.
 */

let host: UiHost;

beforeAll(async () => {
  host = await startUiHost(['--mode', 'SELF_CONSUMPTION']);
}, 90_000);

afterAll(async () => {
  await stopUiHost(host);
});

describe('the served page', () => {
  it('carries no secret: the page and every asset it names, fetched without credentials', async () => {
    const page = await rawGet(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    // The build names its assets relative ("./assets/x.js") or absolute ("/assets/x.js").
    const assets = [...page.body.matchAll(/(?:src|href)="\.?(\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const path of ['/', '/index.html', '/openapi.json', ...assets]) {
      const r = await rawGet(host.port, path);
      expect(r.status, path).toBe(200);
      expect(r.body, path).not.toContain(host.token);
      expect(r.body, path).not.toContain(host.token.slice(0, 16));
    }
  });

  it('has a strict content security policy allowing only itself and its WebSocket', async () => {
    const { headers } = await rawGet(host.port, '/');
    const csp = String(headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'connect-src': `'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`,
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it('serves the bundle the page references, with a JavaScript content type', async () => {
    const page = await rawGet(host.port, '/');
    const src = /<script[^>]+src="\.?(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(src).toBeDefined();
    const js = await rawGet(host.port, src ?? '');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body.length).toBeGreaterThan(1000);
  });

  it('keeps the status line on stdout', async () => {
    await host.process.waitForLine(
      statusWhere((s) => typeof s.state === 'string'),
      10_000,
    );
  });
});

describe('what is refused', () => {
  it.each([
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/%252e%252e/package.json',
    '/package.json%00.js',
    '/%',
  ])('path traversal %s gets no file from outside the build', async (path) => {
    const r = await rawGet(host.port, path);
    expect([400, 403, 404]).toContain(r.status);
    expect(r.body).not.toContain('ems-commissioning');
  });

  it('a request naming another host (DNS rebinding) is refused', async () => {
    const r = await rawGet(host.port, '/', { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain(host.token);
  });

  it('only GET and HEAD', async () => {
    expect((await rawGet(host.port, '/', {}, 'POST')).status).toBe(405);
    const head = await rawGet(host.port, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('a missing file is 404', async () => {
    expect((await rawGet(host.port, '/nothing-here.js')).status).toBe(404);
  });

  it('a second host on the same port exits 1 with a line naming the port', async () => {
    const second = spawnTsx('src/main/hosts/headless/cli.ts', ['--ui', '--port', `${host.port}`]);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(new RegExp(`headless: UI port ${host.port} .* is in use`));
  });

  it('an unusable EMS_API_TOKEN is refused before anything starts', async () => {
    const prev = process.env['EMS_API_TOKEN'];
    process.env['EMS_API_TOKEN'] = 'short';
    try {
      const p = spawnTsx('src/main/hosts/headless/cli.ts', ['--ui', '--port', '0']);
      expect(await p.exited).toBe(1);
      await waitForStderr(p, /headless: EMS_API_TOKEN: must be/, 1000);
      expect(p.stderr()).not.toContain('EMS running');
    } finally {
      if (prev === undefined) delete process.env['EMS_API_TOKEN'];
      else process.env['EMS_API_TOKEN'] = prev;
    }
  });
});
