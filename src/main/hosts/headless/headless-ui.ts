import { systemClock, type Clock } from '../../runtime/clock';
import { EmsService, type ServiceRuntime } from '../../service/ems-service';
import { RENDERER_DIR } from './renderer-build';
import { startUiServer, type UiServer } from './ui-server';

/** Options of {@link startHeadlessUi}. */
export interface HeadlessUiOptions {
  readonly runtime: ServiceRuntime;
  /** The runtime's clock; the process clock by default (what startEmsHost uses). */
  readonly clock?: Clock;
  readonly port: number;
  readonly token: string;
  readonly log: (line: string) => void;
  /** The built renderer; out/renderer by default. */
  readonly rendererDir?: string;
}

/** The operator UI of a headless host: the service and the server that carries it. */
export interface HeadlessUi {
  readonly service: EmsService;
  readonly server: UiServer;
  /** Closes the server and stops the service's pushes; the runtime keeps running. */
  close(): Promise<void>;
}

/**
 * Puts the contract service on a running runtime and serves it with the renderer on
 * 127.0.0.1 (`--ui`). The renderer must already be built (ensureRendererBuilt).
 */
export async function startHeadlessUi(opts: HeadlessUiOptions): Promise<HeadlessUi> {
  const service = new EmsService({ runtime: opts.runtime, clock: opts.clock ?? systemClock });
  try {
    const server = await startUiServer({
      service,
      token: opts.token,
      port: opts.port,
      rendererDir: opts.rendererDir ?? RENDERER_DIR,
      log: opts.log,
    });
    return {
      service,
      server,
      close: async () => {
        await server.close();
        service.dispose();
      },
    };
  } catch (err) {
    service.dispose();
    throw err;
  }
}
