import type { EmsApi, RequestMethod, RequestParams, ResponseTypes } from './contract';

/** Sends one request by name: what every transport that is not the preload provides. */
export type RequestFn = <M extends RequestMethod>(
  method: M,
  params: RequestParams<M>,
) => Promise<ResponseTypes[M]>;

/** EmsApi without subscribe: the methods that are requests. */
export type EmsRequestMethods = Omit<EmsApi, 'subscribe'>;

/**
 * EmsApi's named methods over a generic request function. Each line only maps the method's
 * arguments onto the contract's params object; the `satisfies` keeps this in step with the
 * contract (a new request there is a type error here until it is mapped).
 */
export function namedMethods(request: RequestFn): EmsRequestMethods {
  const api = {
    getSnapshot: () => request('getSnapshot', {}),
    command: (command) => request('command', { command }),
    getHistory: (window) => request('getHistory', { window }),
    getFaultLog: () => request('getFaultLog', {}),
    listSessions: () => request('listSessions', {}),
    sessionExport: (sessionId, what) => request('sessionExport', { sessionId, what }),
    recordingStatus: () => request('recordingStatus', {}),
    modbusDevices: () => request('modbusDevices', {}),
    registerRead: (params) => request('registerRead', params),
    registerWrite: (params) => request('registerWrite', params),
    registerWriteLog: () => request('registerWriteLog', {}),
    connectionTest: (device, reads) =>
      request('connectionTest', reads === undefined ? { device } : { device, reads }),
    discoverSunSpec: (device, bases) =>
      request('discoverSunSpec', bases === undefined ? { device } : { device, bases: [...bases] }),
    profileFromDiscovery: (device, kind) => request('profileFromDiscovery', { device, kind }),
    tokenInfo: () => request('tokenInfo', {}),
    rotateToken: () => request('rotateToken', {}),
    canRecordStart: () => request('canRecordStart', {}),
    canRecordStop: () => request('canRecordStop', {}),
  } satisfies Record<RequestMethod, unknown> & EmsRequestMethods;
  return api;
}
