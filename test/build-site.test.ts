import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommissioningError } from '../src/main/commissioning/commissioning-error';
import { TRY_NOT_IN_STOP, TryDeviceHandlers } from '../src/main/commissioning/build/try-device';
import { findFreePort } from '../src/main/sim/free-port';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { createRealTime } from '../src/main/util/real-time';
import type { EmsState } from '../src/shared/ems-names';
import { send, startApiHost, stopApiHost, type ApiHost } from './api-support';
import { FrameSplitter, functionCode } from './support/modbus-frames';

/**
 * Building a site against real Modbus TCP servers: the profile library, and the connection
 * test of one device as the site form types it, on the simulator as SunSpec devices (model 1
 * read) and as its plain register maps, a closed port and a port that never answers; then
 * the same requests over the headless host's REST routes, refused (409) once the EMS runs.
 */

const realTime = createRealTime();
const LOCALHOST = '127.0.0.1';
let sunspec: SimulatedSite;
let plain: SimulatedSite;
let silent: Server;
let silentPort = 0;
const held = new Set<Socket>();
let state: EmsState = 'STOP';
const tries = new TryDeviceHandlers({ emsState: () => state, time: realTime });

const device = (port: number | null, profile: string, timeoutMs = 500) => ({
  host: LOCALHOST,
  port: port ?? 0,
  unitId: 1,
  profile,
  timeoutMs,
});

/** A TCP proxy to `port` that records the function code of every request; closed by the caller. */
async function recordingProxy(
  port: number,
): Promise<{ server: Server; port: number; codes: number[] }> {
  const codes: number[] = [];
  const server = createServer((client) => {
    const upstream = createConnection({ host: LOCALHOST, port });
    const splitter = new FrameSplitter();
    client.on('data', (d: Buffer) => {
      for (const frame of splitter.push(d)) codes.push(functionCode(frame));
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => client.write(d));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen({ host: LOCALHOST, port: 0 }, resolve));
  const a = server.address();
  return { server, port: typeof a === 'object' && a !== null ? a.port : 0, codes };
}

beforeAll(async () => {
  sunspec = await startSimulatedSite({ time: realTime, sunspec: true, seed: 7, tickMs: 100 });
  plain = await startSimulatedSite({ time: realTime, seed: 8, tickMs: 100 });
  // Accepts the connection and never answers a request.
  silent = createServer((s) => held.add(s));
  await new Promise<void>((resolve) => silent.listen({ host: LOCALHOST, port: 0 }, resolve));
  const a = silent.address();
  silentPort = typeof a === 'object' && a !== null ? a.port : 0;
}, 60_000);

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await sunspec.stop();
  await plain.stop();
});

describe('the profile library', () => {
  it('lists every built-in profile with its role, sources and verified flag, and the BMS profiles', async () => {
    const library = await tries.listProfiles();
    const byName = new Map(library.map((p) => [p.name, p]));
    expect(byName.get('sunspec-storage-124')).toMatchObject({
      role: 'inverter',
      sunspec: true,
      title: 'SunSpec storage inverter (models 103 + 124)',
    });
    expect(byName.get('sim-meter')).toMatchObject({
      role: 'meter',
      sunspec: false,
      sources: ['src/main/sim (the built-in simulator serves this map)'],
    });
    expect(byName.get('pylontech-v1.3')).toMatchObject({ role: 'bms', verified: null });
    expect(
      library.filter((p) => p.role !== 'bms').every((p) => typeof p.verified === 'boolean'),
    ).toBe(true);
    expect(library.some((p) => p.verified === true)).toBe(true);
    expect(library.some((p) => p.verified === false)).toBe(true);
  });
});

