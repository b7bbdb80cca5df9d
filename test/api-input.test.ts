import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventView } from '../src/shared/fault-view';
import type { EmsSnapshot } from '../src/shared/snapshot';
import { connectWs, type WsTestClient } from './support/ws-test-client';
import {
  eventually,
  intentOf,
  send,
  startApiHost,
  statusOf,
  stopApiHost,
  type ApiHost,
  type SendOptions,
} from './api-support';
import { waitFor } from './support/wait-for';

/**
 * Auth and bad input over real HTTP (`--api --port 0 --mode EXTERNAL`, embedded simulated
 * site, an external setpoint of -1000 W held for 300 s). Every refused request must leave the
 * EMS exactly as it was (state, mode, targets, external setpoint), and a request refused by
 * the schema must not even reach the core (no command-rejected event on /ws).
 */

let host: ApiHost;
let ws: WsTestClient;

function rejectedEvents(): EventView[] {
  return ws.pushes
    .filter((p) => p.push.topic === 'event')
    .map((p) => p.push.payload as EventView)
    .filter((e) => e.kind === 'command-rejected');
}

/** Waits for a snapshot on /ws from a control step that ran after `at` (ms since epoch). */
async function stepAfter(at: number): Promise<void> {
  await waitFor(
    () =>
      ws.pushes.some(
        (p) => p.push.topic === 'snapshot' && Date.parse((p.push.payload as EmsSnapshot).time) > at,
      ),
    { what: 'a control step after the request' },
  );
}

beforeAll(async () => {
  host = await startApiHost(['--api', '--port', '0', '--mode', 'EXTERNAL']);
  await eventually('EXTERNAL_CONTROL', 20_000, async () =>
    (await statusOf(host)).state === 'EXTERNAL_CONTROL' ? true : undefined,
  );
  const held = await send(host, 'POST', '/api/external-setpoint', {
    body: { watts: -1000, ttlSeconds: 300 },
    token: host.token,
  });
  expect(held.status).toBe(200);
  ws = await connectWs(host.port, undefined);
}, 90_000);

afterAll(async () => {
  ws?.ws.close();
  await stopApiHost(host);
});

/** Sends `opts` to `path`, checks status and message, and that nothing changed. */
async function refused(
  path: string,
  opts: SendOptions,
  status: number,
  message: RegExp,
  reachesCore = false,
): Promise<void> {
  const before = intentOf(await statusOf(host));
  const rejectedBefore = rejectedEvents().length;
  const r = await send(host, 'POST', path, opts);
  expect(r.status, r.text).toBe(status);
  expect(r.json?.['error']).toMatch(message);
  // A control step after the answer, seen on /ws, gives a command that slipped through the
  // chance to show itself, and brings any event it raised (pushed before that snapshot).
  await stepAfter(Date.now());
  expect(intentOf(await statusOf(host))).toEqual(before);
  if (!reachesCore) expect(rejectedEvents()).toHaveLength(rejectedBefore);
}

describe('writes without the right token: 401 with WWW-Authenticate, nothing changed', () => {
  const body = { watts: 2500, ttlSeconds: 60 };
  it('no Authorization header', async () => {
    await refused('/api/external-setpoint', { body }, 401, /^authorization: a write needs/);
    const r = await send(host, 'POST', '/api/stop');
    expect(r.headers['www-authenticate']).toBe('Bearer realm="ems"');
    expect((await statusOf(host)).state).toBe('EXTERNAL_CONTROL');
  });

  it('a wrong token, a token one character short, a token with a suffix', async () => {
    for (const token of ['wrong-token-000000000000', host.token.slice(0, -1), `${host.token}0`]) {
      await refused('/api/external-setpoint', { body, token }, 401, /^authorization: wrong token$/);
    }
    const r = await send(host, 'POST', '/api/mode', {
      body: { mode: 'IDLE' },
      token: 'nope-nope-nope-nope',
    });
    expect(r.headers['www-authenticate']).toBe('Bearer realm="ems", error="invalid_token"');
  });

  it('a scheme other than Bearer, or the token in the query string', async () => {
    await refused(
      '/api/stop',
      { headers: { Authorization: `Basic ${host.token}` } },
      401,
      /^authorization: expected 'Bearer <token>'$/,
    );
    await refused(`/api/stop?token=${host.token}`, {}, 401, /^authorization: a write needs/);
  });
});

