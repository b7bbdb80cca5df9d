import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { TlsIdentity } from '../../config/tls-identity';
import type { EmsService } from '../../service/ems-service';
import { attachWsBridge, type WsBridge } from '../ws-bridge';
import { buildApiApp, type ApiAppOptions } from './api-app';
import { DEFAULT_LISTEN } from './http-policy';
import type { ApiTokens } from './register-api';

/** What the server needs of the token store. */
export interface ServerTokens extends ApiTokens {
  current(): string;
}

/** Options of {@link startApiServer}. */
export interface ApiServerOptions extends Omit<
  ApiAppOptions,
  'port' | 'service' | 'tokens' | 'tls'
> {
  readonly service: Pick<EmsService, 'handle' | 'subscribe'>;
  readonly tokens: ServerTokens;
  /** 0 = any free port. */
  readonly port: number;
  /** Name in the port-in-use error ("UI" or "API"). */
  readonly label?: string;
  /** Serve HTTPS with this identity (loadOrCreateTlsIdentity); plain HTTP without it. */
  readonly tls?: TlsIdentity;
}

/** The running server: REST API, /openapi.json, /ws, and whatever `extend` added. */
export interface ApiServer {
  /** e.g. http://127.0.0.1:8420/, or https://0.0.0.0:8420/ with TLS */
  readonly url: string;
  /** SHA-256 fingerprint of the served certificate (`AA:BB:...`), null over plain HTTP. */
  readonly tlsFingerprint: string | null;
  readonly port: number;
  readonly server: Server;
  readonly app: FastifyInstance;
  readonly bridge: WsBridge;
  /** The token store the server checks writes against (for a UI that shows or rotates it). */
  readonly tokens: ServerTokens;
  /** Disconnects every client and stops listening. */
  close(): Promise<void>;
}

async function listen(app: FastifyInstance, opts: ApiServerOptions, host: string): Promise<void> {
  try {
    await app.listen({ host, port: opts.port });
  } catch (err) {
    const label = opts.label ?? 'API';
    throw new Error(
      (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `${label} port ${opts.port} on ${host} is in use (--port 0 picks a free one)`
        : `${label} server on ${host}:${opts.port}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/**
 * Starts one HTTP server with the REST API, its OpenAPI document and the WebSocket bridge
 * (/ws), plus the routes `extend` adds. Rejects with a one-line error when the port cannot
 * be bound (nothing is left listening then).
 */
export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const host = opts.listen ?? DEFAULT_LISTEN;
  let port = opts.port;
  const { app, policy } = buildApiApp({ ...opts, port: () => port });
  const bridge = attachWsBridge(app.server, {
    service: opts.service,
    token: () => opts.tokens.current(),
    policy,
    log: opts.log,
  });
  try {
    await listen(app, opts, host);
  } catch (err) {
    await bridge.close();
    await app.close();
    throw err;
  }
  const address = app.server.address();
  port = typeof address === 'object' && address !== null ? address.port : opts.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${opts.tls === undefined ? 'http' : 'https'}://${shown}:${port}/`,
    tlsFingerprint: opts.tls?.fingerprint256 ?? null,
    port,
    server: app.server,
    app,
    bridge,
    tokens: opts.tokens,
    close: async () => {
      await bridge.close();
      await app.close();
    },
  };
}
