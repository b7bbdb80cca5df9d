import { chmod, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_DIR } from '../src/main/hosts/headless/renderer-build';
import { send, startApiHost, stopApiHost, type ApiHost } from './api-support';

/**
 * What an attacker on the site network gets from the headless host with `--ui`
 * (`npm run headless -- --ui`) without credentials by plain GETs, and what the host leaves
 * on disk: no page, asset or open answer carries the token, and the config folder is
 * private after a first start (and again after its modes were loosened).
 */

let host: ApiHost;
/** The config folder of the first start (a restart below keeps using it). */
let firstConfigDir: string;

beforeAll(async () => {
  host = await startApiHost(['--ui', '--port', '0']);
  firstConfigDir = host.configDir;
}, 90_000);

afterAll(async () => {
  await stopApiHost(host);
  await rm(firstConfigDir, { recursive: true, force: true });
});

/** Every file of the built renderer, as the server's paths ("/assets/index-x.js"). */
async function rendererPaths(dir = RENDERER_DIR): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) paths.push(...(await rendererPaths(full)));
    else paths.push(`/${relative(RENDERER_DIR, full).split(sep).join('/')}`);
  }
  return paths;
}

describe('what anyone may GET', () => {
  it('no page, asset, open API answer or error page carries the token', async () => {
    const paths = [
      '/',
      '/index.html',
      ...(await rendererPaths()),
      '/openapi.json',
      '/api/status',
      '/api/history?window=5m',
      '/api/faults',
      '/api/pair',
      '/no-such-page',
      '/api/no-such-route',
    ];
    expect(paths.filter((p) => p.endsWith('.js')).length).toBeGreaterThan(0);
    const secrets = [host.token, host.token.slice(0, 16), host.token.slice(-16)];
    for (const path of paths) {
      const r = await send(host, 'GET', path);
      expect(r.status, path).toBeLessThan(500);
      for (const s of secrets) expect(r.text.includes(s), `${path} contains the token`).toBe(false);
      expect(r.headers['set-cookie'], path).toBeUndefined();
    }
    // The renderer's files themselves are served as built: nothing is injected into them.
    const index = await readFile(join(RENDERER_DIR, 'index.html'), 'utf8');
    expect((await send(host, 'GET', '/')).text).toBe(index);
  });
});

describe.runIf(process.platform !== 'win32')('the config folder after a first start', () => {
  it('is 0700 and every file in it 0600, the session database and its -wal and -shm included', async () => {
    const modes = await modesIn(host.configDir);
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining([
        '.',
        'api-token',
        'sessions.sqlite',
        'sessions.sqlite-wal',
        'sessions.sqlite-shm',
      ]),
    );
    for (const [name, mode] of Object.entries(modes))
      expect({ name, mode }).toEqual({ name, mode: name === '.' ? 0o700 : 0o600 });
  });

  it('loose modes left behind are narrowed at the next start, each fix logged', async () => {
    const configDir = host.configDir;
    // Stop the host without removing its folder, then loosen everything as a copy would.
    host.process.kill('SIGTERM');
    await host.process.exited;
    await chmod(configDir, 0o755);
    for (const name of await readdir(configDir)) await chmod(join(configDir, name), 0o644);

    host = await startApiHost(['--ui', '--port', '0'], { EMS_CONFIG_DIR: configDir });
    const stderr = host.process.stderr();
    expect(stderr).toContain(`${configDir}: permissions were 0755, set to 0700`);
    expect(stderr).toMatch(/api-token: permissions were 0644, set to 0600/);
    expect(stderr).toMatch(/sessions\.sqlite: permissions were 0644, set to 0600/);
    for (const [name, mode] of Object.entries(await modesIn(configDir)))
      expect({ name, mode }).toEqual({ name, mode: name === '.' ? 0o700 : 0o600 });
  }, 90_000);
});

/** The folder's mode (as ".") and each file's, permission bits only. */
async function modesIn(dir: string): Promise<Record<string, number>> {
  const modes: Record<string, number> = { '.': (await stat(dir)).mode & 0o777 };
  for (const name of await readdir(dir)) modes[name] = (await stat(join(dir, name))).mode & 0o777;
  return modes;
}
