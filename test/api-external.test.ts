import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModbusTcpClient } from '../src/main/devices/modbus/wire/modbus-client';
import { loadProfile } from '../src/main/devices/modbus/profile/profile-loader';
import { ProfiledDevice } from '../src/main/devices/modbus/drivers/profiled-device';
import type { EventView } from '../src/shared/fault-view';
import { connectWs, type WsTestClient } from './support/ws-test-client';
import {
  eventually,
  intentOf,
  send,
  startApiHost,
  statusOf,
  stopApiHost,
  type ApiHost,
} from './api-support';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';

/**
 * EXTERNAL control end to end (`npm run headless -- --api --port 0`, embedded simulated
 * site): a controller sets -1500 W for 10 s over REST; the simulated inverter's own
 * registers (read on a connection of this test's own, through the project's sim-inverter
 * profile) follow it, and about 10 s later it falls to 0 W with an external-expired event
 * on /ws while the mode stays EXTERNAL.
 */

let host: ApiHost;
let ws: WsTestClient;
let inverter: ProfiledDevice;
let powerPoint = '';
let powerSign = 1;

/** The simulated inverter's active power from its registers, W (+ discharge). */
async function simInverterW(): Promise<number> {
  const points = await inverter.readAll();
  const w = points[powerPoint];
  if (typeof w !== 'number') throw new Error(`inverter register ${powerPoint}: ${String(w)}`);
  return w * powerSign;
}

const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  send(host, 'POST', path, { body, token: host.token, headers });

function events(kind: string): { at: number; event: EventView }[] {
  return ws.pushes
    .filter((p) => p.push.topic === 'event' && (p.push.payload as EventView).kind === kind)
    .map((p) => ({ at: p.at, event: p.push.payload as EventView }));
}

beforeAll(async () => {
  host = await startApiHost(['--api', '--port', '0']);
  const profile = await loadProfile('sim-inverter');
  powerPoint = profile.inverter?.powerPoint ?? '';
  powerSign = profile.inverter?.powerSign ?? 1;
  inverter = new ProfiledDevice(
    profile,
    new ModbusTcpClient({
      clock: realTime,
      host: '127.0.0.1',
      port: host.inverterPort,
      timeoutMs: 1000,
      name: 'truth',
    }),
  );
  ws = await connectWs(host.port, undefined);
  expect((await post('/api/start')).status).toBe(200);
}, 90_000);

afterAll(async () => {
  ws?.ws.close();
  await inverter?.close();
  await stopApiHost(host);
});

describe('before mode EXTERNAL', () => {
  it('a setpoint is refused with 409 and the core’s reason; nothing changes', async () => {
    await eventually('STANDBY with fresh links', 20_000, async () =>
      (await statusOf(host)).links.inverter.health === 'ok' ? true : undefined,
    );
    const before = intentOf(await statusOf(host));
    const r = await post('/api/external-setpoint', { watts: -1500, ttlSeconds: 10 });
    expect(r.status).toBe(409);
    expect(r.json).toEqual({
      error: 'mode is IDLE: external setpoints are accepted only in mode EXTERNAL',
    });
    expect(intentOf(await statusOf(host))).toEqual(before);
    expect(Math.abs(await simInverterW())).toBeLessThan(50);
  });
});

describe('in mode EXTERNAL', () => {
  it('enters EXTERNAL_CONTROL at 0 W', async () => {
    expect((await post('/api/mode', { mode: 'EXTERNAL' })).json).toMatchObject({ ok: true });
    await eventually('EXTERNAL_CONTROL', 10_000, async () =>
      (await statusOf(host)).state === 'EXTERNAL_CONTROL' ? true : undefined,
    );
    expect((await statusOf(host)).setpointW).toBe(0);
  });

  it('a magnitude above the 5000 W rating is a 400 naming watts; nothing is followed', async () => {
    const r = await post('/api/external-setpoint', { watts: 6000 });
    expect(r).toMatchObject({
      status: 400,
      json: { error: 'watts: 6000 W discharge is above the inverter rating (5000 W)' },
    });
    expect((await statusOf(host)).external).toBeNull();
  });

  it('-1500 W for 10 s is followed by the inverter, then falls to 0 W about 10 s later with an event', async () => {
    const sentAt = Date.now();
    const r = await post(
      '/api/external-setpoint',
      { watts: -1500, ttlSeconds: 10 },
      {
        'X-Ems-Source': 'scada-it',
      },
    );
    expect(r).toMatchObject({ status: 200, json: { ok: true } });

    // The inverter's own register follows (the ramp is 2000 W/s, so well inside 5 s).
    const followedAt = await eventually('inverter at -1500 W', 5000, async () =>
      Math.abs((await simInverterW()) + 1500) <= 50 ? Date.now() : undefined,
    );
    expect(followedAt - sentAt).toBeLessThan(5000);
    const held = await statusOf(host);
    expect(held).toMatchObject({ mode: 'EXTERNAL', setpointW: -1500, limitedBy: 'none' });
    expect(held.external).toMatchObject({ watts: -1500, source: 'scada-it' });
    expect(held.inverterW).toBeLessThan(-1400);

    // Held until it expires: the inverter is read every 100 ms until the expiry event comes.
    // Reads that began a second or more before the host's expiry step must all show -1500 W
    // (the second keeps a slow read answered after the expiry out of it), and one of them
    // must have begun 8 s or more after the POST.
    const reads: { at: number; w: number }[] = [];
    const expired = await waitFor(
      async () => {
        const at = Date.now();
        reads.push({ at, w: await simInverterW() });
        return events('external-expired')[0];
      },
      { what: 'the external-expired event', timeoutMs: 20_000, intervalMs: 100 },
    );
    const expiredAt = Date.parse(expired.event.time);
    const heldReads = reads.filter((read) => read.at <= expiredAt - 1000);
    expect(heldReads.filter((read) => Math.abs(read.w + 1500) > 50)).toEqual([]);
    expect(heldReads.at(-1)?.at ?? 0).toBeGreaterThanOrEqual(sentAt + 8000);

    // Expiry: the host's event about 10 s after the POST, and the inverter back at 0 W. The
    // upper bound is the TTL with room for a loaded machine's late control steps.
    const after = (expiredAt - sentAt) / 1000;
    expect(after).toBeGreaterThanOrEqual(9.5);
    expect(after).toBeLessThan(13);
    expect(expired.event.message).toContain('scada-it');
    await eventually('inverter at 0 W', 3000, async () =>
      Math.abs(await simInverterW()) <= 50 ? true : undefined,
    );
    expect(await statusOf(host)).toMatchObject({
      mode: 'EXTERNAL',
      state: 'EXTERNAL_CONTROL',
      setpointW: 0,
      external: null,
    });
  }, 30_000);

  it('a controller that resumes is followed again (the mode stayed EXTERNAL)', async () => {
    expect((await post('/api/external-setpoint', { watts: 1000, ttlSeconds: 5 })).status).toBe(200);
    await eventually('inverter at +1000 W', 5000, async () =>
      Math.abs((await simInverterW()) - 1000) <= 50 ? true : undefined,
    );
    expect((await post('/api/stop')).status).toBe(200);
    await eventually('inverter at 0 W after stop', 3000, async () =>
      Math.abs(await simInverterW()) <= 50 ? true : undefined,
    );
  });
});
