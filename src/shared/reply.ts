/**
 * The reply to a request, on every transport: a result, or an error that says what was
 * wrong. The service answers with it; IPC sends it as is; the WebSocket adds the request's
 * id (see ResponseEnvelope). Zod-free, so the sandboxed preload can use it.
 */
export type Reply<T = unknown> =
  | { readonly ok: true; readonly result: T }
  | { readonly ok: false; readonly error: string; readonly code?: ReplyErrorCode };

/**
 * Why a request was refused, for a transport to act on without reading the message: REST
 * answers `conflict` with 409 (the request is valid, but not now: e.g. a scan outside STOP)
 * and `notFound` with 404 (it names something that does not exist).
 */
export type ReplyErrorCode = 'conflict' | 'notFound';

/** A reply as a message transport sends it: with the request's id (null when unreadable). */
export type ResponseEnvelope =
  | (Extract<Reply, { ok: true }> & { readonly id: number })
  | (Extract<Reply, { ok: false }> & { readonly id: number | null });
