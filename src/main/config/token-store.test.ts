import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTokenStore, TOKEN_FILE_NAME, TokenRotationRefused } from './token-store';

/** The token store on a real temporary folder (POSIX modes are checked where they exist). */

const posix = process.platform !== 'win32';
let dir: string;
let logs: string[];
const log = (line: string): void => void logs.push(line);
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-token-'));
  logs = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the token in the config folder', () => {
  it('is made at first start: 64 hex digits in a 0600 file, and the same on the next start', async () => {
    const cfg = join(dir, 'cfg');
    const first = await openTokenStore({ env: {}, configDir: cfg, log });
    const path = join(cfg, TOKEN_FILE_NAME);
    expect(first.path).toBe(path);
    expect(first.source).toBe('config');
    expect(first.current()).toMatch(/^[0-9a-f]{64}$/);
    expect((await readFile(path, 'utf8')).trim()).toBe(first.current());
    if (posix) {
      expect(await modeOf(path)).toBe(0o600);
      expect(await modeOf(cfg)).toBe(0o700);
    }
    expect(logs).toEqual([`API token: created ${path}`]);
    const second = await openTokenStore({ env: {}, configDir: cfg, log });
    expect(second.current()).toBe(first.current());
    expect(second.describe()).toBe(`API token: ${path}`);
    expect(second.describe()).not.toContain(first.current());
  });

  it('two processes starting at once agree on one token, and no temporary file is left', async () => {
    const stores = await Promise.all(
      Array.from({ length: 8 }, () => openTokenStore({ env: {}, configDir: dir, log })),
    );
    expect(new Set(stores.map((s) => s.current())).size).toBe(1);
    expect(await readdir(dir)).toEqual([TOKEN_FILE_NAME]);
  });

  it.runIf(posix)('a file others may read is narrowed to 0600, and the fix is logged', async () => {
    const path = join(dir, TOKEN_FILE_NAME);
    await writeFile(path, 'a'.repeat(40) + '\n');
    await chmod(path, 0o644);
    const store = await openTokenStore({ env: {}, configDir: dir, log });
    expect(store.current()).toBe('a'.repeat(40));
    expect(await modeOf(path)).toBe(0o600);
    // The config folder is narrowed as a whole at start, the token file with it.
    expect(logs).toEqual([`${path}: permissions were 0644, set to 0600`]);
  });

  it('a config folder that cannot be made is refused, naming the file and the way out', async () => {
    await writeFile(join(dir, 'not-a-folder'), 'x');
    await expect(
      openTokenStore({ env: {}, configDir: join(dir, 'not-a-folder', 'cfg'), log }),
    ).rejects.toThrow(
      /^token file .*api-token: cannot create it \(.*\); set EMS_CONFIG_DIR, EMS_API_TOKEN or --token-file$/,
    );
  });

  it('a file with no usable token is refused, naming the file', async () => {
    await writeFile(join(dir, TOKEN_FILE_NAME), 'short\n', { mode: 0o600 });
    await expect(openTokenStore({ env: {}, configDir: dir, log })).rejects.toThrow(
      /^token file .*api-token: must be 16 to 256 characters/,
    );
  });

  it('rotation writes a new token atomically (0600) and puts it in force at once', async () => {
    const store = await openTokenStore({ env: {}, configDir: dir, log });
    const old = store.current();
    const next = await store.rotate();
    expect(next).not.toBe(old);
    expect(store.current()).toBe(next);
    expect(store.matches(next)).toBe(true);
    expect(store.matches(old)).toBe(false);
    const path = join(dir, TOKEN_FILE_NAME);
    expect((await readFile(path, 'utf8')).trim()).toBe(next);
    if (posix) expect(await modeOf(path)).toBe(0o600);
    expect(await readdir(dir)).toEqual([TOKEN_FILE_NAME]);
    // A restart reads the rotated token.
    expect((await openTokenStore({ env: {}, configDir: dir, log })).current()).toBe(next);
  });

  it('concurrent rotations run one at a time: the last one is in force and in the file', async () => {
    const store = await openTokenStore({ env: {}, configDir: dir, log });
    const results = await Promise.all([store.rotate(), store.rotate(), store.rotate()]);
    expect(new Set(results).size).toBe(3);
    expect(store.current()).toBe(results[2]);
    expect((await readFile(join(dir, TOKEN_FILE_NAME), 'utf8')).trim()).toBe(results[2]);
  });

  it('a rotation that cannot write keeps the old token in force and says why', async () => {
    const store = await openTokenStore({ env: {}, configDir: dir, log });
    const old = store.current();
    // A non-empty folder where the file was: the rename fails, for root too.
    const path = join(dir, TOKEN_FILE_NAME);
    await rm(path);
    await mkdir(path);
    await writeFile(join(path, 'x'), 'x');
    await expect(store.rotate()).rejects.toThrow();
    expect(store.current()).toBe(old);
    expect(store.matches(old)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('tokens set from outside', () => {
  it('EMS_API_TOKEN overrides the file; no file is made; rotation is refused', async () => {
    const store = await openTokenStore({
      env: { EMS_API_TOKEN: 'scripted-token-123456' },
      configDir: dir,
      log,
    });
    expect(store.current()).toBe('scripted-token-123456');
    expect(store.path).toBeNull();
    expect(store.describe()).toBe('API token: from EMS_API_TOKEN');
    expect(await readdir(dir)).toEqual([]);
    await expect(store.rotate()).rejects.toBeInstanceOf(TokenRotationRefused);
    expect(store.current()).toBe('scripted-token-123456');
  });

  it('an unusable EMS_API_TOKEN is refused with a line naming the variable', async () => {
    await expect(
      openTokenStore({ env: { EMS_API_TOKEN: 'short' }, configDir: dir, log }),
    ).rejects.toThrow(/^EMS_API_TOKEN: must be 16 to 256 characters/);
  });

  it('--token-file reads that file and rotates into it; a missing file is an error', async () => {
    const path = join(dir, 'scada.token');
    await writeFile(path, 'from-the-script-0001\n', { mode: 0o600 });
    const store = await openTokenStore({
      env: {},
      tokenFile: path,
      configDir: join(dir, 'cfg'),
      log,
    });
    expect(store.current()).toBe('from-the-script-0001');
    expect(store.describe()).toBe(`API token: ${path} (--token-file)`);
    const next = await store.rotate();
    expect((await readFile(path, 'utf8')).trim()).toBe(next);
    await expect(openTokenStore({ env: {}, tokenFile: join(dir, 'nope'), log })).rejects.toThrow(
      /^token file .*nope: cannot read it \(ENOENT\)/,
    );
  });

  it('EMS_API_TOKEN and --token-file together are refused', async () => {
    await expect(
      openTokenStore({ env: { EMS_API_TOKEN: 'x'.repeat(20) }, tokenFile: 'f', log }),
    ).rejects.toThrow('give EMS_API_TOKEN or --token-file, not both');
  });

  it('matches() is false for undefined, empty and near-miss tokens', async () => {
    const store = await openTokenStore({ env: { EMS_API_TOKEN: 'abcdefghijklmnop' }, log });
    expect(store.matches(undefined)).toBe(false);
    expect(store.matches('')).toBe(false);
    expect(store.matches('abcdefghijklmnoq')).toBe(false);
    expect(store.matches('abcdefghijklmnop ')).toBe(false);
    expect(store.matches('abcdefghijklmnop')).toBe(true);
  });
});
