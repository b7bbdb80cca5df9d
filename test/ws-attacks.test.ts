import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOOL_REQUESTS_PER_S } from '../src/main/commissioning/tool-gate';
import {
  WS_ADDRESS_MESSAGE_BURST,
  WS_ADDRESS_MESSAGES_PER_S,
  WS_CLOSE_POLICY,
  WS_MAX_BAD_CREDENTIALS,
  WS_MAX_CONNECTIONS,
  WS_MAX_CONNECTIONS_PER_ADDRESS,
  WS_MESSAGE_BURST,
  WS_MESSAGES_PER_S,
} from '../src/main/transports/ws-limits';
import {
  contractTable,
  PUSH_ACCESS,
  type RequestMethod,
  type RequestParams,
} from '../src/shared/contract';
import type { ResponseEnvelope } from '../src/shared/contract';
import { siteFileSchema } from '../src/shared/site-schema';
import { send, startApiHost, stopApiHost, type ApiHost } from './api-support';
import { waitFor } from './support/wait-for';
import { connectWs, type WsTestClient } from './support/ws-test-client';

/**
 * The headless host with `--ui` (`npm run headless -- --ui`) as an attacker on the site
 * network would try it over the WebSocket, with no token and no paired session: no request
 * that makes device traffic or touches files answers, floods are cut off by the WebSocket's
 * limits, tool traffic is capped per device, and a paired session works only as designed.
 * What plain GETs and the disk give away: attacker-reads.test.ts.
 */

let host: ApiHost;

beforeAll(async () => {
  host = await startApiHost(['--ui', '--port', '0']);
}, 90_000);

afterAll(async () => {
  await stopApiHost(host);
});

/** The host's own page origin, as a browser on it sends it. */
const origin = (): string => `http://127.0.0.1:${host.port}`;

/** A valid site file, for the site requests an attacker would send. */
const ATTACK_SITE = siteFileSchema.parse({
  name: 'Attacker site',
  meter: { host: '192.0.2.1', profile: 'sim-meter' },
  inverter: {
    host: '192.0.2.1',
    profile: 'sim-inverter',
    ratedChargeW: 5000,
    ratedDischargeW: 5000,
  },
});

/**
 * One valid call per request that is not open, so each is refused for its missing
 * credentials and not for its params. Typed against the contract: a params change breaks
 * the build here; a new request that is not open fails the first test until it is added.
 */
const ATTACKS: { readonly [M in RequestMethod]?: RequestParams<M> } = {
  command: { command: { type: 'start' } },
  pairingCode: {},
  listSessions: {},
  sessionExport: { sessionId: 1, what: 'events' },
  recordingStatus: {},
  modbusDevices: {},
  registerRead: { device: 'inverter', kind: 'holding', address: 0, count: 10 },
  registerWrite: { device: 'inverter', address: 0, values: [300], confirmed: true },
  registerWriteLog: {},
  connectionTest: { device: 'inverter', reads: 100 },
  discoverSunSpec: { device: 'inverter' },
  profileFromDiscovery: { device: 'inverter', kind: 'inverter' },
  tokenInfo: {},
  rotateToken: {},
  canRecordStart: {},
  canRecordStop: {},
  sessionHistory: { sessionId: 1 },
  listSites: {},
  getSite: { id: 'built-in' },
  createSite: { site: ATTACK_SITE },
  updateSite: { id: 'built-in', site: ATTACK_SITE },
  duplicateSite: { id: 'built-in' },
  importSite: { text: JSON.stringify(ATTACK_SITE) },
  exportSite: { id: 'built-in' },
  deleteSite: { id: 'built-in' },
  activateSite: { id: 'built-in' },
  startScan: { targets: '127.0.0.1' },
  getScan: { scanId: 'scan-1' },
  cancelScan: { scanId: 'scan-1' },
  listLocalPorts: {},
  runCheck: { check: 'meterSign', confirmed: true },
  listChecks: {},
  cancelCheck: {},
  commissioningStatus: {},
  applyMeterSignFix: { runId: 'run-1', confirmed: true },
  setReportMeta: { technician: 'mallory', notes: '' },
  getReportMeta: {},
  getReport: {},
  saveReportPdf: {},
  listProfiles: {},
  tryDevice: {
    role: 'meter',
    device: { host: '127.0.0.1', port: 502, unitId: 1, profile: 'sim-meter', timeoutMs: 500 },
  },
};

