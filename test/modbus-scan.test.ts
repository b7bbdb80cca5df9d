import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmsState } from '../src/shared/ems-names';
import { HYBRID_QUESTION, type ScanProgressView, type ScanView } from '../src/shared/scan-views';
import { ScanHandlers } from '../src/main/commissioning/scan/scan-handlers';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { createRealTime } from '../src/main/util/real-time';
import { startApiHost, stopApiHost, send, type ApiHost } from './api-support';
import { FrameSplitter } from './support/modbus-frames';
import { waitFor } from './support/wait-for';

/**
 * The device scan against real Modbus TCP servers: the simulator as SunSpec devices and as
 * its plain register maps, Debian's pymodbus serving a plain unit and a SunSpec unit, and the
 * headless host's REST routes (202, 404, 409 outside STOP). A proxy in front of the SunSpec
 * simulator records every function code the scan sends, to show it never writes.
 */

const realTime = createRealTime();
const PYTHON = '/usr/bin/python3';
const PYMODBUS = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pymodbus-server.py');

let sunspecSite: SimulatedSite;
let plainSite: SimulatedSite;
let pymodbus: ChildProcessWithoutNullStreams;
let pymodbusPort = 0;
let proxy: { port: number; functionCodes: number[]; close: () => Promise<void> };