describe('the connection test on real Modbus TCP', () => {
  it('reads a SunSpec inverter through its profile, with model 1', async () => {
    const r = await tries.tryDevice({
      role: 'inverter',
      device: device(sunspec.ports.inverter, 'sunspec-storage-124'),
    });
    expect([r.ok, r.error]).toEqual([true, null]);
    expect(r.identity).toMatchObject({ serial: 'SIM-INV-7', manufacturer: 'ems-commissioning' });
    expect(r.identity?.models).toEqual(expect.arrayContaining([1, 103, 124]));
    const soc = r.values.find((v) => v.label === 'SOC');
    expect(soc?.value).toBeGreaterThanOrEqual(0);
    expect(soc?.value).toBeLessThanOrEqual(100);
    expect(r.values.map((v) => v.label)).toContain('AC power (+ discharge)');
    expect(r.roundTripMs).not.toBeNull();
  });

  it('only reads, even through an inverter profile whose driver writes its watchdog at connect', async () => {
    const proxy = await recordingProxy(sunspec.ports.inverter ?? 0);
    try {
      const r = await tries.tryDevice({
        role: 'inverter',
        device: device(proxy.port, 'sunspec-storage-124'),
      });
      expect(r.ok).toBe(true);
      expect(proxy.codes.length).toBeGreaterThan(0);
      expect(new Set(proxy.codes)).toEqual(new Set([3]));
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });

  it('reads a SunSpec meter with its identity and a plain meter without one', async () => {
    const s = await tries.tryDevice({
      role: 'meter',
      device: device(sunspec.ports.meter, 'sunspec-meter-203'),
    });
    expect(s.ok).toBe(true);
    expect(s.identity?.serial).toBe('SIM-MTR-7');
    expect(typeof s.values[0]?.value).toBe('number');
    const p = await tries.tryDevice({
      role: 'meter',
      device: device(plain.ports.meter, 'sim-meter'),
    });
    expect([p.ok, p.identity, p.values[0]?.label]).toEqual([true, null, 'Grid power (+ import)']);
  });

  it('names what failed: a refused connection, a device that does not answer, the wrong map', async () => {
    const closed = await findFreePort(LOCALHOST);
    const refused = await tries.tryDevice({ role: 'meter', device: device(closed, 'sim-meter') });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/^connect: .*(ECONNREFUSED|refused)/);
    const mute = await tries.tryDevice({
      role: 'meter',
      device: device(silentPort, 'sim-meter', 100),
    });
    expect([mute.ok, mute.values]).toEqual([false, []]);
    expect(mute.error).toMatch(/^read: .*(timed out|timeout)/i);
    // A SunSpec profile on the plain simulator: there is no 'SunS' to find.
    const wrong = await tries.tryDevice({
      role: 'inverter',
      device: device(plain.ports.inverter, 'sunspec-storage-124'),
    });
    expect([wrong.ok, wrong.identity]).toEqual([false, null]);
    expect(wrong.error).toMatch(/^read: .*SunS/);
  });

  it('refuses a profile of the other role or unknown, and any test outside STOP', async () => {
    await expect(
      tries.tryDevice({ role: 'meter', device: device(plain.ports.meter, 'sim-inverter') }),
    ).rejects.toThrow('profile sim-inverter is an inverter profile, not a meter profile');
    await expect(
      tries.tryDevice({ role: 'meter', device: device(plain.ports.meter, 'no-such-profile') }),
    ).rejects.toThrow(/no built-in profile "no-such-profile"/);
    await expect(
      tries.tryDevice({ role: 'meter', device: device(plain.ports.meter, 'profiles/m.json') }),
    ).rejects.toThrow(
      "a relative path is read from the stored site's folder, so it cannot be tested here",
    );
    state = 'STANDBY';
    try {
      const refusal = tries.tryDevice({
        role: 'meter',
        device: device(plain.ports.meter, 'sim-meter'),
      });
      await expect(refusal).rejects.toThrow(TRY_NOT_IN_STOP);
      await expect(refusal).rejects.toMatchObject({ kind: 'conflict' });
      await expect(refusal).rejects.toBeInstanceOf(CommissioningError);
    } finally {
      state = 'STOP';
    }
  });
});

describe('the headless host over REST', () => {
  let host: ApiHost;
  beforeAll(async () => {
    host = await startApiHost(['--api', '--port', '0']);
  }, 90_000);
  afterAll(async () => {
    await stopApiHost(host);
  });

  it('lists the profiles, tests a device in STOP and answers 409 once the EMS runs', async () => {
    const token = host.token;
    const profiles = await send(host, 'GET', '/api/profiles', { token });
    expect(profiles.status).toBe(200);
    expect(JSON.stringify(profiles.json)).toContain('"name":"sunspec-hybrid-124"');
    expect((await send(host, 'GET', '/api/profiles', {})).status).toBe(401);
    const body = {
      role: 'inverter',
      device: { host: LOCALHOST, port: sunspec.ports.inverter, profile: 'sunspec-storage-124' },
    };
    const tested = await send(host, 'POST', '/api/sites/try-device', { token, body });
    expect(tested.status).toBe(200);
    expect(tested.json?.['ok']).toBe(true);
    expect(JSON.stringify(tested.json?.['identity'])).toContain('"serial":"SIM-INV-7"');
    const bad = await send(host, 'POST', '/api/sites/try-device', {
      token,
      body: { role: 'inverter', device: { port: 502, profile: 'sim-inverter' } },
    });
    expect([bad.status, bad.json?.['error']]).toEqual([
      400,
      expect.stringContaining('give either "host" (Modbus TCP) or a "serial" block'),
    ]);
    expect((await send(host, 'POST', '/api/start', { token })).status).toBe(200);
    const refused = await send(host, 'POST', '/api/sites/try-device', { token, body });
    expect([refused.status, refused.json?.['error']]).toEqual([
      409,
      `tryDevice: ${TRY_NOT_IN_STOP}`,
    ]);
  }, 60_000);
});