describe('bad input: 400 naming the field, nothing changed', () => {
  const token = (): string => host.token;
  it.each<[string, string, unknown, RegExp]>([
    [
      '"NaN" as a string',
      '/api/external-setpoint',
      { watts: 'NaN' },
      /^watts: Invalid input: expected number, received string$/,
    ],
    [
      'watts as a numeric string',
      '/api/external-setpoint',
      { watts: '1500' },
      /^watts: .*expected number/,
    ],
    [
      'watts null',
      '/api/external-setpoint',
      { watts: null },
      /^watts: .*expected number, received null/,
    ],
    [
      'a missing watts',
      '/api/external-setpoint',
      { ttlSeconds: 10 },
      /^watts: .*expected number, received undefined/,
    ],
    [
      'an extra field',
      '/api/external-setpoint',
      { watts: 100, ttlSeconds: 10, force: true },
      /^force: unknown field$/,
    ],
    [
      'source in the body (it is a header)',
      '/api/external-setpoint',
      { watts: 100, source: 'x' },
      /^source: unknown field$/,
    ],
    ['a negative ttl', '/api/external-setpoint', { watts: 100, ttlSeconds: -5 }, /^ttlSeconds: /],
    [
      'ttl as a string',
      '/api/external-setpoint',
      { watts: 100, ttlSeconds: '10' },
      /^ttlSeconds: .*expected number/,
    ],
    ['an array body', '/api/external-setpoint', [100], /^\(body\): .*expected object/],
    ['an unknown mode', '/api/mode', { mode: 'TURBO' }, /^mode: Invalid option/],
    ['mode in lower case', '/api/mode', { mode: 'idle' }, /^mode: Invalid option/],
    ['a body on start', '/api/start', { now: true }, /^now: unknown field$/],
    ['a JSON null body', '/api/stop', null, /^\(body\): .*expected object, received null/],
    ['a negative override power', '/api/override-power', { watts: -10 }, /^watts: /],
  ])('%s', async (_name, path, body, message) => {
    await refused(path, { body, token: token() }, 400, message);
  });

  it('1e308 W: inside JSON and finite, so the core refuses it by the rating: 400 naming watts', async () => {
    await refused(
      '/api/external-setpoint',
      { body: { watts: 1e308 }, token: host.token },
      400,
      /^watts: 1e\+308 W discharge is above the inverter rating \(5000 W\)$/,
      true,
    );
    await refused(
      '/api/external-setpoint',
      { body: { watts: -5001 }, token: host.token },
      400,
      /^watts: 5001 W charge is above the inverter rating \(5000 W\)$/,
      true,
    );
  });

  it('1e309 (Infinity once parsed) and a bare NaN (not JSON at all)', async () => {
    const post = (raw: string): SendOptions => ({
      raw,
      token: host.token,
      headers: { 'Content-Type': 'application/json' },
    });
    await refused('/api/external-setpoint', post('{"watts":1e309}'), 400, /^watts: /);
    await refused(
      '/api/external-setpoint',
      post('{"watts":NaN}'),
      400,
      /^\(body\): not valid JSON/,
    );
    await refused('/api/external-setpoint', post('{"watts":'), 400, /^\(body\): not valid JSON/);
    await refused('/api/external-setpoint', post('{"__proto__":{"watts":1}}'), 400, /^\(body\): /);
    // An empty body counts as {} (routes without fields accept it); here it lacks the mode.
    await refused('/api/mode', post(''), 400, /^mode: /);
  });

  it('a ttl above 300 s: 400 naming ttlSeconds (the core’s limit)', async () => {
    await refused(
      '/api/external-setpoint',
      { body: { watts: 100, ttlSeconds: 301 }, token: host.token },
      400,
      /^ttlSeconds: ttlSeconds 301 is above the maximum of 300 s$/,
      true,
    );
  });

  it('an X-Ems-Source header over 64 characters', async () => {
    await refused(
      '/api/external-setpoint',
      { body: { watts: 100 }, token: host.token, headers: { 'X-Ems-Source': 'x'.repeat(65) } },
      400,
      /^x-ems-source: must be/,
    );
  });

  it('an oversize body: 413', async () => {
    const big = { watts: 100, pad: 'x'.repeat(20 * 1024) };
    await refused(
      '/api/external-setpoint',
      { body: big, token: host.token },
      413,
      /^\(body\): larger than the limit of 16384 bytes$/,
    );
  });

  it('a content type other than JSON: 415 (a form or text/plain post from a web page)', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      await refused(
        '/api/external-setpoint',
        { raw: '{"watts":100}', token: host.token, headers: { 'Content-Type': type } },
        415,
        /^content-type: must be application\/json$/,
      );
    }
  });

  it('after all that, a good request still works (the refusals left the API usable)', async () => {
    const r = await send(host, 'POST', '/api/external-setpoint', {
      body: { watts: -800, ttlSeconds: 300 },
      token: host.token,
      headers: { 'X-Ems-Source': 'scada-test' },
    });
    expect(r.status).toBe(200);
    expect((await statusOf(host)).external).toMatchObject({ watts: -800, source: 'scada-test' });
  });
});

describe('the write rate limit over HTTP', () => {
  it('a burst of 30 writes at once from one client: the burst passes, the rest get 429 with Retry-After', async () => {
    // Buckets are per client address: sending from another loopback address (all of
    // 127.0.0.0/8 is this host) starts with a full bucket, untouched by the tests above.
    const fire = (): Promise<{ status: number; retryAfter: string | undefined }> =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: host.port,
            method: 'POST',
            path: '/api/faults/acknowledge',
            localAddress: '127.0.0.2',
            headers: { Authorization: `Bearer ${host.token}` },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 30 }, fire));
    const elapsedS = (performance.now() - started) / 1000;
    const passed = answers.filter((a) => a.status === 409); // nothing to acknowledge: reached the core
    const limited = answers.filter((a) => a.status === 429);
    expect(passed.length).toBeGreaterThanOrEqual(10);
    // The bucket refills at 20/s (the default) while the burst is in flight: on a loaded machine the 30
    // requests can take a second or more to arrive, so the ceiling grows with what elapsed.
    expect(passed.length).toBeLessThanOrEqual(10 + Math.ceil(elapsedS * 20) + 1);
    // Unless the machine was so slow that the refill covered all 30, some were refused.
    if (10 + elapsedS * 20 < 29) expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBe(30 - passed.length);
    expect(limited.every((a) => a.retryAfter === '1')).toBe(true);
  });
});
