import type { TlsIdentity } from '../../config/tls-identity';
import type { TokenStore } from '../../config/token-store';
import type { TimeSource } from '../../../shared/clock';
import { EmsService, type ServiceRuntime } from '../../service/ems-service';
import { startApiServer, type ApiServer } from '../../transports/rest/api-server';
import { RENDERER_DIR } from './renderer-build';
import { registerUiRoutes } from './ui-routes';

/** Options of {@link startHeadlessServer}. */
export interface HeadlessServerOptions {
  /** The runtime to serve when no `service` is given. */
  readonly runtime?: ServiceRuntime;
  /**
   * The host's service (the site switcher, or startEmsHost's); when given it is used and not
   * disposed here.
   */
  readonly service?: HeadlessService;
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

/** What the server needs of the host's service. */
export type HeadlessService = Pick<EmsService, 'handle' | 'subscribe' | 'useTokens'>;

/** The headless host's HTTP side: the contract service and the one server that carries it. */
export interface HeadlessServer {
  readonly service: HeadlessService;
  readonly server: ApiServer;
  /** Closes the server and stops the service's pushes; the runtime keeps running. */
  close(): Promise<void>;
}

/** The host's service, or one made here over `runtime` (then owned: disposed on close). */
function serviceFor(opts: HeadlessServerOptions): {
  service: HeadlessService;
  own: EmsService | null;
} {
  if (opts.service !== undefined) return { service: opts.service, own: null };
  if (opts.runtime === undefined)
    throw new Error('startHeadlessServer: give the host service or a runtime');
  const own = new EmsService({ runtime: opts.runtime, clock: opts.clock });
  return { service: own, own };
}

/**
 * Puts the contract service on a running runtime and serves it on one port: the REST API,
 * /openapi.json and the WebSocket at /ws, plus the operator UI with `ui`. The renderer must
 * already be built (ensureRendererBuilt) when `ui` is set.
 */
export async function startHeadlessServer(opts: HeadlessServerOptions): Promise<HeadlessServer> {
  const { service, own } = serviceFor(opts);
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
        own?.dispose();
      },
    };
  } catch (err) {
    own?.dispose();
    throw err;
  }
}
