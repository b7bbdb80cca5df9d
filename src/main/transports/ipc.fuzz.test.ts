import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { IPC_CHANNELS, REQUEST_METHODS } from '../../shared/contract';
import { commandArb } from '../core/core-arbitraries.test-kit';
import { makeRig, type RuntimeRig } from '../runtime/runtime.test-kit';
import type { Reply } from '../../shared/reply';
import { EmsService } from '../service/ems-service';

/**
 * Fuzzing the Electron IPC boundary (electron mocked to its handler registry) over the real
 * service and runtime: whatever the app window invokes, the handler answers with a reply
 * object, never a throw, and a refused payload names the field that was wrong.
 */

const handlers = vi.hoisted(() => new Map<string, (event: unknown, payload: unknown) => unknown>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => {
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpcTransport } = await import('./ipc');

const APP_URL = 'file:///opt/ems/resources/app/out/renderer/index.html';
const METHODS: readonly string[] = REQUEST_METHODS;

/** Structured clone carries more than JSON: dates, maps, typed arrays, null prototypes. */
const payloadArb = fc.oneof(
  fc.record(
    {
      method: fc.oneof(fc.constantFrom(...METHODS), fc.anything()),
      params: fc.oneof(fc.record({ command: commandArb }), fc.jsonValue(), fc.anything()),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.anything({
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
);

let rig: RuntimeRig;
let service: EmsService;
let dispose: () => void;
let contents: EventEmitter & { send: () => void; isDestroyed: () => boolean };

beforeEach(() => {
  rig = makeRig({ gridW: 300 });
  service = new EmsService({ runtime: rig.runtime, clock: rig.clock });
  contents = Object.assign(new EventEmitter(), { send: () => undefined, isDestroyed: () => false });
  dispose = registerIpcTransport({
    service,
    webContents: contents as unknown as WebContents,
    appUrl: APP_URL,
    log: () => undefined,
  });
  rig.runtime.start();
});

afterEach(async () => {
  dispose();
  service.dispose();
  await rig.runtime.safeStop(100);
});

describe('the IPC request handler with arbitrary payloads', () => {
  test('always a reply object; a refused payload names the field', async () => {
    const event = {
      sender: contents,
      senderFrame: { url: APP_URL, parent: null },
    } as unknown as IpcMainInvokeEvent;
    const handler = handlers.get(IPC_CHANNELS.request);
    if (handler === undefined) throw new Error('no IPC handler registered');
    await fc.assert(
      fc.asyncProperty(payloadArb, async (payload) => {
        const reply = (await handler(event, payload)) as Reply;
        expect(typeof reply.ok).toBe('boolean');
        if (reply.ok) return;
        expect(reply.error).not.toMatch(/internal error/);
        // "bad request: method: ..." from the envelope, or the service's "<method>: ...".
        expect(reply.error).toMatch(
          /^(bad request: (\(root\)|[^\s:]+): \S|\w+: \S|\w+ needs the host's token$)/,
        );
      }),
      { numRuns: 500 },
    );
  });
});