const notOpen = (Object.keys(contractTable) as RequestMethod[]).filter(
  (m) => contractTable[m].access !== 'open',
);

/** Resolves with the close code once the server closes `ws`. */
function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** Sends `n` requests at once and collects the n replies. */
async function burst(
  client: WsTestClient,
  n: number,
  method: string,
  token?: string,
): Promise<ResponseEnvelope[]> {
  return Promise.all(Array.from({ length: n }, () => client.request(method, {}, token)));
}

const SLOW_DOWN = 'too many messages: slow down';

describe('WebSocket requests without credentials', () => {
  it('every request that makes device traffic, touches files, shows secrets or writes is refused', async () => {
    expect(notOpen.filter((m) => !(m in ATTACKS))).toEqual([]);
    // A fresh connection per burst's worth of requests: each must be refused for its missing
    // credentials, not cut off by one connection's message limit.
    const entries = Object.entries(ATTACKS);
    const perConnection = WS_MESSAGE_BURST - 5;
    let client = await connectWs(host.port, origin());
    try {
      for (const [i, [method, params]] of entries.entries()) {
        if (i > 0 && i % perConnection === 0) {
          client.ws.close();
          client = await connectWs(host.port, origin());
        }
        expect(await client.request(method, params), method).toEqual({
          id: expect.any(Number) as number,
          ok: false,
          error:
            method === 'command'
              ? "a command needs the host's token or a paired browser"
              : `${method} needs the host's token or a paired browser`,
        });
      }
      // A session cookie that the host never issued authorises nothing.
      const forged = await connectWithCookie('ems_session=0123456789abcdef0123456789abcdef');
      expect(await forged.request('registerRead', ATTACKS.registerRead)).toMatchObject({
        ok: false,
      });
      forged.ws.close();
    } finally {
      client.ws.close();
    }
    // None of it ran: no register write was tried, no CAN recording was started, the EMS
    // never started.
    const owner = await connectWs(host.port, origin());
    try {
      expect(await owner.request('registerWriteLog', {}, host.token)).toEqual({
        id: expect.any(Number) as number,
        ok: true,
        result: [],
      });
      expect(await owner.request('canRecordStop', {}, host.token)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/not recording/) as string,
      });
      expect(await owner.request('getSnapshot', {})).toMatchObject({
        ok: true,
        result: { state: 'STOP' },
      });
    } finally {
      owner.ws.close();
    }
  });
});

/** Opens the bridge as the host's own page with a Cookie header on the upgrade. */
function connectWithCookie(cookie: string): Promise<WsTestClient> {
  return connectWs(host.port, origin(), { Cookie: cookie });
}

