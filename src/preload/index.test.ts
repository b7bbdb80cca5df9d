import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import {
  IPC_CHANNELS,
  REQUEST_METHODS,
  requestSpecs,
  type EmsApi,
  type PushEnvelope,
  type RequestMethod,
} from '../shared/contract';

/**
 * The preload with Electron mocked: contextBridge records what is exposed, ipcRenderer is an
 * emitter whose invoke answers the way main's transport does (a reply object).
 */
type FakeIpc = EventEmitter & { invoke(channel: string, payload: unknown): Promise<unknown> };
const electron = vi.hoisted(() => {
  const state: {
    exposed: Map<string, unknown>;
    invoked: { channel: string; payload: unknown }[];
    reply: unknown;
    ipc: FakeIpc | null;
  } = { exposed: new Map(), invoked: [], reply: null, ipc: null };
  return state;
});

function ipc(): FakeIpc {
  if (!electron.ipc) throw new Error('electron mock not loaded');
  return electron.ipc;
}

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipc = Object.assign(new Emitter(), {
    invoke: (channel: string, payload: unknown) => {
      electron.invoked.push({ channel, payload });
      return Promise.resolve(electron.reply);
    },
  });
  electron.ipc = ipc;
  return {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
    },
    ipcRenderer: ipc,
  };
});

await import('./index');
const api = electron.exposed.get('ems') as EmsApi;

function push(p: PushEnvelope): void {
  ipc().emit(IPC_CHANNELS.push, {}, p);
}

beforeEach(() => {
  electron.invoked.length = 0;
  electron.reply = { ok: true, result: 'r' };
});

describe('window.ems', () => {
  test('exposes exactly the named methods of the contract, nothing of ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['ems']);
    // One method per request of the contract (the command request is `command`), plus subscribe.
    expect(Object.keys(api).sort()).toEqual([...REQUEST_METHODS, 'subscribe'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(ipc());
  });

  test('each method invokes the request channel with its method and params', async () => {
    await api.getSnapshot();
    await api.command({ command: { type: 'setGridTarget', watts: 50 } });
    await api.getHistory({ window: '1h' });
    await api.getFaultLog();
    expect(electron.invoked).toEqual([
      { channel: IPC_CHANNELS.request, payload: { method: 'getSnapshot', params: {} } },
      {
        channel: IPC_CHANNELS.request,
        payload: { method: 'command', params: { command: { type: 'setGridTarget', watts: 50 } } },
      },
      {
        channel: IPC_CHANNELS.request,
        payload: { method: 'getHistory', params: { window: '1h' } },
      },
      { channel: IPC_CHANNELS.request, payload: { method: 'getFaultLog', params: {} } },
    ]);
  });

  test('the commissioning methods send params that pass the contract schema', async () => {
    const calls: [RequestMethod, () => Promise<unknown>][] = [
      ['listSessions', () => api.listSessions()],
      ['sessionExport', () => api.sessionExport({ sessionId: 3, what: 'events' })],
      ['recordingStatus', () => api.recordingStatus()],
      ['modbusDevices', () => api.modbusDevices()],
      [
        'registerRead',
        () => api.registerRead({ device: 'inverter', kind: 'input', address: 40000, count: 2 }),
      ],
      [
        'registerWrite',
        () => api.registerWrite({ device: 'meter', address: 7, values: [1], confirmed: true }),
      ],
      ['registerWriteLog', () => api.registerWriteLog()],
      ['connectionTest', () => api.connectionTest({ device: 'meter', reads: 5 })],
      ['discoverSunSpec', () => api.discoverSunSpec({ device: 'inverter', bases: [40000] })],
      [
        'profileFromDiscovery',
        () => api.profileFromDiscovery({ device: 'inverter', kind: 'inverter' }),
      ],
      ['tokenInfo', () => api.tokenInfo()],
      ['rotateToken', () => api.rotateToken()],
      ['canRecordStart', () => api.canRecordStart()],
      ['canRecordStop', () => api.canRecordStop()],
    ];
    for (const [, call] of calls) await call();
    expect(electron.invoked.map((i) => (i.payload as { method: string }).method)).toEqual(
      calls.map(([m]) => m),
    );
    for (const { payload } of electron.invoked) {
      const { method, params } = payload as { method: RequestMethod; params: unknown };
      expect(requestSpecs[method].params.safeParse(params).success, method).toBe(true);
    }
    expect(electron.invoked[1]?.payload).toEqual({
      method: 'sessionExport',
      params: { sessionId: 3, what: 'events' },
    });
  });

  test("resolves with main's result, rejects with main's error message", async () => {
    electron.reply = { ok: true, result: { ok: false, reason: 'stopped: start first' } };
    await expect(api.command({ command: { type: 'setMode', mode: 'IDLE' } })).resolves.toEqual({
      ok: false,
      reason: 'stopped: start first',
    });
    electron.reply = { ok: false, error: 'command: invalid params: command.watts: too small' };
    await expect(api.command({ command: { type: 'setOverridePower', watts: -1 } })).rejects.toThrow(
      'command: invalid params: command.watts: too small',
    );
    electron.reply = undefined;
    await expect(api.getSnapshot()).rejects.toThrow(/no reply/);
  });

  test('subscribe gets only its topic, and unsubscribing detaches the IPC listener', () => {
    const snaps: unknown[] = [];
    const events: unknown[] = [];
    const offSnap = api.subscribe('snapshot', (s) => snaps.push(s));
    const offEvent = api.subscribe('event', (e) => events.push(e));
    expect(ipc().listenerCount(IPC_CHANNELS.push)).toBe(1);

    push({ topic: 'event', payload: { time: 't', kind: 'state', message: 'm' } });
    push({
      topic: 'history',
      payload: { t: 1, gridW: 1, inverterW: 1, soc: 1, setpointW: 1, pvW: null, loadW: null },
    });
    ipc().emit(IPC_CHANNELS.push, {}, 'garbage');
    expect(snaps).toEqual([]);
    expect(events).toEqual([{ time: 't', kind: 'state', message: 'm' }]);

    offSnap();
    offSnap();
    expect(ipc().listenerCount(IPC_CHANNELS.push)).toBe(1);
    offEvent();
    expect(ipc().listenerCount(IPC_CHANNELS.push)).toBe(0);
    push({ topic: 'event', payload: { time: 't', kind: 'state', message: 'late' } });
    expect(events).toHaveLength(1);
  });
});
