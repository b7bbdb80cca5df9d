import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkToken } from './token-format';

/**
 * The token file on disk: one line, owner read/write only (0600). Every write goes to a
 * private temporary file first and is then linked or renamed into place, so a reader never
 * sees half a token and two processes starting together agree on one.
 */

/** Permission bits the token file must have. */
export const TOKEN_FILE_MODE = 0o600;

function code(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** Writes `token` to a new private file next to `path`; returns its name. */
async function writeTemp(path: string, token: string): Promise<string> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx', TOKEN_FILE_MODE);
  try {
    await fh.writeFile(`${token}\n`, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  // The umask can only narrow the mode given to open(); this makes it exactly 0600.
  if (process.platform !== 'win32') await chmod(tmp, TOKEN_FILE_MODE);
  return tmp;
}

/** Makes a rename or link durable across a power cut (POSIX; best effort). */
async function syncDir(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const dir = await open(dirname(path), 'r').catch(() => null);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}

/**
 * Creates `path` holding `token` unless a file is already there. Resolves true when this
 * call created it; false when another one existed (which then wins, untouched).
 */
export async function createTokenFile(path: string, token: string): Promise<boolean> {
  const tmp = await writeTemp(path, token);
  try {
    try {
      await link(tmp, path);
    } catch (err) {
      if (code(err) === 'EEXIST') return false;
      // Some file systems (FAT, some network shares) have no hard links.
      if (code(err) !== 'EPERM' && code(err) !== 'ENOTSUP' && code(err) !== 'ENOSYS') throw err;
      try {
        await copyFile(tmp, path, constants.COPYFILE_EXCL);
      } catch (copyErr) {
        if (code(copyErr) === 'EEXIST') return false;
        throw copyErr;
      }
    }
    await syncDir(path);
    return true;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Replaces the token in `path` atomically (temporary file, then rename over it). */
export async function replaceTokenFile(path: string, token: string): Promise<void> {
  const tmp = await writeTemp(path, token);
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDir(path);
}

/**
 * Reads the token in `path`. A file others may read or write is narrowed to 0600 first and
 * the fix is logged (POSIX only: Windows has no such mode bits). Throws a one-line error
 * naming the file when it is missing, unreadable or holds no usable token.
 */
export async function readTokenFile(path: string, log: (line: string) => void): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new Error(`token file ${path}: cannot read it (${code(err) ?? String(err)})`, {
      cause: err,
    });
  }
  if (!info.isFile()) throw new Error(`token file ${path}: not a regular file`);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    await chmod(path, TOKEN_FILE_MODE);
    log(`token file ${path}: permissions were ${octal(info.mode)}, set to 0600`);
  }
  const text = await readFile(path, 'utf8');
  return checkToken(text.trim(), `token file ${path}`);
}
