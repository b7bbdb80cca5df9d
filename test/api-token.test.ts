import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractTable } from '../src/shared/contract';
import { connectWs } from './support/ws-test-client';
import { send, startApiHost, statusOf, stopApiHost, type ApiHost } from './api-support';

/** The folder's files other than the session recording database, which lives there too. */
function tokenFiles(names: readonly string[]): string[] {
  return names.filter((n) => !n.startsWith('sessions.sqlite')).sort();
}

/**
 * The write token over real processes: made at first start in the config folder (0600),
 * its path on stderr, shared by REST, the WebSocket and the served page; rotation over REST
 * takes effect at once everywhere; EMS_API_TOKEN and --token-file set it for scripts.
 */

const posix = process.platform !== 'win32';
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
/** The served page's text: it must never carry the token (docs/security.md). */
const pageText = async (host: ApiHost): Promise<string> => (await send(host, 'GET', '/')).text;

describe('the token made at first start (--ui: page, REST and /ws share it)', () => {
  let host: ApiHost;
  beforeAll(async () => {
    host = await startApiHost(['--ui', '--port', '0']);
  }, 90_000);
  afterAll(async () => {
    await stopApiHost(host);
  });

  it('lives in the config folder in a 0600 file whose path (not the token) is on stderr', async () => {
    const path = join(host.configDir, 'api-token');
    expect(host.tokenFile).toBe(path);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.process.stderr()).toContain(`API token: ${path}`);
    expect(host.process.stderr()).not.toContain(host.token);
    if (posix) {
      expect(await modeOf(path)).toBe(0o600);
      expect(await modeOf(host.configDir)).toBe(0o700);
    }
    expect(await pageText(host)).not.toContain(host.token);
    expect((await send(host, 'POST', '/api/start', { token: host.token })).status).toBe(200);
  });

  it('rotation needs the current token; bad bodies are refused', async () => {
    expect((await send(host, 'POST', '/api/token/rotate')).status).toBe(401);
    expect((await send(host, 'POST', '/api/token/rotate', { token: 'x'.repeat(64) })).status).toBe(
      401,
    );
    const extra = await send(host, 'POST', '/api/token/rotate', {
      token: host.token,
      body: { token: 'mine' },
    });
    expect(extra).toMatchObject({ status: 400, json: { error: 'token: unknown field' } });
    expect((await readFile(host.tokenFile ?? '', 'utf8')).trim()).toBe(host.token);
  });

  it('rotation returns a new token, writes it (0600) and puts it in force at once for REST, /ws and the page', async () => {
    const ws = await connectWs(host.port, host.base);
    try {
      const old = host.token;
      const r = await send(host, 'POST', '/api/token/rotate', { token: old });
      expect(r.status).toBe(200);
      const rotated = contractTable.rotateToken.result.parse(r.json);
      expect(rotated.token).toMatch(/^[0-9a-f]{64}$/);
      expect(rotated.token).not.toBe(old);
      expect(rotated.tokenFile).toBe(host.tokenFile);
      expect((await readFile(rotated.tokenFile, 'utf8')).trim()).toBe(rotated.token);
      if (posix) expect(await modeOf(rotated.tokenFile)).toBe(0o600);
      expect(tokenFiles(await readdir(host.configDir))).toEqual(['api-token']);

      // REST: the old token is refused, nothing changes; the new one works.
      const before = (await statusOf(host)).mode;
      expect(
        (await send(host, 'POST', '/api/mode', { token: old, body: { mode: 'EXTERNAL' } })).status,
      ).toBe(401);
      expect((await statusOf(host)).mode).toBe(before);
      expect(
        (await send(host, 'POST', '/api/mode', { token: rotated.token, body: { mode: 'IDLE' } }))
          .status,
      ).toBe(200);

      // WebSocket (a connection opened before the rotation): same.
      const withOld = await ws.request('command', { command: { type: 'stop' } }, old);
      expect(withOld).toMatchObject({
        ok: false,
        error: "a command needs the host's token or a paired browser",
      });
      expect((await statusOf(host)).state).not.toBe('STOP');
      const withNew = await ws.request('command', { command: { type: 'stop' } }, rotated.token);
      expect(withNew).toMatchObject({ ok: true, result: { ok: true } });

      // The page carries neither token.
      expect(await pageText(host)).not.toContain(rotated.token);
      host.token = rotated.token;
    } finally {
      ws.ws.close();
    }
  });
});

describe('a token file others could read', () => {
  it.runIf(posix)(
    'is narrowed to 0600 at start, and the fix is printed',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ems-loose-'));
      const path = join(dir, 'api-token');
      await writeFile(path, `${'b'.repeat(48)}\n`);
      await chmod(path, 0o644);
      const host = await startApiHost(['--api', '--port', '0'], { EMS_CONFIG_DIR: dir });
      try {
        expect(host.token).toBe('b'.repeat(48));
        expect(await modeOf(path)).toBe(0o600);
        expect(host.process.stderr()).toContain(`${path}: permissions were 0644, set to 0600`);
      } finally {
        await stopApiHost(host);
        await rm(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

describe('tokens set by a script', () => {
  it('EMS_API_TOKEN overrides the file: it works, no file is made, rotation is a 409', async () => {
    const token = 'scripted-token-for-tests-0001';
    const host = await startApiHost(['--api', '--port', '0'], { EMS_API_TOKEN: token });
    try {
      expect(host.process.stderr()).toContain('API token: from EMS_API_TOKEN');
      expect(tokenFiles(await readdir(host.configDir))).toEqual([]);
      expect((await send(host, 'POST', '/api/start', { token })).status).toBe(200);
      const r = await send(host, 'POST', '/api/token/rotate', { token });
      expect(r.status).toBe(409);
      expect(r.json?.['error']).toMatch(/EMS_API_TOKEN/);
      expect((await send(host, 'POST', '/api/stop', { token })).status).toBe(200);
    } finally {
      await stopApiHost(host);
    }
  }, 90_000);

  it('--token-file PATH is read, and rotation writes into it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ems-tokfile-'));
    const path = join(dir, 'scada.token');
    await writeFile(path, 'token-from-the-scada-script\n', { mode: 0o600 });
    const host = await startApiHost(['--api', '--port', '0', '--token-file', path]);
    try {
      expect(host.process.stderr()).toContain(`API token: ${path} (--token-file)`);
      expect(host.token).toBe('token-from-the-scada-script');
      const r = await send(host, 'POST', '/api/token/rotate', { token: host.token });
      expect(r.status).toBe(200);
      expect((await readFile(path, 'utf8')).trim()).toBe(r.json?.['token']);
      expect(tokenFiles(await readdir(host.configDir))).toEqual([]);
    } finally {
      await stopApiHost(host);
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
