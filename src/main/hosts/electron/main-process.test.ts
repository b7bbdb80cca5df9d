import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

/**
 * The Electron entry with `electron` and the EMS host mocked: Electron cannot run here
 * (no binary), so the fakes record what index.ts asks of Electron and let the test fire
 * the events a real app would.
 */
type Handler = (...args: never[]) => unknown;

const fx = vi.hoisted(() => {
  class FakeWindow {
    readonly handlers = new Map<string, Handler>();
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    readonly webContents = {
      on: (event: string, fn: Handler): void => void this.handlers.set(event, fn),
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }): void => {
        this.openHandler = fn;
      },
    };
    loaded: string | null = null;
    shown = false;
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      state.windows.push(this);
    }
    once(event: string, fn: Handler): void {
      this.handlers.set(event, fn);
    }
    show(): void {
      this.shown = true;
    }
    loadURL(url: string): Promise<void> {
      this.loaded = url;
      return Promise.resolve();
    }
    loadFile(path: string): Promise<void> {
      this.loaded = path;
      return Promise.resolve();
    }
  }
  const state = {
    windows: [] as FakeWindow[],
    appHandlers: new Map<string, Handler>(),
    permissionHandler: null as Handler | null,
    headersHandler: null as Handler | null,
    // The site host (site-host.ts) is the service; the entry only hands it to IPC and the API.
    host: {
      stop: vi.fn<() => Promise<boolean>>(),
      useTokens: vi.fn(),
    },
    startSiteHost: vi.fn<(o: { siteFile: string | null }) => Promise<unknown>>(),
    quit: vi.fn(),
    exit: vi.fn(),
    openExternal: vi.fn(() => Promise.resolve()),
    showErrorBox: vi.fn(),
    registerIpcTransport: vi.fn(() => () => undefined),
    api: { close: vi.fn<() => Promise<void>>() },
    startDesktopApi: vi.fn<(o: { service: unknown }) => Promise<unknown>>(),
  };
  const electron = {
    app: {
      whenReady: () => Promise.resolve(),
      on: (event: string, fn: Handler): void => void state.appHandlers.set(event, fn),
      quit: state.quit,
      exit: state.exit,
    },
    BrowserWindow: FakeWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (state.permissionHandler = fn),
        webRequest: { onHeadersReceived: (fn: Handler) => (state.headersHandler = fn) },
      },
    },
    shell: { openExternal: state.openExternal },
    dialog: { showErrorBox: state.showErrorBox },
  };
  return { state, electron, FakeWindow };
});

vi.mock('electron', () => fx.electron);
vi.mock('../site-host', () => ({ startSiteHost: fx.state.startSiteHost }));
// The service and the IPC transport have their own tests; here they only need to be wired.
vi.mock('../../service/ems-service', () => ({
  EmsService: class {
    dispose(): void {}
  },
}));
vi.mock('../../transports/ipc', () => ({ registerIpcTransport: fx.state.registerIpcTransport }));
// The API server has its own tests (test/api-electron.test.ts runs it for real).
vi.mock('./desktop-api', () => ({ startDesktopApi: fx.state.startDesktopApi }));

const s = fx.state;
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
const call = (fn: Handler | null | undefined, ...args: unknown[]): unknown =>
  (fn as ((...a: unknown[]) => unknown) | undefined)?.(...args);

/** Imports a fresh index.ts (module state and all) and lets whenReady run. */
async function launch(): Promise<InstanceType<typeof fx.FakeWindow> | undefined> {
  vi.resetModules();
  await import('./main-process');
  await settle();
  return s.windows[0];
}

