import { createHash, timingSafeEqual } from 'node:crypto';
import { join, resolve } from 'node:path';
import { appConfigDir } from './config-dir';
import { createTokenFile, readTokenFile, replaceTokenFile } from './token-file';
import { ensurePrivateDir } from './private-files';
import { checkToken, newToken } from './token-format';

/** Name of the token file in the app's configuration folder. */
export const TOKEN_FILE_NAME = 'api-token';

/** Where the token came from: EMS_API_TOKEN, --token-file, or the app's configuration folder. */
export type TokenSource = 'env' | 'token-file' | 'config';

/** The host's one write token, shared by the REST API, the WebSocket bridge and the served page. */
export interface TokenStore {
  readonly source: TokenSource;
  /** The file that holds the token; null when it comes from EMS_API_TOKEN. */
  readonly path: string | null;
  /** The token in force now (it changes on rotation). */
  current(): string;
  /** Compares a client's token with the current one in constant time; undefined never matches. */
  matches(given: string | undefined): boolean;
  /**
   * Makes a new token, writes it atomically to the file and puts it in force at once; the old
   * one stops working. Rejects with {@link TokenRotationRefused} when the token comes from
   * EMS_API_TOKEN (there is no file to write), or with the file error, keeping the old token.
   */
  rotate(): Promise<string>;
  /** One line for stderr saying where the token is kept (never the token itself). */
  describe(): string;
}

/** Rotation is not possible for this token (it was set from outside). */
export class TokenRotationRefused extends Error {}

/** Options of {@link openTokenStore}. */
export interface TokenStoreOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** The app's configuration folder; {@link appConfigDir} by default. */
  readonly configDir?: string;
  /** `--token-file PATH`: the token is read from (and rotated into) this existing file. */
  readonly tokenFile?: string | null;
  readonly log: (line: string) => void;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Opens the host's token: EMS_API_TOKEN when set, else the file named by `tokenFile`, else
 * `api-token` in the configuration folder, made with 32 random bytes on first start.
 * Throws a one-line error naming the setting or file when the token is unusable.
 */
export async function openTokenStore(opts: TokenStoreOptions): Promise<TokenStore> {
  const env = opts.env ?? process.env;
  const fromEnv = env['EMS_API_TOKEN'];
  const tokenFile = opts.tokenFile ?? null;
  if (fromEnv !== undefined && fromEnv !== '' && tokenFile !== null)
    throw new Error('give EMS_API_TOKEN or --token-file, not both');
  if (fromEnv !== undefined && fromEnv !== '') {
    return makeStore('env', null, checkToken(fromEnv, 'EMS_API_TOKEN'));
  }
  if (tokenFile !== null) {
    const path = resolve(tokenFile);
    return makeStore('token-file', path, await readTokenFile(path, opts.log));
  }
  const dir = opts.configDir ?? appConfigDir({ env });
  const path = join(dir, TOKEN_FILE_NAME);
  try {
    // The folder may exist already (the session store opens first): narrowed if it is loose.
    ensurePrivateDir(dir, opts.log);
    if (await createTokenFile(path, newToken())) opts.log(`API token: created ${path}`);
  } catch (err) {
    throw new Error(
      `token file ${path}: cannot create it (${(err as Error).message}); set EMS_CONFIG_DIR, EMS_API_TOKEN or --token-file`,
      { cause: err },
    );
  }
  return makeStore('config', path, await readTokenFile(path, opts.log));
}

function makeStore(source: TokenSource, path: string | null, initial: string): TokenStore {
  let token = initial;
  let tokenDigest = digest(initial);
  // Rotations run one at a time, so the file and the token in force always agree.
  let queue: Promise<unknown> = Promise.resolve();
  const rotateNow = async (): Promise<string> => {
    if (path === null)
      throw new TokenRotationRefused(
        'the token is set by EMS_API_TOKEN: change the variable and restart to replace it',
      );
    const next = newToken();
    await replaceTokenFile(path, next);
    token = next;
    tokenDigest = digest(next);
    return next;
  };
  return {
    source,
    path,
    current: () => token,
    matches: (given) => given !== undefined && timingSafeEqual(digest(given), tokenDigest),
    rotate: () => {
      const run = queue.then(rotateNow, rotateNow);
      queue = run.catch(() => undefined);
      return run;
    },
    describe: () =>
      path === null
        ? 'API token: from EMS_API_TOKEN'
        : `API token: ${path}${source === 'token-file' ? ' (--token-file)' : ''}`,
  };
}
