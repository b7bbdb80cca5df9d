import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { TlsIdentity } from '../../config/tls-identity';
import type { EmsService } from '../../service/ems-service';
import { attachWsBridge, type WsBridge } from '../ws-bridge';
import { buildApiApp, type ApiAppOptions } from './api-app';
import { DEFAULT_LISTEN } from './http-policy';
import type { ApiTokens } from './register-api';
import { Pairing, type IssuedCode } from '../pairing/pairing';
import { showPairingCode } from '../pairing/pairing-code';

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
  /**
   * Print pairing codes with `log` (the headless host: its operator reads stderr): one at
   * start and a fresh one each time one is used. The desktop app shows them in its window.
   */
  readonly printPairingCodes?: boolean;
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
  /**
   * The token store the server checks writes against, with the pairing codes of its
   * browsers (for a UI that shows, rotates or pairs: hand it to service.useTokens).
   */
  readonly tokens: ServerTokens & {
    issuePairingCode(): IssuedCode;
    readonly tlsFingerprint256: string | null;
  };
  /** The paired browser sessions. */
  readonly pairing: Pairing;
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
  const now = opts.now ?? ((): number => performance.now());
  const printCode = (): void => {
    const { code, expiresInS } = pairing.issueCode();
    opts.log(
      `Pairing code: ${showPairingCode(code)} (single use, valid ${expiresInS / 60} min; ` +
        'the API token works as a code too)',
    );
  };
  const pairing = new Pairing({
    now,
    currentToken: () => opts.tokens.current(),
    ...(opts.printPairingCodes === true ? { onCodeUsed: printCode } : {}),
  });
  const { app, policy } = buildApiApp({ ...opts, now, pairing, port: () => port });
  const bridge = attachWsBridge(app.server, {
    service: opts.service,
    token: () => opts.tokens.current(),
    pairing,
    now,
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
  if (opts.printPairingCodes === true) printCode();
  const store = opts.tokens;
  const tokens = {
    get path() {
      return store.path;
    },
    current: () => store.current(),
    matches: (given: string | undefined) => store.matches(given),
    rotate: () => store.rotate(),
    issuePairingCode: () => pairing.issueCode(),
    tlsFingerprint256: opts.tls?.fingerprint256 ?? null,
  };
  return {
    url: `${opts.tls === undefined ? 'http' : 'https'}://${shown}:${port}/`,
    tlsFingerprint: opts.tls?.fingerprint256 ?? null,
    port,
    server: app.server,
    app,
    bridge,
    tokens,
    pairing,
    close: async () => {
      await bridge.close();
      await app.close();
    },
  };
}
