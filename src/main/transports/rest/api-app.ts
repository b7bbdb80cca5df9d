import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { EmsService } from '../../service/ems-service';
import { DEFAULT_LISTEN, httpPolicy, type HttpPolicy } from './http-policy';
import { buildOpenApiDocument, OPENAPI_PATH } from './openapi';
import { acceptEmptyJsonBodies } from './empty-json-body';
import {
  DEFAULT_READ_BURST,
  DEFAULT_READ_RATE_PER_S,
  DEFAULT_WRITE_BURST,
  DEFAULT_WRITE_RATE_PER_S,
  RateLimiter,
} from './rate-limiter';
import type { Pairing } from '../pairing/pairing';
import { registerPairRoute } from './pair-route';
import { registerRestApi, type ApiTokens } from './register-api';
import { frameworkError, HttpError } from './rest-errors';

/** Largest request body the API reads, bytes. */
export const API_BODY_LIMIT = 16 * 1024;
/** Version of the API in the OpenAPI document. */
export const API_VERSION = '1.0.0';

/** Routes a host adds to the server (the headless host's UI). */
export type ServerExtension = (app: FastifyInstance, ctx: { readonly port: () => number }) => void;

/** Options of {@link buildApiApp}. */
export interface ApiAppOptions {
  readonly service: Pick<EmsService, 'handle'>;
  readonly tokens: ApiTokens;
  /** Default 127.0.0.1; any other address is the caller's explicit choice. */
  readonly listen?: string;
  /** The port the server is (or will be) bound to, for the Host and Origin checks. */
  readonly port: () => number;
  /** Browser origins allowed by CORS; none by default (no CORS headers at all). */
  readonly corsOrigins?: readonly string[];
  readonly writeRate?: { readonly ratePerS: number; readonly burst: number };
  readonly bodyLimit?: number;
  /** Monotonic ms for the rate limiter; performance.now by default. */
  readonly now?: () => number;
  readonly extend?: ServerExtension;
  /** Browser pairing (POST /api/pair, session cookies); none: the bearer token only. */
  readonly pairing?: Pairing | null;
  /** Serve HTTPS (and wss) with this key and certificate (PEM); plain HTTP without it. */
  readonly tls?: { readonly key: string; readonly cert: string };
  readonly log: (line: string) => void;
}

/** The Fastify app (not listening yet) and the Host/Origin rules it applies. */
export interface ApiApp {
  readonly app: FastifyInstance;
  readonly policy: HttpPolicy;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};
const API_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};
const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, X-Ems-Source';

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith(OPENAPI_PATH);
}

/** Host/Origin checks, security headers and CORS on every request (UI, API and errors). */
function addGuards(app: FastifyInstance, policy: HttpPolicy): void {
  app.addHook('onRequest', (req, reply, done) => {
    // Set on the raw response so hijacked (static UI) answers carry them too.
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.raw.setHeader(k, v);
    if (isApiPath(req.url)) for (const [k, v] of Object.entries(API_HEADERS)) reply.header(k, v);
    const { host, origin } = req.headers;
    if (!policy.hostAllowed(host))
      return done(new HttpError(403, `host: ${host ?? '(none)'} not allowed`));
    if (!policy.originAllowed(origin, host))
      return done(new HttpError(403, `origin: ${origin ?? '(none)'} not allowed`));
    const cors = policy.corsOrigin(origin);
    if (cors !== null && isApiPath(req.url)) {
      reply.header('Access-Control-Allow-Origin', cors).header('Vary', 'Origin');
    }
    done();
  });
}

function addCorsPreflight(app: FastifyInstance, policy: HttpPolicy): void {
  app.options('/api/*', (req, reply) => {
    if (policy.corsOrigin(req.headers.origin) === null)
      throw new HttpError(403, 'origin: not allowed');
    void reply
      .code(204)
      .header('Access-Control-Allow-Methods', 'GET, POST')
      .header('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS)
      .header('Access-Control-Max-Age', '600')
      .send();
  });
}

/**
 * Builds the HTTP app: Host/Origin guards and security headers on every request, the REST
 * API with its error mapping, /openapi.json, CORS only when origins are configured, and
 * whatever `extend` adds. Listening (and the WebSocket) is the caller's: startApiServer.
 */
export function buildApiApp(opts: ApiAppOptions): ApiApp {
  const bodyLimit = opts.bodyLimit ?? API_BODY_LIMIT;
  const listen = opts.listen ?? DEFAULT_LISTEN;
  const { tls } = opts;
  const secure = tls !== undefined;
  const policy = httpPolicy({ listen, port: opts.port, corsOrigins: opts.corsOrigins, secure });
  const app = Fastify({
    logger: false,
    // One factory for both, so the app keeps one server type; the WebSocket rides on it (wss).
    serverFactory: (handler) =>
      tls === undefined
        ? createHttpServer(handler)
        : createHttpsServer({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' }, handler),
    bodyLimit,
    forceCloseConnections: true,
    requestTimeout: 15_000,
    frameworkErrors: (err, _req, raw) => {
      // Fastify types this reply per route; here it is any route, so the plain reply type.
      const reply = raw as unknown as FastifyReply;
      const e = frameworkError(err, bodyLimit);
      void reply.code(e.statusCode).send({ error: e.message });
    },
  });
  // JSON only: a text/plain POST (what a hostile page can send without a preflight) is a 415.
  app.removeContentTypeParser('text/plain');
  acceptEmptyJsonBodies(app);
  app.setErrorHandler((err, req, reply) => {
    const e =
      err instanceof HttpError ? err : frameworkError(err as Error & { code?: string }, bodyLimit);
    if (e.statusCode >= 500) opts.log(`API: ${req.method} ${req.url}: ${String(err)}`);
    void reply.code(e.statusCode).headers(e.headers).send({ error: e.message });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0] ?? ''}` });
  });
  addGuards(app, policy);
  if ((opts.corsOrigins ?? []).length > 0) addCorsPreflight(app, policy);
  registerRestApi(app, {
    service: opts.service,
    tokens: opts.tokens,
    writeLimiter: new RateLimiter({
      ratePerS: opts.writeRate?.ratePerS ?? DEFAULT_WRITE_RATE_PER_S,
      burst: opts.writeRate?.burst ?? DEFAULT_WRITE_BURST,
      now: opts.now ?? ((): number => performance.now()),
    }),
    readLimiter: new RateLimiter({
      ratePerS: DEFAULT_READ_RATE_PER_S,
      burst: DEFAULT_READ_BURST,
      now: opts.now ?? ((): number => performance.now()),
    }),
    pairing: opts.pairing ?? null,
    log: opts.log,
  });
  if (opts.pairing) registerPairRoute(app, opts.pairing, opts.log);
  app.get(OPENAPI_PATH, (req) =>
    buildOpenApiDocument(
      `${secure ? 'https' : 'http'}://${req.headers.host ?? `${listen}:${opts.port()}`}`,
      API_VERSION,
    ),
  );
  opts.extend?.(app, { port: opts.port });
  return { app, policy };
}
