import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TOKEN_ROTATE_PATH } from '../../../shared/contract';
import { openTokenStore } from '../../config/token-store';
import { commandArb } from '../../core/core-arbitraries.test-kit';
import { makeRig, type RuntimeRig } from '../../runtime/runtime.test-kit';
import { EmsService } from '../../service/ems-service';
import { buildApiApp } from './api-app';
import { commandRoutes, readRoutes } from './api-routes';

/**
 * Fuzzing the REST API in-process (Fastify's inject) over the real service and runtime: any
 * method, path, query, headers and body get an answer that is never a 5xx, and every error is
 * one JSON line `{error}` that starts with the field, header or route it is about.
 */

const TOKEN = 'fuzz-token-0123456789abcdef';
const HOST = '127.0.0.1:8420';
const PATHS = [...readRoutes, ...commandRoutes].map((r) => r.url);

/** A body: the route's own fields with random values, a command's fields, any JSON, or text. */
const bodyArb = fc.oneof(
  fc.record(
    {
      watts: fc.oneof(fc.double(), fc.integer({ min: -10_000, max: 10_000 }), fc.jsonValue()),
      ttlSeconds: fc.oneof(fc.double({ min: -1, max: 400 }), fc.jsonValue()),
      mode: fc.oneof(fc.constantFrom('IDLE', 'SELF_CONSUMPTION', 'EXTERNAL'), fc.string()),
    },
    { requiredKeys: [] },
  ),
  commandArb.map((c) => {
    if (typeof c !== 'object' || c === null) return c;
    const { type: _type, ...rest } = c as Record<string, unknown>;
    return rest;
  }),
  fc.jsonValue(),
);
const requestArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PATHS) },
    { weight: 1, arbitrary: fc.constantFrom('/api', '/api/', TOKEN_ROTATE_PATH) },
    // A request line always has a path; inject would otherwise fail before the server sees it.
    { weight: 1, arbitrary: fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)) },
  ),
  query: fc.oneof(
    fc.constant(''),
    fc.constantFrom('?window=5m', '?window=2d', '?x=1', '?window=1h&window=5m'),
    fc.webQueryParameters().map((q) => `?${q}`),
  ),
  body: fc.option(
    fc.oneof(
      { weight: 4, arbitrary: bodyArb.map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
    ),
    { nil: undefined },
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'text/plain',
    undefined,
    'x/y',
  ),
  auth: fc.oneof(
    fc.constant(`Bearer ${TOKEN}`),
    fc.constant(undefined),
    fc.constantFrom('Bearer', 'Basic abc', `Bearer ${TOKEN}x`),
    fc.string({ maxLength: 40 }),
  ),
  source: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
});

/** Printable ASCII only: Node refuses other header bytes before the request is even made. */
const headerSafe = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?');

let rig: RuntimeRig;
let service: EmsService;
let app: FastifyInstance;

beforeEach(async () => {
  rig = makeRig({ gridW: 800 });
  service = new EmsService({ runtime: rig.runtime, clock: rig.clock });
  const tokens = await openTokenStore({ env: { EMS_API_TOKEN: TOKEN }, log: () => undefined });
  app = buildApiApp({
    service,
    tokens,
    port: () => 8420,
    // The limiter is tested elsewhere; here every write must reach its handler.
    writeRate: { ratePerS: 1e9, burst: 1e9 },
    now: () => rig.clock.now(),
    log: () => undefined,
  }).app;
  rig.runtime.start();
  await rig.clock.runFor(1000);
});

afterEach(async () => {
  await app.close();
  service.dispose();
  await rig.runtime.safeStop(100);
});

describe('the REST API with arbitrary requests', () => {
  test('never a 5xx; every error is one line naming the field, header or route', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const headers: Record<string, string> = { host: HOST };
        if (r.contentType !== undefined && r.body !== undefined)
          headers['content-type'] = r.contentType;
        if (r.auth !== undefined) headers['authorization'] = headerSafe(r.auth);
        if (r.source !== undefined) headers['x-ems-source'] = headerSafe(r.source);
        const res = await app.inject({
          method: r.method as 'GET',
          url: `${r.path}${r.query}`,
          headers,
          ...(r.body === undefined ? {} : { payload: r.body }),
        });
        seen.add(res.statusCode);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode < 400) return;
        const body = res.json<{ error?: unknown }>();
        expect(Object.keys(body)).toEqual(['error']);
        const error = String(body.error);
        expect(error).not.toContain('\n');
        if (res.statusCode === 404) expect(error).toMatch(/^no route [A-Z]+ \//);
        else if (res.statusCode === 405)
          expect(error).toMatch(/^method not allowed: use (GET|POST)$/);
        else if (res.statusCode === 409) expect(error).toMatch(/\S/);
        // 400, 401, 403, 413, 415: "watts: ...", "(body): ...", "authorization: ...", "content-type: ...";
        // a key that is not a plain name is quoted: "\" \": unknown field".
        else
          expect(error).toMatch(
            /^("(?:[^"\\]|\\.)*"|[^\s:"]+)(\.("(?:[^"\\]|\\.)*"|[^\s:"]+))*: \S/,
          );
      }),
      { numRuns: 700 },
    );
    // The generator must reach the handlers, not only the guards.
    for (const status of [200, 400, 401, 404, 405]) expect(seen).toContain(status);
  });

  test('found by fuzzing: a query key that is empty or a space is quoted in the error', async () => {
    for (const [query, key] of [
      ['?+', '" "'],
      ['?=1', '""'],
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/status${query}`,
        headers: { host: HOST },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: `${key}: unknown field` });
    }
  });
});
