import { readdir, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApiHost, stopApiHost, type ApiHost } from './api-support';

/**
 * Beyond loopback nothing travels in clear: `--listen 0.0.0.0` (not loopback) serves HTTPS
 * and wss with a self-signed certificate made at first start, whose SHA-256 fingerprint the
 * host prints. The test connects over 127.0.0.1, which reaches the 0.0.0.0 listener.
 */

let host: ApiHost;
let printed: string;

beforeAll(async () => {
  host = await startApiHost(['--api', '--port', '0', '--listen', '0.0.0.0']);
  const line = /TLS certificate SHA-256: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(
    host.process.stderr(),
  );
  printed = line?.[1] ?? '';
}, 90_000);
afterAll(async () => {
  await stopApiHost(host);
});

interface TlsAnswer {
  readonly status: number;
  readonly fingerprint256: string;
  readonly body: string;
}

function getOverTls(path: string, headers: Record<string, string> = {}): Promise<TlsAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      // Self-signed: the check a technician makes is the fingerprint, done below.
      { host: '127.0.0.1', port: host.port, path, headers, rejectUnauthorized: false },
      (res) => {
        const fingerprint256 = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            fingerprint256,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('--listen 0.0.0.0 without --insecure-http', () => {
  it('prints the certificate fingerprint and an https URL', () => {
    expect(printed).not.toBe('');
    expect(host.process.stderr()).toMatch(/API: https:\/\/0\.0\.0\.0:\d+\/api\//);
    expect(host.process.stderr()).toMatch(/TLS certificate: created \S+tls-cert\.pem/);
  });

  it('serves HTTPS with the very certificate whose fingerprint it printed', async () => {
    const r = await getOverTls('/api/status');
    expect(r.status).toBe(200);
    expect(r.fingerprint256).toBe(printed);
    const doc = await getOverTls('/openapi.json');
    const { servers } = JSON.parse(doc.body) as { servers: { url: string }[] };
    expect(servers[0]?.url).toMatch(/^https:\/\//);
  });

  it('answers no plain HTTP request', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/api/status' },
        (res) => {
          res.resume();
          resolve(`status ${String(res.statusCode)}`);
        },
      );
      req.on('error', (err) => resolve(`error ${err.message}`));
      req.end();
    });
    expect(outcome).not.toBe('status 200');
  });

  it('carries the WebSocket over wss on the same port; a page of the https origin may connect and read the fingerprint', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${host.port}/ws`, {
      rejectUnauthorized: false,
      origin: `https://127.0.0.1:${host.port}`,
    });
    const replies = new Map<number, unknown>();
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => {
        ws.send(JSON.stringify({ id: 1, method: 'getSnapshot', params: {} }));
        // Open to anyone: the page shows it before pairing, to check against the browser's.
        ws.send(JSON.stringify({ id: 2, method: 'getServerIdentity', params: {} }));
      });
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as { id?: number };
        if (msg.id !== undefined) replies.set(msg.id, msg);
        if (replies.size === 2) resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(replies.get(1)).toMatchObject({ id: 1, ok: true });
    expect(replies.get(2)).toEqual({ id: 2, ok: true, result: { tlsFingerprint256: printed } });
  });

  it('keeps the config folder 0700 and every file in it 0600 (certificate and key included)', async () => {
    if (process.platform === 'win32') return;
    expect((await stat(host.configDir)).mode & 0o777).toBe(0o700);
    const names = await readdir(host.configDir);
    expect(names).toEqual(expect.arrayContaining(['tls-cert.pem', 'tls-key.pem', 'api-token']));
    for (const name of names) {
      expect({ name, mode: (await stat(join(host.configDir, name))).mode & 0o777 }).toEqual({
        name,
        mode: 0o600,
      });
    }
  });
});
