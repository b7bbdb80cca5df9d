import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { chmod, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The config folder holds the API token, the TLS key and the session database: nothing in it
 * is for other users of the machine. The folder is 0700 and every file in it 0600; modes
 * that are too loose (an older version, a copy, the umask) are narrowed, and each fix is
 * logged so an operator can see that something had been readable. POSIX only: Windows has
 * no such mode bits (its per-user profile folder is private already).
 */

/** Mode of the config folder. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file in the config folder. */
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

function errCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/**
 * Narrows `path` to `mode` when group or others have any bit on it; logs the fix. A missing
 * path is left alone; symbolic links are not followed (their target is not ours to change).
 */
export function narrowMode(path: string, mode: number, log: (line: string) => void): void {
  if (!POSIX) return;
  let info;
  try {
    info = lstatSync(path);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return;
    throw err;
  }
  if (info.isSymbolicLink() || (info.mode & 0o077) === 0) return;
  chmodSync(path, mode);
  log(`${path}: permissions were ${octal(info.mode)}, set to ${octal(mode)}`);
}

/**
 * Makes `dir` (and any missing parents) with mode 0700, narrows it if it exists with a
 * looser mode, and narrows every regular file directly in it to 0600. Throws when the
 * folder cannot be made or read.
 */
export function ensurePrivateDir(dir: string, log: (line: string) => void): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrowMode(dir, PRIVATE_DIR_MODE, log);
  if (!POSIX) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) narrowMode(join(dir, entry.name), PRIVATE_FILE_MODE, log);
  }
}

/**
 * Creates `path` empty with mode 0600 if it does not exist yet, so a program that creates
 * it later (SQLite) finds it private; SQLite gives its -wal and -shm files the database
 * file's mode.
 */
export function touchPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  // The umask can only narrow the mode given to open(); this makes it exactly 0600.
  if (POSIX) chmodSync(path, PRIVATE_FILE_MODE);
}

/** Replaces `path` atomically with `text`, mode 0600 (temporary file, then rename over it). */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (POSIX) await chmod(tmp, PRIVATE_FILE_MODE);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
