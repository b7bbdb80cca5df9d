import type { FastifyReply, FastifyRequest } from 'fastify';

/** An onRequest hook that lets a request through or fails it with an HttpError. */
export type ApiGuard = (
  req: FastifyRequest,
  reply: FastifyReply,
  done: (err?: Error) => void,
) => void;

/**
 * The guards of the routes that need the token or a paired session: GETs use `read`,
 * everything else `write`; each has its own rate budget (register-api.ts builds them).
 */
export interface ApiGuards {
  readonly read: ApiGuard;
  readonly write: ApiGuard;
}
