import {
  REQUEST_METHODS,
  isRequestMethod,
  requestSpecs,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
} from '../../shared/contract';
import { formatZodError } from '../../shared/format-zod-error';
import type { Reply } from '../../shared/reply';
import { describeError } from '../util/describe-error';
import { CommissioningError } from '../commissioning/commissioning-error';
import { RequestRefusal } from './request-refusal';

/** Who is asking: a transport decides whether its client may change anything. */
export interface RequestContext {
  /**
   * True with the host's token, a paired browser session, or the desktop app's own window
   * (IPC); false lets the client make only the table's `open` requests.
   */
  readonly authorised: boolean;
  /** Who sent it, as recorded with commands ("ui", "api", ...); "ui" by default. */
  readonly source?: string;
}

/** Answers one request whose params the contract table's schema has already validated. */
export type RequestHandler<M extends RequestMethod> = (
  params: RequestParams<M>,
  ctx: RequestContext,
) => RequestResult<M> | Promise<RequestResult<M>>;

/**
 * One handler per request of the contract table. A method missing here, or a handler whose
 * params or result differ from the table, is a compile error.
 */
export type RequestHandlers = { readonly [M in RequestMethod]: RequestHandler<M> };

/** The error an unauthorised client gets for a command. */
export const NEEDS_TOKEN = "a command needs the host's token or a paired browser";

/** The error an unauthorised client gets for a request that is not open. */
export const needsToken = (method: string): string =>
  method === 'command' ? NEEDS_TOKEN : `${method} needs the host's token or a paired browser`;

async function answerKnown<M extends RequestMethod>(
  handlers: RequestHandlers,
  method: M,
  params: unknown,
  ctx: RequestContext,
): Promise<Reply> {
  const spec = requestSpecs[method];
  if (spec.access !== 'open' && !ctx.authorised) return { ok: false, error: needsToken(method) };
  // A request with no parameters may leave them out.
  const parsed = spec.params.safeParse(params === undefined ? {} : params);
  if (!parsed.success)
    return { ok: false, error: `${method}: invalid params: ${formatZodError(parsed.error)}` };
  const handler: RequestHandler<M> = handlers[method];
  try {
    return { ok: true, result: await handler(parsed.data, ctx) };
  } catch (err) {
    const error = `${method}: ${describeError(err)}`;
    const kind =
      err instanceof RequestRefusal || err instanceof CommissioningError ? err.kind : undefined;
    return kind ? { ok: false, error, kind } : { ok: false, error };
  }
}

/**
 * Answers one request from any transport: an unknown method, a write from a read-only
 * client, a request that is not open from an unauthorised client, or params the contract table's schema refuses get an error naming the problem,
 * and no handler runs. A handler that throws becomes an error reply with its message.
 * Never rejects.
 */
export function answerRequest(
  handlers: RequestHandlers,
  method: string,
  params: unknown,
  ctx: RequestContext,
): Promise<Reply> {
  if (!isRequestMethod(method))
    return Promise.resolve({
      ok: false,
      error: `unknown method "${method}" (one of ${REQUEST_METHODS.join(', ')})`,
    });
  return answerKnown(handlers, method, params, ctx);
}
