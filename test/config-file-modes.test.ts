import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTokenStore } from '../src/main/config/token-store';
import { openSessionRecording, SESSIONS_FILE_NAME } from '../src/main/hosts/host-tools';
import { nodeVirtualTime } from '../src/main/util/node-virtual-time.test-kit';

/**
 * The config folder after a first start in the desktop app's order: the session store opens
 * (and makes the folder) before the token store. Under a permissive umask the folder must
 * still be 0700 and every file in it, the database's -wal and -shm included, 0600.
 */

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
let dir: string;
let oldUmask: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-modes-'));
  oldUmask = process.umask(0o022);
});
afterEach(async () => {
  process.umask(oldUmask);
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(process.platform !== 'win32')('config folder modes after a first start', () => {
  it('session store first, then the token store: folder 0700, every file 0600', async () => {
    const cfg = join(dir, 'ems-commissioning');
    const logs: string[] = [];
    const log = (line: string): void => void logs.push(line);
    const time = nodeVirtualTime();
    const store = await openSessionRecording(
      join(cfg, SESSIONS_FILE_NAME),
      { siteName: 'test', hostKind: 'test' },
      log,
      time,
    );
    expect(store.available).toBe(true);
    await openTokenStore({ env: {}, configDir: cfg, log });
    const names = await readdir(cfg);
    expect(names).toEqual(
      expect.arrayContaining([
        SESSIONS_FILE_NAME,
        `${SESSIONS_FILE_NAME}-wal`,
        `${SESSIONS_FILE_NAME}-shm`,
        'api-token',
      ]),
    );
    expect(await modeOf(cfg)).toBe(0o700);
    for (const name of names) expect([name, await modeOf(join(cfg, name))]).toEqual([name, 0o600]);
    store.close();
  });
});
