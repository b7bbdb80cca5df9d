import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, touchPrivateFile, writePrivateFile } from './private-files';

const posix = process.platform !== 'win32';
let dir: string;
let logs: string[];
const log = (line: string): void => void logs.push(line);
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ems-private-'));
  logs = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(posix)('the private config folder', () => {
  it('narrows a loose folder and its loose files, logs each fix, and leaves private ones alone', async () => {
    const cfg = join(dir, 'cfg');
    await mkdir(cfg, { mode: 0o755 });
    await chmod(cfg, 0o755);
    await writeFile(join(cfg, 'sessions.sqlite'), '');
    await chmod(join(cfg, 'sessions.sqlite'), 0o644);
    await writeFile(join(cfg, 'settings.json'), '{}', { mode: 0o600 });
    await chmod(join(cfg, 'settings.json'), 0o600);
    const outside = join(dir, 'outside');
    await writeFile(outside, '');
    await chmod(outside, 0o644);
    await symlink(outside, join(cfg, 'link'));
    ensurePrivateDir(cfg, log);
    expect(await modeOf(cfg)).toBe(0o700);
    expect(await modeOf(join(cfg, 'sessions.sqlite'))).toBe(0o600);
    expect(await modeOf(join(cfg, 'settings.json'))).toBe(0o600);
    // A link's target is not ours: it keeps its mode.
    expect(await modeOf(outside)).toBe(0o644);
    expect(logs).toEqual([
      `${cfg}: permissions were 0755, set to 0700`,
      `${join(cfg, 'sessions.sqlite')}: permissions were 0644, set to 0600`,
    ]);
    logs = [];
    ensurePrivateDir(cfg, log);
    expect(logs).toEqual([]);
  });

  it('makes a missing folder 0700 and new files 0600 whatever the umask', async () => {
    const old = process.umask(0o000);
    try {
      const cfg = join(dir, 'a', 'b');
      ensurePrivateDir(cfg, log);
      touchPrivateFile(join(cfg, 'db'));
      await writePrivateFile(join(cfg, 'pem'), 'x');
      expect(await modeOf(cfg)).toBe(0o700);
      expect(await modeOf(join(cfg, 'db'))).toBe(0o600);
      expect(await modeOf(join(cfg, 'pem'))).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});
