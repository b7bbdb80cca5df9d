import type {
  EmsApi,
  PushTopic,
  PushTypes,
  RequestEnvelope,
  RequestMethod,
  RequestParams,
  RequestResult,
} from '../../../shared/contract';
import { isOpenMethod, isWriteMethod, namedMethods } from '../../../shared/named-methods';
import { createConnectionSignal, type ConnectionSignal } from './connection-signal';
import type { Scheduler } from '../../../shared/clock';
import { BridgeError, RequestTracker } from './request-tracker';
import { parseServerMessage, reconnectDelayMs } from './ws-envelope';

/** What the client needs from a socket; the browser's WebSocket is adapted to it. */
export interface SocketHandlers {
  open(): void;
  close(): void;
  message(data: unknown): void;
}
/** An open-or-opening socket. */
export interface SocketHandle {
  send(data: string): void;
  close(): void;
}
/** Opens a socket to `url` that reports to `handlers`. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

/** Options of the WebSocket client. */
export interface WsClientOptions {
  readonly url: string;
  /** The host's write token (from the served page); commands carry it. */
  readonly token: string | null;
  /**
   * Reads the token again after a reconnect: a restarted host has a new one, and the page
   * that was open should not need a reload before its commands are accepted again.
   */
  readonly refreshToken?: () => Promise<string | null>;
  readonly socket?: SocketFactory;
  /** The page's timers (request timeouts, reconnect delays). */
  readonly scheduler: Scheduler;
  /** Protocol problems (a malformed frame), for diagnostics; never thrown. */
  readonly onProtocolError?: (reason: string) => void;
}

/** The EMS API over a WebSocket, with its connection state. */
export interface WsClient extends EmsApi {
  readonly connection: ConnectionSignal;
  /** The write token this page holds now (from the served page or the last rotation). */
  currentToken(): string | null;
  /** Closes the socket for good (no reconnect). */
  dispose(): void;
}

const READ_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 5_000;
/** A discovery walks a whole model chain and a connection test makes many reads. */
const SLOW_TIMEOUT_MS = 120_000;
const SLOW_METHODS: readonly RequestMethod[] = ['discoverSunSpec', 'connectionTest'];

const browserSocket: SocketFactory = (url, h) => {
  const ws = new WebSocket(url);
  ws.onopen = () => h.open();
  ws.onclose = () => h.close();
  ws.onmessage = (e: MessageEvent) => h.message(e.data);
  return { send: (d) => ws.send(d), close: () => ws.close() };
};

/**
 * Connects to the host's `/ws` and keeps connecting with backoff. Reads made while the
 * socket is down wait for it (bounded by their timeout); a command made while it is down
 * is refused at once, because a manual command sent seconds late would surprise the
 * technician who clicked it.
 */
export function createWsClient(options: WsClientOptions): WsClient {
  const { scheduler } = options;
  const openSocket = options.socket ?? browserSocket;
  const tracker = new RequestTracker(scheduler);
  const connection = createConnectionSignal('connecting');
  const listeners = new Map<PushTopic, Set<(payload: never) => void>>();
  let socket: SocketHandle | null = null;
  let isOpen = false;
  let attempt = 0;
  let disposed = false;
  let outbox: RequestEnvelope[] = [];
  let token = options.token;
  let everOpened = false;

  const dispatch = (data: unknown): void => {
    const msg = parseServerMessage(data);
    if (msg.kind === 'invalid') options.onProtocolError?.(msg.reason);
    else if (msg.kind === 'response') {
      if (!tracker.settle(msg.response) && !msg.response.ok)
        options.onProtocolError?.(msg.response.error);
    } else {
      for (const l of [...(listeners.get(msg.push.topic) ?? [])])
        (l as (p: unknown) => void)(msg.push.payload);
    }
  };

  const connect = (): void => {
    if (disposed) return;
    const handlers: SocketHandlers = {
      open: () => {
        if (socket !== handle) return;
        isOpen = true;
        attempt = 0;
        if (everOpened && options.refreshToken) {
          options
            .refreshToken()
            .then((t) => {
              if (t !== null) token = t;
            })
            .catch((err: unknown) =>
              options.onProtocolError?.(`cannot read the token again: ${String(err)}`),
            );
        }
        everOpened = true;
        connection.set('connected');
        const queued = outbox;
        outbox = [];
        for (const env of queued) if (tracker.has(env.id)) handle.send(JSON.stringify(env));
      },
      close: () => {
        if (socket !== handle) return;
        socket = null;
        isOpen = false;
        outbox = [];
        tracker.failAll(
          new BridgeError('disconnected', 'connection to the EMS lost before the reply'),
        );
        if (disposed) return;
        connection.set(connection.get() === 'connecting' ? 'connecting' : 'reconnecting');
        scheduler.timeout(connect, reconnectDelayMs(attempt++));
      },
      message: (data) => {
        if (socket === handle) dispatch(data);
      },
    };
    let handle: SocketHandle;
    try {
      handle = openSocket(options.url, handlers);
    } catch (err) {
      options.onProtocolError?.(`cannot open ${options.url}: ${String(err)}`);
      scheduler.timeout(connect, reconnectDelayMs(attempt++));
      return;
    }
    socket = handle;
  };

  function request<M extends RequestMethod>(
    method: M,
    params: RequestParams<M> | undefined,
  ): Promise<RequestResult<M>> {
    const isWrite = isWriteMethod(method);
    if (isWrite && !isOpen) {
      const what = method === 'command' ? 'the command' : `the ${method} request`;
      return Promise.reject(
        new BridgeError('disconnected', `not connected to the EMS: ${what} was not sent`),
      );
    }
    const timeout = SLOW_METHODS.includes(method)
      ? SLOW_TIMEOUT_MS
      : isWrite
        ? COMMAND_TIMEOUT_MS
        : READ_TIMEOUT_MS;
    // A token this page holds (one its rotation returned) goes with every request that is
    // not open, and with getAccess: the rotation ended this browser's paired session, so the
    // token is its key now.
    const needsKey = !isOpenMethod(method) || method === 'getAccess';
    const withToken = needsKey ? (token ?? undefined) : undefined;
    const { envelope, result } = tracker.open(method, params ?? {}, timeout, withToken);
    if (isOpen && socket) socket.send(JSON.stringify(envelope));
    else outbox.push(envelope);
    // The host answers with the result of this method's handler (the socket carries no types).
    const typed = result as Promise<RequestResult<M>>;
    // A rotation puts a new token in force at once: this page must use it from now on.
    return method === 'rotateToken'
      ? typed.then((r) => {
          token = (r as RequestResult<'rotateToken'>).token;
          return r;
        })
      : typed;
  }

  connect();
  return {
    connection,
    currentToken: () => token,
    ...namedMethods(request),
    subscribe<T extends PushTopic>(
      topic: T,
      listener: (payload: PushTypes[T]) => void,
    ): () => void {
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    dispose() {
      disposed = true;
      const s = socket;
      socket = null;
      isOpen = false;
      tracker.failAll(new BridgeError('disconnected', 'the page closed its connection'));
      s?.close();
    },
  };
}
