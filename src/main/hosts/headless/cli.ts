import { appConfigDir } from '../../config/config-dir';
import type { TlsIdentity } from '../../config/tls-identity';
import { openTokenStore, type TokenStore } from '../../config/token-store';
import { watchParent } from '../../process/parent-watch';
import { exposedWarning, isLoopbackAddress } from '../../transports/rest/http-policy';
import { createRealTime } from '../../util/real-time';
import { startSiteHost } from '../site-host';
import type { SiteSwitcher } from '../site-switcher';
import { serverTlsFor } from '../server-tls';
import { HEADLESS_USAGE, parseHeadlessArgs, uiExposedWarning, type HeadlessArgs } from './cli-args';
import { startHeadlessServer, type HeadlessServer } from './headless-server';
import { ensureRendererBuilt } from './renderer-build';
import { toStatusLine } from './status-line';

/**
 * `npm run headless`: the EMS without a window. One JSON status line per second on stdout,
 * everything else on stderr; SIGINT/SIGTERM go through the safe stop (0 W) and exit 0.
 * With --ui it also serves the operator UI, the REST API and the WebSocket on one port
 * (127.0.0.1 unless --listen); with --api the API and the WebSocket without the UI.
 */
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function parseOrExit(): HeadlessArgs {
  try {
    return parseHeadlessArgs(process.argv.slice(2));
  } catch (err) {
    log(`headless: ${(err as Error).message}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = parseOrExit();
  if (args.help) {
    process.stdout.write(`${HEADLESS_USAGE}\n`);
    return;
  }
  // The process's one real time: everything below reads it and waits on it.
  const time = createRealTime();
  const served = args.ui || args.api;
  let tokens: TokenStore | null = null;
  let tls: TlsIdentity | undefined;
  try {
    // The server's prerequisites come first, so a bad token or a failed build never leaves an EMS running.
    if (served) {
      tokens = await openTokenStore({ tokenFile: args.tokenFile, log });
      log(tokens.describe());
      tls = await serverTlsFor({
        listen: args.listen,
        insecureHttp: args.insecureHttp,
        configDir: appConfigDir(),
        time,
        log,
      });
    }
    if (args.ui) await ensureRendererBuilt(log);
  } catch (err) {
    log(`headless: ${(err as Error).message}`);
    process.exit(1);
  }
  // The site switcher: requests and pushes follow a site switch (control never starts by one).
  let host: SiteSwitcher;
  try {
    host = await startSiteHost({
      siteFile: args.site,
      sim: args.sim,
      mode: args.mode,
      log,
      tokens,
      time,
    });
  } catch (err) {
    log(`headless: ${(err as Error).message}`);
    process.exit(1);
  }
  log(`EMS running on site "${host.current.site.name}"`);
  let ui: HeadlessServer | null = null;
  if (tokens !== null) {
    try {
      if (!isLoopbackAddress(args.listen)) {
        log(exposedWarning(args.listen));
        if (args.ui) log(uiExposedWarning(args.listen));
      }
      ui = await startHeadlessServer({
        service: host,
        clock: time,
        port: args.port,
        listen: args.listen,
        ...(tls === undefined ? {} : { tls }),
        tokens,
        ui: args.ui,
        corsOrigins: args.corsOrigins,
        log,
      });
      if (args.ui) log(`UI: ${ui.server.url}`);
      log(`API: ${ui.server.url}api/ (OpenAPI at /openapi.json, WebSocket at /ws)`);
    } catch (err) {
      log(`headless: ${(err as Error).message}`);
      await host.stop();
      process.exit(1);
    }
  }
  const stopStatus = time.interval(() => {
    process.stdout.write(`${JSON.stringify(toStatusLine(host.current.runtime.snapshot()))}\n`);
  }, 1000);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    stopStatus();
    log(`${signal}: safe stop, driving the inverter to 0 W`);
    void host.stop().then(async (confirmed) => {
      log(
        confirmed
          ? 'inverter at 0 W; bye'
          : 'safe stop done, but 0 W was not confirmed by the inverter',
      );
      await ui?.close().catch(() => undefined);
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  watchParent(() => shutdown('parent process gone'));
}

process.on('unhandledRejection', (reason) =>
  log(`internal error (kept running): ${String(reason)}`),
);
void main();
