/**
 * The reply to a request, on every transport: a result, or an error that says what was
 * wrong. The service answers with it; IPC sends it as is; the WebSocket adds the request's
 * id (see ResponseEnvelope). Zod-free, so the sandboxed preload can use it.
 */
export type Reply<T = unknown> =
  | { readonly ok: true; readonly result: T }
  | { readonly ok: false; readonly error: string; readonly kind?: ReplyErrorKind };

/**
 * What kind of refusal an error is, when it is more than bad input: `not-found` (the named
 * thing does not exist; REST 404) or `conflict` (fine, but not now; REST 409).
 */
export type ReplyErrorKind = 'not-found' | 'conflict';

/** A reply as a message transport sends it: with the request's id (null when unreadable). */
export type ResponseEnvelope =
  | (Extract<Reply, { ok: true }> & { readonly id: number })
  | (Extract<Reply, { ok: false }> & { readonly id: number | null });
