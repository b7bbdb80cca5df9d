import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { send } from './api-support';

/**
 * The Electron main's API, with only `electron` mocked (no binary here): the real EMS host on
 * its embedded simulated site, the real service and the real API server, configured by
 * settings.json in a temporary config folder (EMS_CONFIG_DIR).
 */

type Handler = (...args: unknown[]) => unknown;

const fx = vi.hoisted(() => {
  const state = { appHandlers: new Map<string, Handler>(), quit: vi.fn(), exit: vi.fn() };
  class FakeWindow {
    readonly webContents = {
      on: (): void => undefined,
      once: (): void => undefined,
      setWindowOpenHandler: (): void => undefined,
      isDestroyed: (): boolean => false,
      send: (): void => undefined,
    };
    once(): void {}
    show(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
    loadFile(): Promise<void> {
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      whenReady: () => Promise.resolve(),
      on: (event: string, fn: Handler): void => void state.appHandlers.set(event, fn),
      quit: state.quit,
      exit: state.exit,
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (): void => undefined, removeHandler: (): void => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (): void => undefined,
        webRequest: { onHeadersReceived: (): void => undefined },
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    dialog: { showErrorBox: vi.fn() },
  };
  return { state, electron };
});
vi.mock('electron', () => fx.electron);

let dir: string;
let lines: string[];

async function launch(settings: unknown): Promise<void> {
  await writeFile(join(dir, 'settings.json'), JSON.stringify(settings));
  vi.resetModules();
  await import('../src/main/hosts/electron/main-process');
}

/** Fires before-quit and waits until the app quits (the safe stop, then the API closed). */
async function quit(): Promise<void> {
  fx.state.appHandlers.get('before-quit')?.({ preventDefault: () => undefined });
  await vi.waitFor(() => expect(fx.state.quit).toHaveBeenCalled(), { timeout: 10_000 });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-electron-api-'));
  vi.stubEnv('EMS_CONFIG_DIR', dir);
  vi.stubEnv('EMS_API_TOKEN', '');
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  fx.state.appHandlers.clear();
  fx.state.quit.mockClear();
  lines = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('the Electron main serves the API', () => {
  it('on 127.0.0.1 at the settings port, with the config folder token; closed after the safe stop', async () => {
    await launch({ api: { port: 0 } });
    const line = await vi.waitFor(
      () => {
        const hit = lines
          .map((l) => /^API: http:\/\/127\.0\.0\.1:(\d+)\/api\//.exec(l))
          .find(Boolean);
        if (!hit) throw new Error(`no API line yet: ${lines.join(' | ')}`);
        return hit;
      },
      { timeout: 30_000, interval: 100 },
    );
    const api = { port: Number(line[1]) };
    const tokenFile = join(dir, 'api-token');
    expect(lines).toContain(`API token: ${tokenFile}`);
    const token = (await readFile(tokenFile, 'utf8')).trim();

    const status = await send(api, 'GET', '/api/status');
    expect(status.status).toBe(200);
    expect(status.json?.['state']).toBe('STOP');
    expect((await send(api, 'POST', '/api/start')).status).toBe(401);
    expect((await send(api, 'POST', '/api/start', { token })).status).toBe(200);
    expect((await send(api, 'GET', '/api/status')).json?.['state']).not.toBe('STOP');

    await quit();
    // Closed: refused, or (if the last keep-alive socket was still closing) hung up.
    await expect(send(api, 'GET', '/api/status')).rejects.toThrow(
      /ECONNREFUSED|socket hang up|ECONNRESET/,
    );
  }, 60_000);

  it('"port": null turns it off: no server, no token file', async () => {
    await launch({ api: { port: null } });
    await vi.waitFor(() => expect(lines).toContain('API: off (settings.json: api.port is null)'), {
      timeout: 30_000,
    });
    // Session recording keeps its database in the same folder; no token file may appear.
    expect((await readdir(dir)).filter((n) => !n.startsWith('sessions.sqlite'))).toEqual([
      'settings.json',
    ]);
    await quit();
  }, 60_000);

  it('bad settings: the API is not started, the line names the field, the app keeps running', async () => {
    await launch({ api: { port: 'eighty' } });
    await vi.waitFor(
      () =>
        expect(lines.some((l) => /^API not started: settings .*: api\.port: /.test(l))).toBe(true),
      { timeout: 30_000 },
    );
    expect(fx.state.exit).not.toHaveBeenCalled();
    await quit();
  }, 60_000);
});
