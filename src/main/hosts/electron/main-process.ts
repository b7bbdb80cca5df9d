import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { PDF_WINDOW_OPTIONS, reportFileName, saveReportPdf } from './report-pdf';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './window-options';
import { isAppUrl, isPermissionAllowed } from '../../transports/navigation-guards';
import { startSiteHost } from '../site-host';
import type { SiteSwitcher } from '../site-switcher';
import { registerIpcTransport } from '../../transports/ipc';
import type { ApiServer } from '../../transports/rest/api-server';
import { startDesktopApi } from './desktop-api';
import { isExternalLinkAllowed } from './external-links';
import { describeError } from '../../util/describe-error';
import { createRealTime } from '../../util/real-time';

/**
 * Electron entry: one window on the site active last (or the site file given with --site; the
 * built-in simulated site with --sim or when none is saved). Quitting goes through the host's
 * safe stop, so the inverter ends at 0 W.
 */
let host: SiteSwitcher | null = null;
/** The contract over the running site; the switcher, so requests follow a site switch. */
let service: SiteSwitcher | null = null;
let quitting = false;
/** The REST API and WebSocket on 127.0.0.1 (settings.json in the config folder); null when off. */
let api: ApiServer | null = null;

function siteArg(): string | null {
  const i = process.argv.indexOf('--site');
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  const page = join(__dirname, '../renderer/index.html');
  const appUrl = devUrl ?? pathToFileURL(page).href;
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Registered before the page loads, so the renderer's first request finds its handler.
  if (service)
    registerIpcTransport({
      service,
      webContents: win.webContents,
      appUrl,
      log: (line) => console.error(line),
    });
  win.once('ready-to-show', () => win.show());
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(page);
}

/** Start-up failed (say, a bad site file): tell the user, stop whatever runs, exit 1. */
function failStart(err: unknown): void {
  const message = describeError(err);
  console.error(`EMS could not start: ${message}`);
  dialog.showErrorBox('EMS could not start', message);
  quitting = true;
  void (host ? host.stop() : Promise.resolve(true)).finally(() => app.exit(1));
}

void app
  .whenReady()
  .then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
      callback(isPermissionAllowed(permission)),
    );
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        },
      });
    });
    const time = createRealTime();
    host = await startSiteHost({
      siteFile: siteArg(),
      sim: process.argv.includes('--sim'),
      mode: null,
      log: (line) => console.error(line),
      time,
      hostKind: 'electron',
      savePdf: (html, siteName) =>
        saveReportPdf(html, reportFileName(siteName, time.wallNow()), {
          createWindow: () => new BrowserWindow(PDF_WINDOW_OPTIONS),
          showSaveDialog: (defaultPath) =>
            dialog.showSaveDialog({ defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] }),
          writeFile: (path, data) => writeFile(path, data),
        }),
    });
    service = host;
    createWindow();
    // The window works without the API, so an API that cannot start is reported, not fatal.
    await startDesktopApi({ service, time, log: (line) => console.error(line) })
      .then((server) => {
        api = server;
        // The window shows and rotates the same token the API checks.
        host?.useTokens(server?.tokens ?? null);
      })
      .catch((err: unknown) => console.error(`API not started: ${(err as Error).message}`));
  })
  .catch(failStart);

app.on('before-quit', (event) => {
  if (quitting || !host) return;
  event.preventDefault();
  quitting = true;
  // The safe stop comes first: 0 W must not wait for API clients to disconnect.
  void host
    .stop()
    .then(() => api?.close())
    .catch(() => undefined)
    .finally(() => app.quit());
});

app.on('window-all-closed', () => app.quit());
