import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startApiHost, stopApiHost, type ApiHost } from './api-support';

/**
 * Leaving loopback and allowing a browser origin are explicit choices: `--listen 0.0.0.0`
 * (plain HTTP here, by `--insecure-http`; api-tls.test.ts covers the HTTPS default) prints a warning and `--cors-origin` adds CORS for that origin only. (The server listens
 * on every interface for the few seconds of this test; requests come over loopback only.)
 */

const SCADA = 'https://scada.example:8443';
let host: ApiHost;

beforeAll(async () => {
  host = await startApiHost([
    '--api',
    '--port',
    '0',
    '--listen',
    '0.0.0.0',
    '--insecure-http',
    '--cors-origin',
    SCADA,
  ]);
}, 90_000);
afterAll(async () => {
  await stopApiHost(host);
});

describe('--listen 0.0.0.0', () => {
  it('prints a warning on stderr and says where it listens', () => {
    expect(host.process.stderr()).toMatch(
      /warning: listening on 0\.0\.0\.0, not loopback: the API can be reached from the network/,
    );
    expect(host.process.stderr()).toMatch(/API: http:\/\/0\.0\.0\.0:\d+\/api\//);
  });

  it('with --insecure-http serves plain HTTP, after a warning that secrets cross in clear', () => {
    expect(host.process.stderr()).toMatch(
      /warning: plain HTTP on 0\.0\.0\.0 \(--insecure-http\): the API token, pairing codes and session cookies cross the network in clear/,
    );
    expect(host.process.stderr()).not.toMatch(/TLS certificate SHA-256/);
  });

  it('a Host naming the server by IP address is served; a DNS name other than localhost is not', async () => {
    const byIp = await send(host, 'GET', '/api/status', {
      headers: { Host: `10.1.2.3:${host.port}` },
    });
    expect(byIp.status).toBe(200);
    const byName = await send(host, 'GET', '/api/status', {
      headers: { Host: `plant.example:${host.port}` },
    });
    expect(byName.status).toBe(403);
  });

  it('writes still need the token', async () => {
    expect((await send(host, 'POST', '/api/start')).status).toBe(401);
  });
});

describe('--cors-origin', () => {
  it('a preflight from the configured origin gets the CORS answer', async () => {
    const r = await send(host, 'OPTIONS', '/api/external-setpoint', {
      headers: {
        Origin: SCADA,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe(SCADA);
    expect(r.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(String(r.headers['access-control-allow-headers'])).toMatch(/Authorization/);
  });

  it('requests from it carry Access-Control-Allow-Origin; other origins are refused without it', async () => {
    const ok = await send(host, 'GET', '/api/status', { headers: { Origin: SCADA } });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(SCADA);
    expect(ok.headers['vary']).toBe('Origin');
    const write = await send(host, 'POST', '/api/start', {
      token: host.token,
      headers: { Origin: SCADA },
    });
    expect(write.status).toBe(200);
    expect(write.headers['access-control-allow-origin']).toBe(SCADA);
    const other = await send(host, 'GET', '/api/status', {
      headers: { Origin: 'https://other.example' },
    });
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await send(host, 'OPTIONS', '/api/start', {
      headers: { Origin: 'https://other.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
