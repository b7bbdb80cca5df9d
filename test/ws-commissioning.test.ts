import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanFramesView } from '../src/shared/can-monitor-view';
import type {
  ModbusDeviceView,
  RecordingStatusView,
  RegisterReadView,
  SessionView,
  TokenInfoView,
} from '../src/shared/commissioning-views';
import type { ResponseEnvelope } from '../src/shared/contract';
import type { SunSpecProgressView } from '../src/shared/sunspec-views';
import { startUiHost, stopUiHost, type UiHost } from './support/headless-ui-process';
import { connectWs, type WsTestClient } from './support/ws-test-client';
import { waitFor } from './support/wait-for';

/**
 * The commissioning requests over the real WebSocket bridge of the headless host on its
 * embedded simulated site: the register console reads the simulator's inverter over the
 * driver's own Modbus link, discovery reports progress, the session of this run is recorded,
 * and the CAN monitor pushes the BMS frames.
 */

let host: UiHost;
let client: WsTestClient;

/** A request with the host's token (the commissioning requests all need it or a session). */
function ask(
  method: string,
  params: unknown,
  token: string = host.token,
): Promise<ResponseEnvelope> {
  return client.request(method, params, token);
}

function ok<T>(r: ResponseEnvelope): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.result as T;
}

beforeAll(async () => {
  host = await startUiHost();
  client = await connectWs(host.port, host.origin);
}, 90_000);

afterAll(async () => {
  client.ws.close();
  await stopUiHost(host);
});

describe('an attacker without credentials on the WebSocket', () => {
  it('gets none of the requests that make device traffic, touch files or show secrets', async () => {
    const calls: [string, unknown][] = [
      ['registerRead', { device: 'inverter', kind: 'holding', address: 0, count: 2 }],
      ['connectionTest', { device: 'inverter', reads: 100 }],
      ['discoverSunSpec', { device: 'inverter' }],
      ['profileFromDiscovery', { device: 'inverter', kind: 'inverter' }],
      ['canRecordStart', {}],
      ['canRecordStop', {}],
      ['listSessions', {}],
      ['sessionExport', { sessionId: 1, what: 'events' }],
      ['recordingStatus', {}],
      ['modbusDevices', {}],
      ['registerWriteLog', {}],
      ['tokenInfo', {}],
      ['pairingCode', {}],
    ];
    for (const [method, params] of calls) {
      const r = await client.request(method, params);
      expect(r, method).toMatchObject({
        ok: false,
        error: `${method} needs the host's token or a paired browser`,
      });
    }
    // The dashboard stays open.
    expect(await client.request('getSnapshot', {})).toMatchObject({ ok: true });
    expect(await client.request('getAccess', {})).toMatchObject({
      ok: true,
      result: { authorised: false },
    });
  });
});

describe('commissioning over the WebSocket bridge', () => {
  it('lists the Modbus devices and reads the inverter registers over its link', async () => {
    const devices = ok<ModbusDeviceView[]>(await ask('modbusDevices', {}));
    expect(devices.map((d) => d.id)).toEqual(['meter', 'inverter']);
    expect(devices[1]?.host).toBe('127.0.0.1');
    const read = ok<RegisterReadView>(
      await ask('registerRead', {
        device: 'inverter',
        kind: 'holding',
        address: 0,
        count: 4,
      }),
    );
    expect(read.rows).toHaveLength(4);
    // socPct at 2 is 0.1 % per count; the simulator starts between 0 and 100 %.
    const soc = read.registers[2] ?? -1;
    expect(soc).toBeGreaterThanOrEqual(0);
    expect(soc).toBeLessThanOrEqual(1000);
  });

  it('a register write needs the token; in STOP with it the write goes through and is logged', async () => {
    // Register 11 is the watchdog time; it is written back with the value it has.
    const now = ok<RegisterReadView>(
      await ask('registerRead', {
        device: 'inverter',
        kind: 'holding',
        address: 11,
        count: 1,
      }),
    );
    const write = { device: 'inverter', address: 11, values: now.registers, confirmed: true };
    const noToken = await client.request('registerWrite', write);
    expect(noToken.ok).toBe(false);
    if (!noToken.ok)
      expect(noToken.error).toBe("registerWrite needs the host's token or a paired browser");
    const written = ok<{ result: string }>(await ask('registerWrite', write, host.token));
    expect(written.result).toBe('written');
    const log = ok<{ result: string; address: number }[]>(await ask('registerWriteLog', {}));
    expect(log).toEqual([expect.objectContaining({ result: 'written', address: 11 })]);
  });

  it('discovery of a non-SunSpec device fails naming the bases, with progress pushed', async () => {
    const r = await ask('discoverSunSpec', { device: 'meter', bases: [40000] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^discoverSunSpec: .*40000/);
    const progress = (): SunSpecProgressView[] =>
      client.pushes
        .filter((p) => p.push.topic === 'discoveryProgress')
        .map((p) => p.push.payload as SunSpecProgressView);
    await waitFor(() => progress().at(-1)?.step.kind === 'failed', { what: 'the failed step' });
    const steps = progress();
    expect(steps[0]?.step).toMatchObject({ kind: 'base', base: 40000, found: false });
    expect(steps.at(-1)?.step.kind).toBe('failed');
  });

  it('records this run as a session that lists and exports', async () => {
    const status = ok<RecordingStatusView>(await ask('recordingStatus', {}));
    expect(status.available).toBe(true);
    expect(status.path).toMatch(/sessions\.sqlite$/);
    const sessions = await waitFor(
      async () => {
        const listed = ok<SessionView[]>(await ask('listSessions', {}));
        return listed.length > 0 ? listed : undefined;
      },
      { intervalMs: 100, what: 'a listed session' },
    );
    expect(sessions[0]?.siteName).toBe('Built-in simulated site');
    expect(sessions[0]?.endedAt).toBeNull();
    // Snapshots reach the file at the store's next flush (about once a second).
    const exportedRows = async (): Promise<number> => {
      const csv = ok<{ csv: string }>(
        await ask('sessionExport', { sessionId: sessions[0]?.id, what: 'snapshots' }),
      );
      return csv.csv.trim().split('\n').length - 1;
    };
    await waitFor(async () => (await exportedRows()) > 0, {
      intervalMs: 100,
      what: 'exported snapshot rows',
    });
  });

  it('pushes CAN monitor updates and shows the token masked', async () => {
    // CAN frames are a private push: they come once this client has sent the token (above).
    const frames = await waitFor(
      () => {
        const got = client.pushes.filter((p) => p.push.topic === 'canFrames');
        return got.length > 0 ? got : undefined;
      },
      { what: 'a canFrames push' },
    );
    const last = frames.at(-1)?.push.payload as CanFramesView;
    expect(last.ids.some((r) => r.decoded !== null)).toBe(true);
    const info = ok<TokenInfoView>(await ask('tokenInfo', {}));
    expect(info.canRotate).toBe(true);
    expect(info.masked).not.toContain(host.token);
    expect(info.masked).toBe(`${host.token.slice(0, 4)}…${host.token.slice(-4)}`);
  });
});
