import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PushEnvelope } from '../../../shared/contract';
import type { EventView } from '../../../shared/fault-view';
import type { EmsSnapshot } from '../../../shared/snapshot';
import { openTokenStore, type TokenStore } from '../../config/token-store';
import { makeRig, type RuntimeRig } from '../../runtime/runtime.test-kit';
import { EmsService } from '../../service/ems-service';
import { buildApiApp } from './api-app';

/**
 * The REST app in-process (Fastify's inject: no sockets) over the real service and a real
 * EmsRuntime on in-memory devices, on virtual time (the rig's clock): the external
 * setpoint's lifetime and the rate limit are tested by advancing time, not by sleeping.
 */

const TOKEN = 'unit-test-token-0123456789';
const PORT = 8420;
const HOST = `127.0.0.1:${PORT}`;
const runFor = async (ms: number): Promise<void> => {
  await rig.clock.runFor(ms);
};

let rig: RuntimeRig;
let service: EmsService;
let tokens: TokenStore;
let app: FastifyInstance;
let events: EventView[];

async function post(url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await app.inject({
    method: 'POST',
    url,
    headers: {
      host: HOST,
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: r.statusCode, json: r.json<Record<string, unknown>>(), headers: r.headers };
}

async function status(): Promise<EmsSnapshot> {
  const r = await app.inject({ method: 'GET', url: '/api/status', headers: { host: HOST } });
  return r.json<EmsSnapshot>();
}

beforeEach(async () => {
  rig = makeRig({ gridW: 800 });
  service = new EmsService({ runtime: rig.runtime, clock: rig.clock });
  events = [];
  service.subscribe((p: PushEnvelope) => {
    if (p.topic === 'event') events.push(p.payload as EventView);
  });
  tokens = await openTokenStore({ env: { EMS_API_TOKEN: TOKEN }, log: () => undefined });
  app = buildApiApp({
    service,
    tokens,
    port: () => PORT,
    now: () => rig.clock.now(),
    log: () => undefined,
  }).app;
  rig.runtime.start();
  await runFor(1000);
});

afterEach(async () => {
  await app.close();
  service.dispose();
  await rig.runtime.safeStop(100);
});

async function enterExternal(): Promise<void> {
  expect((await post('/api/start')).status).toBe(200);
  await runFor(500);
  expect((await post('/api/mode', { mode: 'EXTERNAL' })).json).toEqual({ ok: true });
  await runFor(500);
}

describe('an external setpoint over REST, on the runtime clock', () => {
  test('is written to the inverter for its ttl, then 0 W with an external-expired event; the mode stays EXTERNAL', async () => {
    await enterExternal();
    const sent = await post(
      '/api/external-setpoint',
      { watts: -1500, ttlSeconds: 10 },
      { 'x-ems-source': 'scada-7' },
    );
    expect(sent).toMatchObject({ status: 200, json: { ok: true } });
    await runFor(2000);
    expect(rig.inverter.writes.at(-1)).toBe(-1500);
    const held = await status();
    expect(held.external).toMatchObject({ watts: -1500, source: 'scada-7' });
    expect(held.external?.remainingS).toBeGreaterThan(7);
    expect(held.external?.remainingS).toBeLessThanOrEqual(8);
    await runFor(7500); // 9.5 s after the POST: still in force
    expect(rig.inverter.writes.at(-1)).toBe(-1500);
    expect(events.some((e) => e.kind === 'external-expired')).toBe(false);
    await runFor(1000); // 10.5 s: expired
    expect(rig.inverter.writes.at(-1)).toBe(0);
    const expired = events.filter((e) => e.kind === 'external-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]?.message).toContain('scada-7');
    const after = await status();
    expect(after).toMatchObject({
      mode: 'EXTERNAL',
      state: 'EXTERNAL_CONTROL',
      external: null,
      setpointW: 0,
    });
    // A controller that resumes is followed again.
    expect((await post('/api/external-setpoint', { watts: 800 })).status).toBe(200);
    await runFor(1000);
    expect(rig.inverter.writes.at(-1)).toBe(800);
    expect((await status()).external?.source).toBe('rest');
  });

  test('without ttlSeconds it holds for the default 10 s; 300 s is the most', async () => {
    await enterExternal();
    await post('/api/external-setpoint', { watts: 500 });
    await runFor(9_000);
    expect(rig.inverter.writes.at(-1)).toBe(500);
    await runFor(1_500);
    expect(rig.inverter.writes.at(-1)).toBe(0);
    expect((await post('/api/external-setpoint', { watts: 500, ttlSeconds: 300 })).status).toBe(
      200,
    );
    const tooLong = await post('/api/external-setpoint', { watts: 500, ttlSeconds: 300.5 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json['error']).toMatch(
      /^ttlSeconds: ttlSeconds 300\.5 is above the maximum of 300 s$/,
    );
  });
});

describe('a setpoint inside the rating that a limit cuts', () => {
  test('is accepted (200) and clamped, with limitedBy naming the BMS limit', async () => {
    await app.close();
    service.dispose();
    await rig.runtime.safeStop(100);
    rig = makeRig({ gridW: 800, withBms: true });
    if (rig.bms?.reading)
      rig.bms.reading = { ...rig.bms.reading, dischargeCurrentLimitA: 20, voltageV: 52 };
    service = new EmsService({ runtime: rig.runtime, clock: rig.clock });
    app = buildApiApp({
      service,
      tokens,
      port: () => PORT,
      now: () => rig.clock.now(),
      log: () => undefined,
    }).app;
    rig.runtime.start();
    await runFor(1000);
    await enterExternal();
    // 20 A x 52 V x 0.95 (the default inverter efficiency) = 988 W of AC discharge at most;
    // the rating is 5000 W.
    expect(await post('/api/external-setpoint', { watts: 3000, ttlSeconds: 30 })).toMatchObject({
      status: 200,
      json: { ok: true },
    });
    await runFor(2000);
    expect(rig.inverter.writes.at(-1)).toBe(988);
    expect(await status()).toMatchObject({
      setpointW: 988,
      limitedBy: 'bmsDischargeCurrentLimit',
      external: { watts: 3000 },
    });
  });
});

describe('requests that are refused never reach the core', () => {
  test('no token, a wrong token, bad input: the core state is the very same object afterwards', async () => {
    await enterExternal();
    await post('/api/external-setpoint', { watts: -1000, ttlSeconds: 60 });
    const before = rig.runtime.coreState();
    const refused = [
      await post('/api/external-setpoint', { watts: 2000 }, { authorization: '' }),
      await post('/api/external-setpoint', { watts: 2000 }, { authorization: `Bearer ${TOKEN}x` }),
      await post('/api/external-setpoint', { watts: 'NaN' }),
      await post('/api/external-setpoint', { watts: 2000, extra: 1 }),
      await post('/api/external-setpoint', {}),
      await post('/api/mode', { mode: 'SELF_CONSUMPTION', type: 'setMode' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 400, 400, 400, 400]);
    expect(rig.runtime.coreState()).toBe(before);
    expect(events.filter((e) => e.kind === 'command-rejected')).toEqual([]);
  });
});

describe('the write rate limit', () => {
  test('a burst of 10 passes, the 11th is a 429 with Retry-After, and a second later writes pass again', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await post('/api/stop')).status);
    expect(codes).toEqual(Array(10).fill(200));
    const limited = await post('/api/stop');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json['error']).toMatch(/too many writes/);
    // Even a wrong token is counted: nobody can try tokens quickly.
    expect((await post('/api/stop', undefined, { authorization: 'Bearer nope' })).status).toBe(429);
    await runFor(1000);
    expect((await post('/api/stop')).status).toBe(200);
  });

  test('reads are not limited', async () => {
    for (let i = 0; i < 50; i++) {
      const r = await app.inject({ method: 'GET', url: '/api/status', headers: { host: HOST } });
      expect(r.statusCode).toBe(200);
    }
  });
});

describe('bodies of routes without fields', () => {
  test('an empty body is accepted with or without a JSON Content-Type; bad JSON is a 400', async () => {
    const send = async (headers: Record<string, string>, payload?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/start',
        headers: { host: HOST, authorization: `Bearer ${TOKEN}`, ...headers },
        ...(payload === undefined ? {} : { payload }),
      });
    expect((await send({})).statusCode).toBe(200);
    await post('/api/stop');
    expect((await send({ 'content-type': 'application/json' }, '')).statusCode).toBe(200);
    await post('/api/stop');
    const bad = await send({ 'content-type': 'application/json' }, '{"x":');
    expect(bad.statusCode).toBe(400);
    const poisoned = await send({ 'content-type': 'application/json' }, '{"__proto__":{"a":1}}');
    expect(poisoned.statusCode).toBe(400);
  });
});
