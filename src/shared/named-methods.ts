import type {
  EmsRequestMethods,
  RequestArgs,
  RequestMethod,
  RequestParams,
  RequestResult,
  RequestAccess,
} from './contract';

/**
 * The contract's method names and access levels without zod. The sandboxed preload cannot
 * load zod, so it cannot import the contract table's values; it uses this list instead. The
 * type makes the compiler refuse a method missing here or a level that differs from the
 * table, and named-methods.test.ts holds the two equal at run time too.
 */
export const REQUEST_ACCESS: { readonly [M in RequestMethod]: RequestAccess<M> } = {
  getSnapshot: 'open',
  command: 'write',
  getHistory: 'open',
  getFaultLog: 'open',
  getAccess: 'open',
  pairingCode: 'write',
  listSessions: 'private',
  sessionExport: 'private',
  recordingStatus: 'private',
  modbusDevices: 'private',
  registerRead: 'private',
  registerWrite: 'write',
  registerWriteLog: 'private',
  connectionTest: 'private',
  discoverSunSpec: 'private',
  profileFromDiscovery: 'private',
  tokenInfo: 'private',
  rotateToken: 'write',
  canRecordStart: 'private',
  canRecordStop: 'private',
  // Issue 10 (security)
  getServerIdentity: 'open',
  // Managed sites.
  listSites: 'private',
  getSite: 'private',
  createSite: 'write',
  updateSite: 'write',
  duplicateSite: 'write',
  importSite: 'write',
  exportSite: 'private',
  deleteSite: 'write',
  activateSite: 'write',
  // Find the devices (issue 12).
  startScan: 'private',
  getScan: 'private',
  cancelScan: 'private',
  listLocalPorts: 'private',
  // Build the site (issue 12).
  listProfiles: 'private',
  tryDevice: 'private',
  // Commissioning checks and report (issue 12).
  runCheck: 'write',
  listChecks: 'private',
  cancelCheck: 'write',
  commissioningStatus: 'private',
  applyMeterSignFix: 'write',
  setReportMeta: 'write',
  getReportMeta: 'private',
  getReport: 'private',
  saveReportPdf: 'write',
  // Trends and events from the session store (issue 13).
  getRecentEvents: 'open',
  sessionHistory: 'private',
};

/** True when `method` changes something: it needs the host's token or a paired session. */
export function isWriteMethod(method: RequestMethod): boolean {
  return REQUEST_ACCESS[method] === 'write';
}

/** True when anyone may call `method`; the others need the token or a paired session. */
export function isOpenMethod(method: RequestMethod): boolean {
  return REQUEST_ACCESS[method] === 'open';
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
export const REQUEST_NAMES: readonly RequestMethod[] = Object.keys(REQUEST_ACCESS).filter(
  (m): m is RequestMethod => Object.hasOwn(REQUEST_ACCESS, m),
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
