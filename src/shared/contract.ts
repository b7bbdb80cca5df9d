import { z } from 'zod';
import { contractTable } from './contract-table';
import type { EventView, FaultLogView } from './fault-view';
import type { HistorySample } from './history';
import type { EmsSnapshot } from './snapshot';
import type { CanFramesView } from './can-monitor-view';
import type { SunSpecProgressView } from './sunspec-views';
import type { ScanProgressView } from './scan-views';

/**
 * The one contract between the EMS and every client: the renderer over Electron IPC, the
 * renderer in a browser over the WebSocket bridge, and REST. The requests are stated once,
 * in the contract table (contract-table.ts); this module derives what the transports and
 * clients use from it. Requests are validated with the table's schemas at the boundary in
 * main; replies and pushes are typed here.
 */

export { contractTable };

type Table = typeof contractTable;

/** A request name. */
export type RequestMethod = keyof Table;
/** The parameters of a request, as its handler receives them (validated). */
export type RequestParams<M extends RequestMethod> = z.output<Table[M]['params']>;
/** What a request resolves to: the view type its result schema describes. */
export type RequestResult<M extends RequestMethod> = z.output<Table[M]['result']>;
/** Who may call a request (see contract-table.ts). */
export type AccessLevel = 'open' | 'private' | 'write';
/** The access level of a request (the literal of its table entry). */
export type RequestAccess<M extends RequestMethod> = Table[M]['access'];
/** What each request resolves to. */
export type ResponseTypes = { [M in RequestMethod]: RequestResult<M> };

/** One entry of the contract table, as code that handles any method sees it. */
export interface RequestSpec<P, R> {
  readonly params: z.ZodType<P>;
  readonly result: z.ZodType<R>;
  readonly access: AccessLevel;
}

/**
 * The contract table typed per method, so that generic code (`<M extends RequestMethod>`)
 * gets `RequestParams<M>` from `requestSpecs[method].params` without a cast.
 */
export const requestSpecs: {
  readonly [M in RequestMethod]: RequestSpec<RequestParams<M>, RequestResult<M>>;
} = contractTable;

/** True when `method` names a request of the contract. */
export function isRequestMethod(method: string): method is RequestMethod {
  return Object.hasOwn(contractTable, method);
}

/** Every request name, in table order. */
export const REQUEST_METHODS: readonly RequestMethod[] =
  Object.keys(contractTable).filter(isRequestMethod);

/** The arguments of a named method: a request without required params may be called bare. */
export type RequestArgs<M extends RequestMethod> =
  Record<string, never> extends RequestParams<M>
    ? [params?: RequestParams<M>]
    : [params: RequestParams<M>];

/** The requests as named methods: `api.getHistory({ window: '1h' })`. */
export type EmsRequestMethods = {
  readonly [M in RequestMethod]: (...args: RequestArgs<M>) => Promise<RequestResult<M>>;
};

/** Messages main pushes without being asked. */
export interface PushTypes {
  /** At most 10 per second. */
  snapshot: EmsSnapshot;
  event: EventView;
  /** One per second: the newest trend sample. */
  history: HistorySample;
  /** The fault log changed (an entry was added). */
  faultLog: readonly FaultLogView[];
  /** CAN monitor: per-id activity on the BMS bus, at most 10 per second, only when frames came. */
  canFrames: CanFramesView;
  /** Each step of a running SunSpec discovery. */
  discoveryProgress: SunSpecProgressView;
  /** A running device scan: counts, and each unit as it is found (issue 12). */
  scanProgress: ScanProgressView;
}
/** A push topic. */
export type PushTopic = keyof PushTypes;
export const PUSH_TOPICS = [
  'snapshot',
  'event',
  'history',
  'faultLog',
  'canFrames',
  'discoveryProgress',
  'scanProgress',
] as const satisfies readonly PushTopic[];

/**
 * Who may receive each push, as the contract table says for requests: `open` pushes go to
 * every client; `private` ones (bus traffic, device addresses and identities) only to a
 * client with the token or a paired session, like the requests that start them.
 */
export const PUSH_ACCESS: { readonly [T in PushTopic]: 'open' | 'private' } = {
  snapshot: 'open',
  event: 'open',
  history: 'open',
  faultLog: 'open',
  canFrames: 'private',
  discoveryProgress: 'private',
  scanProgress: 'private',
};

/** The most snapshots per second any client is sent. */
export const MAX_SNAPSHOTS_PER_SECOND = 10;

/**
 * The API the renderer sees, whichever transport carries it: one named method per request
 * of the contract table, and subscriptions to pushes. The preload object and the WebSocket
 * client both build it with `namedMethods`, so the renderer's view cannot drift.
 */
export interface EmsApi extends EmsRequestMethods {
  /** Subscribes to a push topic; returns the unsubscribe function. */
  subscribe<T extends PushTopic>(topic: T, listener: (payload: PushTypes[T]) => void): () => void;
}

/** Electron IPC channel names: one invoke channel for requests, one for pushes. */
export const IPC_CHANNELS = {
  request: 'ems:request',
  push: 'ems:push',
} as const;

/** The envelope of a request on any transport. */
export const requestEnvelopeSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.enum(REQUEST_METHODS),
  params: z.unknown(),
  /** The host's token, for a client without a paired session (private reads and writes). */
  token: z.string().max(256).optional(),
});
/** A request envelope. */
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

export type { Reply, ResponseEnvelope } from './reply';

/** A push on any transport. */
export interface PushEnvelope<T extends PushTopic = PushTopic> {
  readonly topic: T;
  readonly payload: PushTypes[T];
}

/** REST path that replaces the host's write token (POST, with the current token as bearer). */
export const TOKEN_ROTATE_PATH = '/api/token/rotate';
