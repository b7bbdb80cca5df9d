import type {
  EmsApi,
  IPC_CHANNELS,
  PushEnvelope,
  PushTopic,
  RequestMethod,
  RequestParams,
  RequestResult,
} from '../shared/contract';
// Types only and a zod-free method table: safe to bundle into the sandboxed preload.
import { namedMethods } from '../shared/named-methods';
import type { Reply } from '../shared/reply';

/**
 * The contract's channel names. Restated rather than imported because importing the
 * contract's values would pull zod into the preload, which the sandbox cannot load;
 * `satisfies` makes the compiler refuse any drift from the contract.
 */
const CHANNELS = {
  request: 'ems:request',
  push: 'ems:push',
} as const satisfies typeof IPC_CHANNELS;

/** The part of Electron's ipcRenderer the API uses; never handed to the page itself. */
export interface PreloadIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

function isReply(x: unknown): x is Reply {
  return typeof x === 'object' && x !== null && 'ok' in x;
}

function isPush(x: unknown): x is PushEnvelope {
  return typeof x === 'object' && x !== null && 'topic' in x && typeof x.topic === 'string';
}

/**
 * The renderer's API over IPC: one named method per request of the contract, and
 * subscriptions to pushes. A request main refuses rejects with main's message.
 */
export function createEmsApi(ipc: PreloadIpc): EmsApi {
  async function request<M extends RequestMethod>(
    method: M,
    params: RequestParams<M> | undefined,
  ): Promise<RequestResult<M>> {
    const reply = await ipc.invoke(CHANNELS.request, { method, params: params ?? {} });
    if (!isReply(reply)) throw new Error(`${method}: main sent no reply`);
    if (!reply.ok) throw new Error(reply.error);
    // Main built the result from the contract's handler for this method (IPC carries no types).
    return reply.result as RequestResult<M>;
  }

  // One IPC listener for every subscription, attached while anyone listens.
  const listeners = new Map<PushTopic, Set<(payload: unknown) => void>>();
  let count = 0;
  const onPush = (_event: unknown, push: unknown): void => {
    if (!isPush(push)) return;
    for (const l of listeners.get(push.topic) ?? []) l(push.payload);
  };

  return {
    ...namedMethods(request),
    subscribe(topic, listener) {
      const wrapped = (payload: unknown): void =>
        listener(payload as Parameters<typeof listener>[0]);
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      set.add(wrapped);
      if (count++ === 0) ipc.on(CHANNELS.push, onPush);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(wrapped);
        if (--count === 0) ipc.removeListener(CHANNELS.push, onPush);
      };
    },
  } satisfies EmsApi;
}
