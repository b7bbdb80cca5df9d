import type { TlsIdentity } from '../../config/tls-identity';
import type { TokenStore } from '../../config/token-store';
import type { TimeSource } from '../../../shared/clock';
import { EmsService, type ServiceRuntime } from '../../service/ems-service';
import { startApiServer, type ApiServer } from '../../transports/rest/api-server';
import { RENDERER_DIR } from './renderer-build';
import { registerUiRoutes } from './ui-routes';

/** Options of {@link startHeadlessServer}. */
export interface HeadlessServerOptions {
  readonly runtime: ServiceRuntime;
  /** The host's service (startEmsHost makes one); when given it is used and not disposed here. */
  readonly service?: EmsService;
  /** The runtime's time (the host's one real time). */
  readonly clock: TimeSource;
  readonly port: number;
  /** 127.0.0.1 unless the operator chose another address. */
  readonly listen?: string;
  /** Serve HTTPS with this identity (serverTlsFor); plain HTTP without it. */
  readonly tls?: TlsIdentity;
  readonly tokens: TokenStore;
  /** Serve the operator UI too (`--ui`); false serves only the API and /ws (`--api`). */
  readonly ui: boolean;
  readonly corsOrigins?: readonly string[];
  /** The built renderer; out/renderer by default. */
  readonly rendererDir?: string;
  readonly log: (line: string) => void;
}

/** The headless host's HTTP side: the contract service and the one server that carries it. */
export interface HeadlessServer {
  readonly service: EmsService;
  readonly server: ApiServer;
  /** Closes the server and stops the service's pushes; the runtime keeps running. */
  close(): Promise<void>;
}

/**
 * Puts the contract service on a running runtime and serves it on one port: the REST API,
 * /openapi.json and the WebSocket at /ws, plus the operator UI with `ui`. The renderer must
 * already be built (ensureRendererBuilt) when `ui` is set.
 */
export async function startHeadlessServer(opts: HeadlessServerOptions): Promise<HeadlessServer> {
  const owned = opts.service === undefined;
  const service = opts.service ?? new EmsService({ runtime: opts.runtime, clock: opts.clock });
  const { tokens } = opts;
  try {
    const server = await startApiServer({
      service,
      tokens,
      port: opts.port,
      ...(opts.listen === undefined ? {} : { listen: opts.listen }),
      ...(opts.corsOrigins === undefined ? {} : { corsOrigins: opts.corsOrigins }),
      ...(opts.tls === undefined ? {} : { tls: opts.tls }),
      label: opts.ui ? 'UI' : 'API',
      printPairingCodes: opts.ui,
      now: () => opts.clock.now(),
      log: opts.log,
      extend: opts.ui
        ? (app, { port }) =>
            registerUiRoutes(app, {
              rendererDir: opts.rendererDir ?? RENDERER_DIR,
              port,
              log: opts.log,
            })
        : undefined,
    });
    // The service's token requests (tokenInfo, rotateToken, pairingCode) use this server's.
    service.useTokens(server.tokens);
    return {
      service,
      server,
      close: async () => {
        await server.close();
        if (owned) service.dispose();
      },
    };
  } catch (err) {
    if (owned) service.dispose();
    throw err;
  }
}
