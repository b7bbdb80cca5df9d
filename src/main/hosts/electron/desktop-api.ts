import { loadAppSettings } from '../../config/app-settings';
import { appConfigDir } from '../../config/config-dir';
import { openTokenStore } from '../../config/token-store';
import type { TimeSource } from '../../../shared/clock';
import type { EmsService } from '../../service/ems-service';
import { serverTlsFor } from '../server-tls';
import { startApiServer, type ApiServer } from '../../transports/rest/api-server';
import { exposedWarning, isLoopbackAddress } from '../../transports/rest/http-policy';

/** Options of {@link startDesktopApi}. */
export interface DesktopApiOptions {
  readonly service: Pick<EmsService, 'handle' | 'subscribe'>;
  readonly log: (line: string) => void;
  /** The host's real time (for the TLS certificate's dates). */
  readonly time: Pick<TimeSource, 'wallNow'>;
  /** The environment (EMS_CONFIG_DIR, EMS_API_TOKEN); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The desktop app's REST API and WebSocket: on 127.0.0.1 (or `api.listen`, then over HTTPS
 * unless `api.insecureHttp`) at the port of `settings.json` in
 * the app's config folder (8421 by default; `"port": null` turns it off), with the token from
 * the same folder (or EMS_API_TOKEN). Resolves null when the settings turn it off; rejects
 * with a one-line error when the settings, the token or the port are unusable.
 */
export async function startDesktopApi(opts: DesktopApiOptions): Promise<ApiServer | null> {
  const env = opts.env ?? process.env;
  const configDir = appConfigDir({ env });
  const { api } = await loadAppSettings(configDir);
  if (api.port === null) {
    opts.log('API: off (settings.json: api.port is null)');
    return null;
  }
  const tokens = await openTokenStore({ env, configDir, log: opts.log });
  opts.log(tokens.describe());
  if (!isLoopbackAddress(api.listen)) opts.log(exposedWarning(api.listen));
  const tls = await serverTlsFor({
    listen: api.listen,
    insecureHttp: api.insecureHttp,
    configDir,
    time: opts.time,
    log: opts.log,
  });
  const server = await startApiServer({
    service: opts.service,
    tokens,
    port: api.port,
    listen: api.listen,
    corsOrigins: api.corsOrigins,
    ...(tls === undefined ? {} : { tls }),
    label: 'API',
    log: opts.log,
  });
  opts.log(`API: ${server.url}api/ (OpenAPI at /openapi.json, WebSocket at /ws)`);
  return server;
}
