import { commissioningRoutes } from '../src/main/transports/rest/commissioning-routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandRoutes, readRoutes } from '../src/main/transports/rest/api-routes';
import { errorSchema } from '../src/main/transports/rest/rest-errors';
import { SITE_ROUTES } from '../src/main/transports/rest/site-api';
import { contractTable, TOKEN_ROTATE_PATH } from '../src/shared/contract';
import { commandAcceptedSchema } from '../src/shared/core-result-schemas';
import { HISTORY_WINDOWS } from '../src/shared/history';
import { send, startApiHost, statusOf, stopApiHost, type ApiHost } from './api-support';
import { SCAN_ROUTES } from '../src/main/transports/rest/scan-routes';

/**
 * Contract tests of every REST route over real HTTP: `npm run headless -- --api --port 0`
 * on the embedded simulated site. Answers are parsed with the contract table's strict result
 * schemas, which the OpenAPI document is generated from, so a drift between the document and the server fails.
 */

let host: ApiHost;

beforeAll(async () => {
  host = await startApiHost(['--api', '--port', '0']);
}, 90_000);
afterAll(async () => {
  await stopApiHost(host);
});

describe('reads', () => {
  it('GET /api/status: 200, a snapshot in the documented shape, never cached, no CORS', async () => {
    const r = await send(host, 'GET', '/api/status');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const snap = contractTable.getSnapshot.result.parse(r.json);
    expect(snap.state).toBe('STOP');
    expect(snap.ratings).toEqual({ maxChargeW: 5000, maxDischargeW: 5000 });
  });

  it.each(HISTORY_WINDOWS)('GET /api/history?window=%s: 200 with that window', async (window) => {
    const r = await send(host, 'GET', `/api/history?window=${window}`);
    expect(r.status).toBe(200);
    expect(contractTable.getHistory.result.parse(r.json).window).toBe(window);
  });

  it.each([
    ['/api/history', /^window: /],
    ['/api/history?window=7d', /^window: Invalid option/],
    ['/api/history?window=5m&window=1h', /^window: /],
    ['/api/history?window=5m&from=0', /^from: unknown field$/],
    ['/api/status?verbose=1', /^verbose: unknown field$/],
  ])('GET %s: 400 naming the parameter', async (path, message) => {
    const r = await send(host, 'GET', path);
    expect(r.status).toBe(400);
    expect(errorSchema.parse(r.json).error).toMatch(message);
  });

  it('GET /api/faults: 200, the fault log', async () => {
    const r = await send(host, 'GET', '/api/faults');
    expect(r.status).toBe(200);
    expect(Array.isArray(contractTable.getFaultLog.result.parse(r.json))).toBe(true);
  });
});

describe('writes, in the order an integrator would send them', () => {
  const post = (path: string, body?: unknown) =>
    send(host, 'POST', path, { body, token: host.token });

  it('POST /api/start: 200 {ok:true}; again: 409 with the core’s reason', async () => {
    const r = await post('/api/start');
    expect(r.status).toBe(200);
    expect(commandAcceptedSchema.parse(r.json)).toEqual({ ok: true });
    const again = await post('/api/start', {});
    expect(again.status).toBe(409);
    expect(again.json?.['error']).toMatch(/^already running \(state STANDBY\)$/);
  });

  it('POST /api/mode {mode}: 200 (or 202 while a link is still connecting)', async () => {
    const r = await post('/api/mode', { mode: 'EXTERNAL' });
    expect([200, 202]).toContain(r.status);
    expect(commandAcceptedSchema.parse(r.json).ok).toBe(true);
    await expect
      .poll(async () => (await statusOf(host)).state, { timeout: 10_000 })
      .toBe('EXTERNAL_CONTROL');
  });

  it('POST /api/external-setpoint {watts, ttlSeconds}: 200, shown in the status with its source', async () => {
    const r = await post('/api/external-setpoint', { watts: 700, ttlSeconds: 30 });
    expect(r).toMatchObject({ status: 200, json: { ok: true } });
    expect((await statusOf(host)).external).toMatchObject({ watts: 700, source: 'rest' });
  });

  it('POST /api/override-power and /api/grid-target: 200, the values in the status', async () => {
    expect((await post('/api/override-power', { watts: 1200 })).status).toBe(200);
    expect((await post('/api/grid-target', { watts: -150 })).status).toBe(200);
    expect(await statusOf(host)).toMatchObject({ overrideW: 1200, gridTargetW: -150 });
  });

  it('POST /api/faults/acknowledge with nothing latched: 409 saying so', async () => {
    const r = await post('/api/faults/acknowledge');
    expect(r).toMatchObject({ status: 409, json: { error: 'no fault to acknowledge' } });
  });

  it('POST /api/stop: 200, STOP with 0 W', async () => {
    expect((await post('/api/stop')).status).toBe(200);
    expect(await statusOf(host)).toMatchObject({ state: 'STOP', setpointW: 0, external: null });
  });
});

describe('what else the server answers', () => {
  it('the wrong method on a known path: 405 with Allow', async () => {
    const get = await send(host, 'GET', '/api/start');
    expect(get).toMatchObject({ status: 405, json: { error: 'method not allowed: use POST' } });
    expect(get.headers['allow']).toBe('POST');
    const post = await send(host, 'POST', '/api/status', { token: host.token });
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET');
  });

  it('an unknown path: 404 JSON naming it; without --ui there is no page', async () => {
    expect(await send(host, 'GET', '/api/nothing')).toMatchObject({
      status: 404,
      json: { error: 'no route GET /api/nothing' },
    });
    expect((await send(host, 'GET', '/')).status).toBe(404);
  });

  it('a Host header naming another host (DNS rebinding): 403, for reads too', async () => {
    const r = await send(host, 'GET', '/api/status', {
      headers: { Host: `evil.example:${host.port}` },
    });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ error: `host: evil.example:${host.port} not allowed` });
  });

  it('a browser Origin that is not the server: 403 and no CORS headers', async () => {
    const r = await send(host, 'GET', '/api/status', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(r.status).toBe(403);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await send(host, 'OPTIONS', '/api/start', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every route the server answers', async () => {
    const r = await send(host, 'GET', '/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
      info: { description: string };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]?.url).toBe(host.base);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = [
      ...readRoutes.map((x) => `GET ${x.url}`),
      ...commandRoutes.map((x) => `POST ${x.url}`),
      `POST ${TOKEN_ROTATE_PATH}`,
      'POST /api/pair',
      'GET /openapi.json',
      'GET /ws',
      ...SITE_ROUTES,
      // Find the devices (issue 12).
      ...SCAN_ROUTES,
      // Commissioning checks and report (issue 12).
      ...commissioningRoutes.map((x) => `${x.method} ${x.url.replace(/:(\w+)/g, '{$1}')}`),
    ];
    expect(documented.sort()).toEqual(served.sort());
    // Each documented read really answers 200 here.
    for (const x of readRoutes) {
      const q = x.url === '/api/history' ? '?window=5m' : '';
      expect((await send(host, 'GET', `${x.url}${q}`)).status).toBe(200);
    }
    expect(doc.info.description).toContain('external-expired');
  });
});