beforeEach(() => {
  s.windows.length = 0;
  s.appHandlers.clear();
  s.permissionHandler = null;
  s.headersHandler = null;
  vi.clearAllMocks();
  s.host.stop.mockResolvedValue(true);
  s.startSiteHost.mockResolvedValue(s.host);
  s.api.close.mockResolvedValue(undefined);
  s.startDesktopApi.mockResolvedValue(s.api);
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('Electron entry', () => {
  test('starts the EMS host, then opens one sandboxed window on the bundled page', async () => {
    const win = await launch();
    expect(s.startSiteHost).toHaveBeenCalledWith(
      expect.objectContaining({ siteFile: null, sim: false, mode: null }),
    );
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(win?.loaded).toMatch(/renderer[\\/]index\.html$/);
    expect(win?.shown).toBe(false);
    expect(s.registerIpcTransport).toHaveBeenCalledTimes(1);
    call(win?.handlers.get('ready-to-show'));
    expect(win?.shown).toBe(true);
  });

  test('will-navigate away from the app page is prevented', async () => {
    const win = await launch();
    const navigate = (url: string): boolean => {
      const event = { preventDefault: vi.fn() };
      call(win?.handlers.get('will-navigate'), event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///tmp/dropped.html')).toBe(true);
    expect(navigate(`file://${win?.loaded ?? ''}#/faults`)).toBe(false);
  });

  test('in development the dev server is the app page', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const win = await launch();
    expect(win?.loaded).toBe('http://localhost:5173');
    const event = { preventDefault: vi.fn() };
    call(win?.handlers.get('will-navigate'), event, 'http://localhost:5173/other');
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  test('new windows are denied, and no link goes to the system browser (the allowlist is empty)', async () => {
    const win = await launch();
    expect(win?.openHandler?.({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(win?.openHandler?.({ url: 'http://plain.example/' })).toEqual({ action: 'deny' });
    expect(win?.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(s.openExternal).not.toHaveBeenCalled();
  });

  test('refuses permissions and sets the CSP on every response, keeping other headers', async () => {
    await launch();
    const answer = vi.fn();
    call(s.permissionHandler, {}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    const done = vi.fn();
    call(s.headersHandler, { responseHeaders: { 'X-A': ['1'] } }, done);
    const headers = (done.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> })
      .responseHeaders;
    expect(headers['X-A']).toEqual(['1']);
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
  });

  test('before-quit waits for the safe stop, then quits', async () => {
    let finish: (v: boolean) => void = () => undefined;
    s.host.stop.mockReturnValue(new Promise((r) => (finish = r)));
    await launch();
    const event = { preventDefault: vi.fn() };
    call(s.appHandlers.get('before-quit'), event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(s.host.stop).toHaveBeenCalledTimes(1);
    await settle();
    expect(s.quit).not.toHaveBeenCalled();
    finish(true);
    await settle();
    expect(s.quit).toHaveBeenCalledTimes(1);
    // The quit that follows goes through.
    const again = { preventDefault: vi.fn() };
    call(s.appHandlers.get('before-quit'), again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(s.host.stop).toHaveBeenCalledTimes(1);
  });

  test('closing the last window quits (through the safe stop)', async () => {
    await launch();
    call(s.appHandlers.get('window-all-closed'));
    expect(s.quit).toHaveBeenCalled();
  });

  test('passes --site to the host', async () => {
    const argv = process.argv;
    process.argv = [...argv, '--site', 'plant.json'];
    try {
      await launch();
    } finally {
      process.argv = argv;
    }
    expect(s.startSiteHost).toHaveBeenCalledWith(
      expect.objectContaining({ siteFile: 'plant.json' }),
    );
  });

  test('passes --sim to the host (the built-in site, whichever site was active last)', async () => {
    const argv = process.argv;
    process.argv = [...argv, '--sim'];
    try {
      await launch();
    } finally {
      process.argv = argv;
    }
    expect(s.startSiteHost).toHaveBeenCalledWith(expect.objectContaining({ sim: true }));
  });

  test('a host that cannot start is reported and the app exits 1, without a window', async () => {
    s.startSiteHost.mockRejectedValue(new Error('site file plant.json: no such file'));
    await launch();
    expect(s.windows).toHaveLength(0);
    expect(s.showErrorBox).toHaveBeenCalledWith(
      'EMS could not start',
      'site file plant.json: no such file',
    );
    expect(s.exit).toHaveBeenCalledWith(1);
  });

  test('starts the API on the same service once the window is open; closes it after the safe stop', async () => {
    await launch();
    expect(s.startDesktopApi).toHaveBeenCalledTimes(1);
    expect(s.startDesktopApi.mock.calls[0]?.[0].service).toBeDefined();
    const order: string[] = [];
    s.host.stop.mockImplementation(() => {
      order.push('stop');
      return Promise.resolve(true);
    });
    s.api.close.mockImplementation(() => {
      order.push('api closed');
      return Promise.resolve();
    });
    call(s.appHandlers.get('before-quit'), { preventDefault: vi.fn() });
    await settle();
    expect(order).toEqual(['stop', 'api closed']);
    expect(s.quit).toHaveBeenCalledTimes(1);
  });

  test('an API that cannot start is logged and the app keeps its window', async () => {
    s.startDesktopApi.mockRejectedValue(new Error('API port 8421 on 127.0.0.1 is in use'));
    const win = await launch();
    expect(win).toBeDefined();
    expect(s.exit).not.toHaveBeenCalled();
    expect(console.error).toHaveBeenCalledWith(
      'API not started: API port 8421 on 127.0.0.1 is in use',
    );
  });
});