/** A TCP proxy to `port` that records the function code of every request frame. */
async function recordingProxy(port: number): Promise<typeof proxy> {
  const functionCodes: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port });
    const splitter = new FrameSplitter();
    sockets.add(client).add(upstream);
    client.on('data', (d: Buffer) => {
      for (const frame of splitter.push(d)) functionCodes.push(frame[7] ?? -1);
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
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    functionCodes,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

beforeAll(async () => {
  sunspecSite = await startSimulatedSite({ time: realTime, sunspec: true, seed: 7, tickMs: 100 });
  plainSite = await startSimulatedSite({ time: realTime, seed: 8, tickMs: 100 });
  proxy = await recordingProxy(sunspecSite.ports.inverter ?? 0);
  pymodbus = spawn(PYTHON, [PYMODBUS, '0'], { stdio: 'pipe' });
  let stderr = '';
  pymodbus.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pymodbus: no READY: ${stderr}`)), 30_000);
    createInterface({ input: pymodbus.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
  });
  pymodbusPort = Number(/^READY (\d+)$/.exec(first)?.[1] ?? 'NaN');
}, 60_000);

afterAll(async () => {
  await proxy.close();
  await sunspecSite.stop();
  await plainSite.stop();
  const gone = new Promise((resolve) => pymodbus.once('exit', resolve));
  pymodbus.stdin.end();
  await gone;
});

/** Scan handlers on the real time, in STOP unless `state` says otherwise. */
function handlers(state: () => EmsState = () => 'STOP'): {
  scans: ScanHandlers;
  pushes: ScanProgressView[];
} {
  const pushes: ScanProgressView[] = [];
  return {
    scans: new ScanHandlers({ emsState: state, time: realTime, push: (p) => pushes.push(p) }),
    pushes,
  };
}

async function finished(scans: ScanHandlers, scanId: string): Promise<ScanView> {
  return waitFor(
    () => {
      const v = scans.get(scanId);
      return v.done ? v : null;
    },
    { timeoutMs: 30_000, what: `${scanId} to finish` },
  );
}

describe('scan of real Modbus TCP servers', () => {
  it('finds the SunSpec simulator with its identity and suggests storage with the hybrid question, reading only', async () => {
    const { scans, pushes } = handlers();
    const { scanId } = await scans.start({
      targets: '127.0.0.1',
      ports: [proxy.port],
      unitIds: [1],
    });
    const view = await finished(scans, scanId);
    expect(view.found).toEqual([
      {
        host: '127.0.0.1',
        port: proxy.port,
        unitId: 1,
        sunspec: {
          base: 40000,
          models: [1, 103, 124],
          manufacturer: 'ems-commissioning',
          model: 'Simulated battery inverter',
          serial: 'SIM-INV-7',
          version: '0.1.0',
        },
        probes: [],
        suggested: {
          inverter: expect.objectContaining({
            profile: 'sunspec-storage-124',
            alternatives: expect.arrayContaining([
              { profile: 'sunspec-hybrid-124', question: HYBRID_QUESTION },
            ]) as unknown,
          }) as unknown,
        },
      },
    ]);
    expect(pushes.find((p) => p.found !== null)?.found?.sunspec?.serial).toBe('SIM-INV-7');
    expect(pushes.at(-1)).toMatchObject({ done: true, probed: 1, total: 1, stopped: null });
    // Every request the scan sent was a read (FC3 holding, FC4 input): nothing else.
    expect(proxy.functionCodes.length).toBeGreaterThan(3);
    expect(new Set(proxy.functionCodes)).toEqual(new Set([3]));
  });

  it('finds the SunSpec meter and the plain simulator by their probe registers', async () => {
    const { scans } = handlers();
    const ports = [
      sunspecSite.ports.meter ?? 0,
      plainSite.ports.meter ?? 0,
      plainSite.ports.inverter ?? 0,
    ];
    const { scanId } = await scans.start({ targets: '127.0.0.1', ports, unitIds: [1] });
    const view = await finished(scans, scanId);
    const at = (port: number): ScanView['found'][number] | undefined =>
      view.found.find((f) => f.port === port);
    expect(at(ports[0] ?? 0)?.sunspec).toMatchObject({ models: [1, 203], serial: 'SIM-MTR-7' });
    expect(at(ports[0] ?? 0)?.suggested).toEqual({ meter: { profile: 'sunspec-meter-203' } });
    const meter = at(ports[1] ?? 0);
    expect(meter?.sunspec).toBeNull();
    expect(meter?.probes).toContainEqual({ kind: 'holding', address: 14, count: 2 });
    expect(meter?.suggested).toEqual({ meter: { profile: 'sim-meter' } });
    const inverter = at(ports[2] ?? 0);
    expect(inverter?.probes).toContainEqual({ kind: 'holding', address: 8, count: 2 });
    expect(inverter?.probes).not.toContainEqual({ kind: 'holding', address: 14, count: 2 });
    expect(inverter?.suggested).toEqual({ inverter: { profile: 'sim-inverter' } });
  });

  it('reads pymodbus: a plain unit by its probe registers, a SunSpec unit at 50000, and no unit 3', async () => {
    const { scans } = handlers();
    const { scanId } = await scans.start({
      targets: '127.0.0.1',
      ports: [pymodbusPort],
      unitIds: [1, 2, 3],
    });
    const view = await finished(scans, scanId);
    expect(view.found.map((f) => f.unitId)).toEqual([1, 2]);
    const [plain, sunspec] = view.found;
    expect(plain?.sunspec).toBeNull();
    expect(plain?.probes.filter((p) => p.kind === 'holding')).toEqual(
      expect.arrayContaining([
        { kind: 'holding', address: 0, count: 2 },
        { kind: 'holding', address: 11, count: 1 },
      ]),
    );
    expect(plain?.suggested.inverter?.profile).toBe('sim-inverter');
    expect(sunspec?.sunspec).toEqual({
      base: 50000,
      models: [1, 124, 203, 103],
      manufacturer: null,
      model: null,
      serial: null,
      version: null,
    });
    expect(sunspec?.suggested.meter?.profile).toBe('sunspec-meter-203');
    expect(sunspec?.suggested.inverter?.profile).toBe('sunspec-storage-124');
  });

  it('is cancelled: no probe starts after the cancel, and it ends done with the reason', async () => {
    const { scans } = handlers();
    const { scanId, total } = await scans.start({ targets: '127.0.0.0/24', ports: [pymodbusPort] });
    expect(total).toBe(254 * 5);
    expect(scans.cancel(scanId).stopped).toBe('cancelled');
    const view = await finished(scans, scanId);
    expect(view.stopped).toBe('cancelled');
    expect(view.probed).toBeLessThan(total);
  });

  it('is refused outside STOP with the conflict code, and a second scan while one runs', async () => {
    const outside = handlers(() => 'STANDBY').scans;
    await expect(outside.start({ targets: '127.0.0.1' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    const { scans } = handlers();
    const { scanId } = await scans.start({ targets: '127.0.0.0/24', ports: [pymodbusPort] });
    await expect(scans.start({ targets: '127.0.0.1' })).rejects.toMatchObject({ kind: 'conflict' });
    scans.cancel(scanId);
    await finished(scans, scanId);
  });
});

describe('scan over the REST API of the headless host', () => {
  let host: ApiHost;
  beforeAll(async () => {
    host = await startApiHost(['--api', '--port', '0']);
  }, 120_000);
  afterAll(() => stopApiHost(host));

  it('scans in STOP (202, then the unit found), names bad input, 404s an unknown scan, 409s outside STOP', async () => {
    const token = host.token;
    expect((await send(host, 'POST', '/api/scan', { body: { targets: '127.0.0.1' } })).status).toBe(
      401,
    );
    const bad = await send(host, 'POST', '/api/scan', { token, body: { targets: '10.0.0.0/16' } });
    expect([bad.status, bad.json?.['error']]).toEqual([
      400,
      'targets: a /16 block has 65536 addresses: a scan takes at most 1024 (a /22 block)',
    ]);
    const started = await send(host, 'POST', '/api/scan', {
      token,
      body: { targets: '127.0.0.1', ports: [host.inverterPort], unitIds: [1] },
    });
    expect(started.status).toBe(202);
    const scanId = String(started.json?.['scanId']);
    const done = await waitFor(
      async () => {
        const r = await send(host, 'GET', `/api/scan/${scanId}`, { token });
        return r.json?.['done'] === true ? r.json : null;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the REST scan to finish' },
    );
    expect(done['found']).toEqual([
      expect.objectContaining({
        port: host.inverterPort,
        unitId: 1,
        sunspec: null,
        suggested: { inverter: { profile: 'sim-inverter' } },
      }),
    ]);
    expect((await send(host, 'GET', '/api/scan/scan-99', { token })).status).toBe(404);
    expect((await send(host, 'DELETE', `/api/scan/${scanId}`, { token })).status).toBe(200);
    // A route without fields takes an empty body with a Content-Type too.
    const empty = await send(host, 'DELETE', `/api/scan/${scanId}`, {
      token,
      raw: '',
      headers: { 'Content-Type': 'application/json' },
    });
    expect([empty.status, empty.json?.['done']]).toEqual([200, true]);
    const poisoned = await send(host, 'POST', '/api/scan', {
      token,
      raw: '{"targets":"127.0.0.1","__proto__":{"x":1}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(poisoned.status).toBe(400);
    expect((await send(host, 'POST', '/api/start', { token })).status).toBe(200);
    const refused = await send(host, 'POST', '/api/scan', {
      token,
      body: { targets: '127.0.0.1' },
    });
    expect([refused.status, refused.json?.['error']]).toEqual([
      409,
      'startScan: a scan runs only while the EMS is in STOP (stop it first)',
    ]);
    const ports = await send(host, 'GET', '/api/local-ports', { token });
    expect(ports.status).toBe(200);
    expect(ports.json?.['can']).toMatchObject({ unavailable: null });
  }, 90_000);
});