describe('floods on the WebSocket', () => {
  // Every test here comes from 127.0.0.1 and the address's bucket is shared: each starts
  // once it is full again (pacing to the documented rate; no event says it refilled).
  beforeEach(async () => {
    const refillMs = (1000 * WS_ADDRESS_MESSAGE_BURST) / WS_ADDRESS_MESSAGES_PER_S;
    await new Promise((resolve) => setTimeout(resolve, refillMs + 250));
  });

  it('one connection gets its burst, then "slow down"; the rest is not run', async () => {
    const client = await connectWs(host.port, origin());
    try {
      const started = performance.now();
      const replies = await burst(client, 3 * WS_MESSAGE_BURST, 'getSnapshot');
      const elapsedS = (performance.now() - started) / 1000;
      const ok = replies.filter((r) => r.ok).length;
      const slowed = replies.filter((r) => !r.ok && r.error === SLOW_DOWN).length;
      expect(ok + slowed).toBe(replies.length);
      expect(ok).toBeGreaterThanOrEqual(WS_MESSAGE_BURST);
      // The bucket refills while the burst is delivered, never faster than its rate.
      expect(ok).toBeLessThanOrEqual(WS_MESSAGE_BURST + Math.ceil(elapsedS * WS_MESSAGES_PER_S));
      expect(slowed).toBeGreaterThan(0);
    } finally {
      client.ws.close();
    }
  });

  it('commands with the token are limited too: a flood of 1,000 is not all accepted', async () => {
    const client = await connectWs(host.port, origin());
    try {
      const started = performance.now();
      // "stop" in STOP changes nothing, so the flood itself does no harm to the test's EMS.
      const replies = await Promise.all(
        Array.from({ length: 1000 }, () =>
          client.request('command', { command: { type: 'stop' } }, host.token),
        ),
      );
      const elapsedS = (performance.now() - started) / 1000;
      const ran = replies.filter((r) => r.ok || r.error !== SLOW_DOWN).length;
      expect(ran).toBeLessThanOrEqual(WS_MESSAGE_BURST + Math.ceil(elapsedS * WS_MESSAGES_PER_S));
      expect(replies.filter((r) => !r.ok && r.error === SLOW_DOWN).length).toBeGreaterThan(500);
    } finally {
      client.ws.close();
    }
  });

  it('several connections from one address share its limit', async () => {
    const n = Math.ceil((2 * WS_ADDRESS_MESSAGE_BURST) / WS_MESSAGE_BURST);
    const clients = await Promise.all(
      Array.from({ length: n }, () => connectWs(host.port, origin())),
    );
    try {
      const started = performance.now();
      // Each connection stays inside its own burst; together they pass the address's.
      const replies = (
        await Promise.all(clients.map((c) => burst(c, WS_MESSAGE_BURST, 'getSnapshot')))
      ).flat();
      const elapsedS = (performance.now() - started) / 1000;
      const ok = replies.filter((r) => r.ok).length;
      expect(ok).toBeLessThanOrEqual(
        WS_ADDRESS_MESSAGE_BURST + Math.ceil(elapsedS * WS_ADDRESS_MESSAGES_PER_S),
      );
      expect(replies.filter((r) => !r.ok && r.error === SLOW_DOWN).length).toBeGreaterThan(0);
    } finally {
      for (const c of clients) c.ws.close();
    }
  });

  it(`a connection that sends ${WS_MAX_BAD_CREDENTIALS} wrong tokens is closed (${WS_CLOSE_POLICY})`, async () => {
    const client = await connectWs(host.port, origin());
    const closed = closeCode(client.ws);
    const wrong = 'f'.repeat(64);
    for (let i = 0; i < WS_MAX_BAD_CREDENTIALS; i++) {
      const r = await client.request('command', { command: { type: 'start' } }, wrong);
      expect(r).toMatchObject({ ok: false });
    }
    expect(await closed).toBe(WS_CLOSE_POLICY);
  });

  it(`connections are capped per address (${WS_MAX_CONNECTIONS_PER_ADDRESS}) and in all (${WS_MAX_CONNECTIONS}); closing frees them`, async () => {
    const open: WebSocket[] = [];
    /** Opens a connection from `localAddress`; the HTTP status when the upgrade is refused. */
    const attempt = (localAddress: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, {
          origin: origin(),
          localAddress,
        });
        ws.once('open', () => {
          open.push(ws);
          resolve(101);
        });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', reject);
      });
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= WS_MAX_CONNECTIONS_PER_ADDRESS; i++)
        statuses.push(await attempt('127.0.0.1'));
      expect(statuses.slice(0, -1).every((s) => s === 101)).toBe(true);
      expect(statuses.at(-1)).toBe(503);

      // Other loopback addresses (Linux routes all of 127/8 to lo) fill the total cap.
      let address = 2;
      while (open.length < WS_MAX_CONNECTIONS) {
        const from = `127.0.0.${address}`;
        for (let i = 0; i < WS_MAX_CONNECTIONS_PER_ADDRESS && open.length < WS_MAX_CONNECTIONS; i++)
          expect(await attempt(from)).toBe(101);
        address++;
      }
      expect(await attempt(`127.0.0.${address}`)).toBe(503);

      const all = open.splice(0);
      const closing = all.map((ws) => closeCode(ws));
      for (const ws of all) ws.close();
      await Promise.all(closing);
      // The server uncounts a connection when its end of the socket closes, a moment after
      // the client's: a refused attempt in between is retried.
      const reopened = await waitFor(
        async () => ((await attempt('127.0.0.1')) === 101 ? true : undefined),
        { what: 'a connection after the others closed', timeoutMs: 10_000, intervalMs: 100 },
      );
      expect(reopened).toBe(true);
    } finally {
      for (const ws of open) ws.close();
    }
  }, 60_000);
});

