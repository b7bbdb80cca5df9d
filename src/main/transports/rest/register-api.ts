import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CommandResult } from '../../../shared/commands';
import { contractTable, requestSpecs, TOKEN_ROTATE_PATH } from '../../../shared/contract';
import { setExternalSetpointCommandSchema } from '../../../shared/commands';
import type { EmsService } from '../../service/ems-service';
import {
  commandRoutes,
  DEFAULT_SOURCE,
  readRoutes,
  SOURCE_HEADER,
  type CommandRoute,
  type ReadRoute,
} from './api-routes';
import { authProblem, type TokenCheck } from './bearer-auth';
import { rejectionMessage, rejectionStatus } from './command-status';
import type { Pairing } from '../pairing/pairing';
import { sessionIdFrom } from '../pairing/session-cookie';
import type { RateLimiter } from './rate-limiter';
import { describeInputError, HttpError } from './rest-errors';
import type { ApiGuard, ApiGuards } from './api-guards';
import { registerSiteApi } from './site-api';
import { registerScanRoutes } from './scan-routes';
import { registerCommissioningRoutes } from './commissioning-routes';

/** What the API needs of the token store. */
export interface ApiTokens extends TokenCheck {
  /** The file holding the token; null when it comes from EMS_API_TOKEN. */
  readonly path: string | null;
  rotate(): Promise<string>;
}

/** Options of {@link registerRestApi}. */
export interface RestApiOptions {
  readonly service: Pick<EmsService, 'handle'>;
  readonly tokens: ApiTokens;
  readonly writeLimiter: RateLimiter;
  /** The budget of guarded reads (GETs that need the token), apart from the writes'. */
  readonly readLimiter: RateLimiter;
  /** Paired browsers: their session cookie counts as the token. None: bearer token only. */
  readonly pairing?: Pairing | null;
  readonly log: (line: string) => void;
}

const WRITE = { authorised: true, source: 'api' } as const;
const sourceSchema = setExternalSetpointCommandSchema.shape.source;

/**
 * Rate limit first (so nobody can try tokens quickly), then the session cookie or the token.
 * `what` names the budget in the 429 message.
 */
function accessGuard(limiter: RateLimiter, what: string, opts: RestApiOptions): ApiGuard {
  return (req, _reply, done) => {
    const rate = limiter.take(req.ip);
    if (!rate.ok) {
      done(
        new HttpError(429, `too many ${what}: at most ${limiter.ratePerS} per second per client`, {
          'Retry-After': String(rate.retryAfterS),
        }),
      );
      return;
    }
    // A paired browser's cookie authorises like the token; anything else needs the bearer.
    if (opts.pairing?.isSession(sessionIdFrom(req.headers.cookie)) === true) return done();
    done(authProblem(req.headers.authorization, opts.tokens) ?? undefined);
  };
}

/** The write guard: the write budget, then the session cookie or the token. */
export function writeGuard(opts: RestApiOptions): ApiGuard {
  return accessGuard(opts.writeLimiter, 'writes', opts);
}

function readHandler(route: ReadRoute, opts: RestApiOptions) {
  return async (req: FastifyRequest): Promise<unknown> => {
    const query = requestSpecs[route.request].params.safeParse(req.query ?? {});
    if (!query.success) throw new HttpError(400, describeInputError(query.error));
    const answer = await opts.service.handle(route.request, query.data, { authorised: false });
    if (!answer.ok) throw new HttpError(400, answer.error);
    return answer.result;
  };
}

/** The parsed body; no body at all counts as `{}` (a JSON `null` does not: it is refused). */
function bodyOf(req: FastifyRequest): unknown {
  return req.body === undefined ? {} : req.body;
}

function sourceOf(req: FastifyRequest): string {
  const header = req.headers[SOURCE_HEADER];
  if (header === undefined) return DEFAULT_SOURCE;
  const parsed = sourceSchema.safeParse(header);
  if (!parsed.success || parsed.data === undefined || parsed.data === '')
    throw new HttpError(400, `${SOURCE_HEADER}: must be one header of 1 to 64 characters`);
  return parsed.data;
}

function commandHandler(route: CommandRoute, opts: RestApiOptions) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const body = route.body.safeParse(bodyOf(req));
    if (!body.success) throw new HttpError(400, describeInputError(body.error));
    const command = {
      type: route.command,
      ...body.data,
      ...(route.withSource === true ? { source: sourceOf(req) } : {}),
    };
    const answer = await opts.service.handle('command', { command }, WRITE);
    if (!answer.ok) throw new HttpError(400, answer.error);
    const result = answer.result as CommandResult;
    if (!result.ok)
      throw new HttpError(rejectionStatus(result.reason).status, rejectionMessage(result.reason));
    void reply.code(result.pending === undefined ? 200 : 202);
    return result;
  };
}

function rotateHandler(opts: RestApiOptions) {
  return async (req: FastifyRequest): Promise<unknown> => {
    const body = contractTable.rotateToken.params.safeParse(bodyOf(req));
    if (!body.success) throw new HttpError(400, describeInputError(body.error));
    const { path } = opts.tokens;
    if (path === null)
      throw new HttpError(
        409,
        'the token is set by EMS_API_TOKEN: change the variable and restart to replace it',
      );
    try {
      const token = await opts.tokens.rotate();
      opts.log(`API token rotated by ${req.ip}; the old token no longer works`);
      return { token, tokenFile: path };
    } catch (err) {
      opts.log(`API token rotation failed: ${(err as Error).message}`);
      throw new HttpError(500, `token: could not write ${path}; the old token stays in force`);
    }
  };
}

/** Answers a known path asked with the wrong method. */
function wrongMethod(allow: string) {
  return (): never => {
    throw new HttpError(405, `method not allowed: use ${allow}`, { Allow: allow });
  };
}

/**
 * Adds the REST API to `app`: GET routes answered by the contract's reads, POST routes that
 * send the contract's commands (rate-limited, bearer token), and the token rotation. Every
 * route goes through EmsService.handle, the same path as IPC and the WebSocket.
 */
export function registerRestApi(app: FastifyInstance, opts: RestApiOptions): void {
  const guard = writeGuard(opts);
  const guards: ApiGuards = { read: accessGuard(opts.readLimiter, 'reads', opts), write: guard };
  for (const route of readRoutes) {
    app.get(route.url, readHandler(route, opts));
    app.post(route.url, wrongMethod('GET'));
  }
  for (const route of commandRoutes) {
    app.post(route.url, { onRequest: guard }, commandHandler(route, opts));
    app.get(route.url, wrongMethod('POST'));
  }
  app.post(TOKEN_ROTATE_PATH, { onRequest: guard }, rotateHandler(opts));
  app.get(TOKEN_ROTATE_PATH, wrongMethod('POST'));
  // Managed sites: every route behind the guard (they read and write the config folder).
  registerSiteApi(app, opts.service, guards);
  // Find the devices (issue 12).
  registerScanRoutes(app, opts, guards);
  // Commissioning checks and report (issue 12).
  registerCommissioningRoutes(app, opts.service, guards);
}
