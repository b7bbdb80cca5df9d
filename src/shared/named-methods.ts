import type {
  EmsRequestMethods,
  RequestArgs,
  RequestMethod,
  RequestParams,
  RequestResult,
  RequestWrites,
} from './contract';

/**
 * The contract's method names and write flags without zod. The sandboxed preload cannot
 * load zod, so it cannot import the contract table's values; it uses this list instead. The
 * type makes the compiler refuse a method missing here or a write flag that differs from the
 * table, and named-methods.test.ts holds the two equal at run time too.
 */
export const REQUEST_WRITES: { readonly [M in RequestMethod]: RequestWrites<M> } = {
  getSnapshot: false,
  command: true,
  getHistory: false,
  getFaultLog: false,
  listSessions: false,
  sessionExport: false,
  recordingStatus: false,
  modbusDevices: false,
  registerRead: false,
  registerWrite: true,
  registerWriteLog: false,
  connectionTest: false,
  discoverSunSpec: false,
  profileFromDiscovery: false,
  tokenInfo: false,
  rotateToken: true,
  canRecordStart: false,
  canRecordStop: false,
};

/** True when `method` changes something outside the EMS core: it needs the host's token. */
export function isWriteMethod(method: RequestMethod): boolean {
  return REQUEST_WRITES[method];
}

/**
 * Sends one request by name: what each transport provides. A request without required
 * params may arrive with `params` undefined; main takes that as `{}`.
 */
export type RequestFn = <M extends RequestMethod>(
  method: M,
  params: RequestParams<M> | undefined,
) => Promise<RequestResult<M>>;

/** The request names, from the zod-free table. */
export const REQUEST_NAMES: readonly RequestMethod[] = Object.keys(REQUEST_WRITES).filter(
  (m): m is RequestMethod => Object.hasOwn(REQUEST_WRITES, m),
);

function bind<M extends RequestMethod>(request: RequestFn, method: M) {
  return (...args: RequestArgs<M>): Promise<RequestResult<M>> => request(method, args[0]);
}

/** Checks that an object built key by key really has every named method. */
function hasEveryMethod(api: Record<string, unknown>): api is EmsRequestMethods {
  return REQUEST_NAMES.every((m) => typeof api[m] === 'function');
}

/**
 * EmsApi's named methods over a request function: `api.getHistory({ window })` sends
 * `request('getHistory', { window })`. Built by iterating the table, so a new request needs
 * no line here. (The compiler cannot follow an object built key by key, hence the checking
 * type guard rather than a per-method literal.)
 */
export function namedMethods(request: RequestFn): EmsRequestMethods {
  const api = Object.fromEntries(REQUEST_NAMES.map((m) => [m, bind(request, m)]));
  if (!hasEveryMethod(api)) throw new Error('namedMethods: a request has no method');
  return api;
}