describe('device traffic from the tools, even with the token', () => {
  it('is capped per device: 8 connection tests in parallel are spread to 20 reads a second, and the control loop keeps its links', async () => {
    const client = await connectWs(host.port, origin());
    try {
      const tests = 8;
      const reads = 10;
      const started = performance.now();
      const replies = await Promise.all(
        Array.from({ length: tests }, () =>
          client.request('connectionTest', { device: 'inverter', reads }, host.token),
        ),
      );
      const elapsedMs = performance.now() - started;
      for (const r of replies) expect(r).toMatchObject({ ok: true, result: { ok: reads } });
      // One read in flight and one started per 1000 / 20 ms: the 80 reads need at least 79
      // gaps (a slow machine only makes it longer). Uncapped they took a few ms each.
      expect(elapsedMs).toBeGreaterThanOrEqual(
        (tests * reads - 1) * (1000 / TOOL_REQUESTS_PER_S) - 5,
      );
      const snapshot = await client.request('getSnapshot', {});
      expect(snapshot).toMatchObject({
        ok: true,
        result: { links: { inverter: { health: 'ok' }, meter: { health: 'ok' } } },
      });
    } finally {
      client.ws.close();
    }
  }, 60_000);
});

describe('a paired browser session', () => {
  it('authorises REST and the WebSocket like the token, from the own origin only, until the token rotates', async () => {
    // The token works as a pairing code (a printed code is single-use and another test's).
    const paired = await send(host, 'POST', '/api/pair', {
      body: { code: host.token },
      headers: { Origin: origin() },
    });
    expect(paired.status).toBe(200);
    const setCookie = String(paired.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^ems_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+/,
    );
    const cookie = setCookie.split(';')[0] ?? '';

    const ws = await connectWithCookie(cookie);
    try {
      expect(await ws.request('getAccess', {})).toMatchObject({ result: { authorised: true } });
      expect(await ws.request('registerWriteLog', {})).toMatchObject({ ok: true });
      // REST writes take the cookie from the host's own page; another origin is refused.
      const write = (from: string) =>
        send(host, 'POST', '/api/grid-target', {
          body: { watts: 0 },
          headers: { Cookie: cookie, Origin: from },
        });
      expect((await write(origin())).status).toBe(200);
      expect((await write('https://evil.example')).status).toBe(403);

      const rotated = await send(host, 'POST', '/api/token/rotate', { token: host.token });
      expect(rotated.status).toBe(200);
      host.token = String(rotated.json?.['token']);
      // The open connection and a new one with the same cookie are both unauthorised now.
      expect(await ws.request('getAccess', {})).toMatchObject({ result: { authorised: false } });
      const again = await connectWithCookie(cookie);
      expect(await again.request('registerWriteLog', {})).toMatchObject({ ok: false });
      again.ws.close();
      expect((await write(origin())).status).toBe(401);
    } finally {
      ws.ws.close();
    }
  });
});

describe('pushes', () => {
  it('bus traffic and device progress reach only a client with the token or a paired session', async () => {
    const anonymous = await connectWs(host.port, origin());
    const owner = await connectWs(host.port, origin());
    try {
      expect(await owner.request('tokenInfo', {}, host.token)).toMatchObject({ ok: true });
      // The built-in BMS sends its frames every second: the CAN monitor pushes them. Two
      // pushes to the owner: the anonymous client was connected for at least one whole push.
      await waitFor(
        () => owner.pushes.filter((p) => p.push.topic === 'canFrames').length >= 2 || undefined,
        { what: 'two canFrames pushes to the client with the token' },
      );
      await waitFor(() => anonymous.pushes.some((p) => p.push.topic === 'snapshot') || undefined, {
        what: 'a snapshot push to the anonymous client',
      });
      expect(anonymous.pushes.filter((p) => PUSH_ACCESS[p.push.topic] === 'private')).toEqual([]);
    } finally {
      anonymous.ws.close();
      owner.ws.close();
    }
  });
});
