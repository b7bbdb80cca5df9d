import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { IPC_CHANNELS, type PushEnvelope } from '../../shared/contract';
import type { EmsSnapshot } from '../../shared/snapshot';
import { makeRig, type RuntimeRig } from '../runtime/runtime.test-kit';
import type { Reply } from '../../shared/reply';
import { EmsService } from '../service/ems-service';
import { Pairing } from './pairing/pairing';

/** Electron's ipcMain, reduced to the handler registry the transport uses. */
const handlers = vi.hoisted(() => new Map<string, (event: unknown, payload: unknown) => unknown>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpcTransport } = await import('./ipc');

const APP_URL = 'file:///opt/ems/resources/app/out/renderer/index.html';

/** A window's contents: records what main sends to it. */
class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; push: PushEnvelope }[] = [];
  destroyed = false;
  send(channel: string, push: PushEnvelope): void {
    this.sent.push({ channel, push });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

let rig: RuntimeRig;
let service: EmsService;
let contents: FakeWebContents;
let logs: string[];
let dispose: () => void;

function eventFrom(
  url: string,
  opts: { sender?: object; parent?: object | null } = {},
): IpcMainInvokeEvent {
  return {
    sender: opts.sender ?? contents,
    senderFrame: { url, parent: opts.parent ?? null },
  } as unknown as IpcMainInvokeEvent;
}

async function invoke(event: IpcMainInvokeEvent, payload: unknown): Promise<Reply> {
  const fn = handlers.get(IPC_CHANNELS.request);
  if (!fn) throw new Error('no handler registered');
  return (await fn(event, payload)) as Reply;
}

beforeEach(() => {
  rig = makeRig({ gridW: 300 });
  service = new EmsService({ runtime: rig.runtime, clock: rig.clock });
  contents = new FakeWebContents();
  logs = [];
  dispose = registerIpcTransport({
    service,
    webContents: contents as unknown as WebContents,
    appUrl: APP_URL,
    log: (l) => logs.push(l),
  });
  rig.runtime.start();
});

afterEach(async () => {
  dispose();
  service.dispose();
  await rig.runtime.safeStop(100);
});

describe('requests', () => {
  test("the app's page reads and commands through the service", async () => {
    const read = await invoke(eventFrom(APP_URL), { method: 'getSnapshot', params: {} });
    expect(read.ok && (read.result as EmsSnapshot).state).toBe('STOP');
    const start = await invoke(eventFrom(`${APP_URL}#faults`), {
      method: 'command',
      params: { command: { type: 'start' } },
    });
    expect(start).toEqual({ ok: true, result: { ok: true } });
    expect(rig.runtime.snapshot().state).toBe('STANDBY');
  });

  test('the desktop window needs no pairing: it is authorised for every request', async () => {
    const app = eventFrom(APP_URL);
    expect(await invoke(app, { method: 'getAccess', params: {} })).toEqual({
      ok: true,
      result: { authorised: true },
    });
    // Requests that are not open answer (or fail for what this host lacks), never for credentials.
    for (const method of ['tokenInfo', 'registerWriteLog', 'listSessions', 'pairingCode']) {
      const r = await invoke(app, { method, params: {} });
      if (!r.ok) expect(r.error, method).not.toMatch(/token or a paired browser/);
    }
    expect(await invoke(app, { method: 'tokenInfo', params: {} })).toMatchObject({ ok: true });
  });

  test('the window shows a pairing code that pairs a browser, and the certificate fingerprint', async () => {
    const pairing = new Pairing({ now: () => rig.clock.now(), currentToken: () => 'a'.repeat(64) });
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    service.useTokens({
      path: null,
      current: () => 'a'.repeat(64),
      rotate: () => Promise.reject(new Error('not here')),
      issuePairingCode: () => pairing.issueCode(),
      tlsFingerprint256: fingerprint,
    });
    const app = eventFrom(APP_URL);
    const shown = await invoke(app, { method: 'pairingCode', params: {} });
    expect(shown).toMatchObject({ ok: true, result: { expiresInS: 600 } });
    const code = shown.ok ? (shown.result as { code: string }).code : '';
    expect(pairing.pair('192.0.2.7', code)).toMatchObject({ ok: true });
    expect(await invoke(app, { method: 'getServerIdentity', params: {} })).toEqual({
      ok: true,
      result: { tlsFingerprint256: fingerprint },
    });
  });

  test.each([
    ['another page', () => eventFrom('https://evil.example/'), /not the app/],
    ['another local file', () => eventFrom('file:///tmp/dropped.html'), /not the app/],
    ['a sub-frame', () => eventFrom(APP_URL, { parent: {} }), /sub-frame/],
    [
      'another window',
      () => eventFrom(APP_URL, { sender: new FakeWebContents() }),
      /another window/,
    ],
  ])('%s is refused and nothing changes', async (_name, event, reason) => {
    // The event is built inside the test: `contents` is new for every test.
    const r = await invoke(event(), { method: 'command', params: { command: { type: 'start' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
    expect(rig.runtime.snapshot().state).toBe('STOP');
    expect(logs).toHaveLength(1);
  });

  test('a frame that is gone is refused', async () => {
    const event = { sender: contents, senderFrame: null } as unknown as IpcMainInvokeEvent;
    expect(await invoke(event, { method: 'getSnapshot', params: {} })).toMatchObject({ ok: false });
  });

  test.each([
    [null, '(root)'],
    [{ method: 'getSnapshot' }, 'params'],
    [{ method: 'shutdown', params: {} }, 'method'],
    [{ method: 'getSnapshot', params: {}, id: 1 }, 'id'],
    [
      { method: 'command', params: { command: { type: 'setGridTarget', watts: 'x' } } },
      'command.watts',
    ],
  ])('bad payload %j gets an error naming %s', async (payload, field) => {
    const r = await invoke(eventFrom(APP_URL), payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(field);
    expect(rig.runtime.coreState().gridTargetW).toBe(0);
  });
});

describe('pushes', () => {
  test('reach the window on the push channel, and stop when the window is destroyed', async () => {
    await rig.clock.runFor(2000);
    expect(contents.sent.length).toBeGreaterThan(0);
    expect(contents.sent.every((s) => s.channel === IPC_CHANNELS.push)).toBe(true);
    expect(contents.sent.some((s) => s.push.topic === 'snapshot')).toBe(true);
    expect(contents.sent.some((s) => s.push.topic === 'history')).toBe(true);

    contents.destroyed = true;
    contents.emit('destroyed');
    const count = contents.sent.length;
    await rig.clock.runFor(2000);
    expect(contents.sent.length).toBe(count);
    expect(handlers.has(IPC_CHANNELS.request)).toBe(false);
  });
});
