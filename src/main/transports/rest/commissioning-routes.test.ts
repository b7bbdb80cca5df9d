import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTokenStore } from '../../config/token-store';
import { CheckRunner } from '../../commissioning/checks/check-runner';
import { ReportService } from '../../commissioning/report/report-service';
import { unavailableStore } from '../../recording/unavailable-store';
import { makeRig, type RuntimeRig } from '../../runtime/runtime.test-kit';
import { EmsService } from '../../service/ems-service';
import { buildApiApp } from './api-app';

/**
 * The commissioning routes in-process (Fastify inject) over the real service, check runner
 * and report, on a real runtime with in-memory devices and virtual time. The checks' own
 * figures are tested against the simulator in test/commissioning-checks.test.ts; here the
 * fixed paths, the statuses and the refusals.
 */

const TOKEN = 'unit-test-token-0123456789';
const HOST = '127.0.0.1:8420';
let rig: RuntimeRig;
let service: EmsService;
let runner: CheckRunner;
let app: FastifyInstance;

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; type: string }> {
  const r = await app.inject({
    method,
    url,
    headers: { host: HOST, authorization: `Bearer ${TOKEN}`, ...headers },
    ...(body === undefined ? {} : { payload: body }),
  });
  return { status: r.statusCode, text: r.body, type: String(r.headers['content-type']) };
}
const JSON_TYPE = { 'content-type': 'application/json' };

beforeEach(async () => {
  rig = makeRig({ watchdogTimeoutS: 10 });
  runner = new CheckRunner({
    runtime: rig.runtime,
    clock: rig.clock,
    site: {
      inverterMaxChargeW: 5000,
      inverterMaxDischargeW: 5000,
      watchdogTimeoutS: 10,
      onWatchdogExpiry: 'zero',
      meterPowerSign: 1,
      controlledQuantity: 'AC power',
      commLossBoundMs: 2250,
      pollIntervalMs: 250,
    },
    bms: null,
  });
  const report = new ReportService({
    clock: rig.clock,
    site: { id: 'test', name: 'Test <site>', devices: [], settings: {}, appVersion: '0.1.0' },
    checks: runner,
    recording: unavailableStore(':memory:', 'not here'),
  });
  service = new EmsService({
    runtime: rig.runtime,
    clock: rig.clock,
    tools: { checks: { runner, report } },
  });
  const tokens = await openTokenStore({ env: { EMS_API_TOKEN: TOKEN }, log: () => undefined });
  app = buildApiApp({
    service,
    tokens,
    port: () => 8420,
    now: () => rig.clock.now(),
    log: () => undefined,
  }).app;
  rig.runtime.start();
  await rig.clock.runFor(1000);
});

afterEach(async () => {
  runner.dispose();
  await app.close();
  service.dispose();
  const stopping = rig.runtime.safeStop(100);
  await rig.clock.runFor(200);
  await stopping;
});

describe('commissioning REST routes', () => {
  test('need the token, even to read', async () => {
    const r = await app.inject({
      method: 'GET',
      url: '/api/commissioning/checks',
      headers: { host: HOST },
    });
    expect(r.statusCode).toBe(401);
  });

  test('a bad check is a 400 naming the field; a check outside STANDBY is a 409 with the state', async () => {
    const bad = await call(
      'POST',
      '/api/commissioning/checks',
      '{"check":"nope","confirmed":true}',
      JSON_TYPE,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/^\{"error":"check: /);
    const unconfirmed = await call(
      'POST',
      '/api/commissioning/checks',
      '{"check":"watchdog"}',
      JSON_TYPE,
    );
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toMatch(/confirmed/);
    const stopped = await call(
      'POST',
      '/api/commissioning/checks',
      '{"check":"watchdog","confirmed":true}',
      JSON_TYPE,
    );
    expect(stopped.status).toBe(409);
    expect(stopped.text).toMatch(/only with the EMS started and in STANDBY.*STOP/);
    expect(JSON.parse((await call('GET', '/api/commissioning/checks')).text)).toEqual([]);
  });

  test('in STANDBY a check starts (202), a second one is a 409, cancel takes an empty body', async () => {
    expect((await call('POST', '/api/start')).status).toBe(200);
    await rig.clock.runFor(1000);
    const started = await call(
      'POST',
      '/api/commissioning/checks',
      '{"check":"watchdog","confirmed":true}',
      JSON_TYPE,
    );
    expect(started.status).toBe(202);
    const { runId } = JSON.parse(started.text) as { runId: string };
    const again = await call(
      'POST',
      '/api/commissioning/checks',
      '{"check":"meterSign","confirmed":true}',
      JSON_TYPE,
    );
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/already running \(watchdog/);
    // An empty body with a JSON content type counts as {}.
    const cancel = await call('POST', '/api/commissioning/checks/cancel', '', JSON_TYPE);
    expect(cancel.status).toBe(200);
    expect(JSON.parse(cancel.text)).toEqual({ cancelled: true });
    await rig.clock.runFor(2000);
    const list = JSON.parse((await call('GET', '/api/commissioning/checks')).text) as {
      runId: string;
      status: string;
    }[];
    expect(list).toMatchObject([{ runId, status: 'aborted' }]);
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'STANDBY', setpointW: 0 });
    expect(rig.inverter.writes.at(-1)).toBe(0);
    const fix = await call(
      'POST',
      `/api/commissioning/checks/${runId}/apply-fix`,
      '{"confirmed":true}',
      JSON_TYPE,
    );
    expect(fix.status).toBe(409);
    const unknown = await call(
      'POST',
      '/api/commissioning/checks/r99/apply-fix',
      '{"confirmed":true}',
      JSON_TYPE,
    );
    expect(unknown.status).toBe(404);
  });

  test('the report needs a technician, then is one HTML page naming every check', async () => {
    const early = await call('GET', '/api/commissioning/report');
    expect(early.status).toBe(409);
    expect(early.text).toMatch(/technician/);
    const blank = await call(
      'PUT',
      '/api/commissioning/report/meta',
      '{"technician":" ","notes":""}',
      JSON_TYPE,
    );
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(/technician/);
    const meta = await call(
      'PUT',
      '/api/commissioning/report/meta',
      '{"technician":"Ann <B>","notes":"roof"}',
      JSON_TYPE,
    );
    expect(meta.status).toBe(200);
    const page = await call('GET', '/api/commissioning/report');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    for (const id of ['meterSign', 'inverterStep', 'watchdog', 'bmsLink', 'commLoss'])
      expect(page.text).toContain(`id="check-${id}"`);
    expect(page.text).toContain('Ann &lt;B&gt;');
    expect(page.text).toContain('Test &lt;site&gt;');
    expect(page.text).not.toMatch(/<script/i);
  });

  test('are in /openapi.json', async () => {
    const doc = JSON.parse((await call('GET', '/openapi.json')).text) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/commissioning/checks'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(doc.paths['/api/commissioning/report/meta']?.['put']).toBeDefined();
    expect(doc.paths['/api/commissioning/report']?.['get']).toBeDefined();
    expect(doc.paths['/api/commissioning/checks/{runId}/apply-fix']?.['post']).toBeDefined();
  });
});
