/**
 * better-sqlite3 is a native addon: inside Electron it only loads when it was rebuilt for
 * Electron's ABI, which cannot happen everywhere (CI, a failed postinstall). It is therefore
 * loaded on demand and never imported at module top level, so a module that cannot load makes
 * recording unavailable instead of stopping the app. Only types are imported here (erased).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { findResourcesDir } from '../util/resources-path';

/** The better-sqlite3 Database constructor. */
export type SqliteConstructor = typeof BetterSqlite3;
/** An open better-sqlite3 connection. */
export type SqliteDatabase = BetterSqlite3.Database;

/** Resolves the Database constructor; rejects or throws when the module cannot load. */
export type SqliteLoader = () => Promise<SqliteConstructor>;

/**
 * The Electron build of the addon that `npm install` made (scripts/build-native-for-electron.mjs),
 * or null outside Electron or when it was not built. `appRoot` is the folder holding package.json.
 */
export function electronNativeBinding(
  appRoot: string,
  versions: NodeJS.ProcessVersions = process.versions,
): string | null {
  if (!versions['electron']) return null;
  const file = join(appRoot, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(file) ? file : null;
}

/** Loads better-sqlite3 with a dynamic import; inside Electron, with the Electron build of its addon. */
export function createSqliteLoader(appRoot: string): SqliteLoader {
  return async () => {
    const Database = (await import('better-sqlite3')).default;
    const nativeBinding = electronNativeBinding(appRoot);
    if (nativeBinding === null) return Database;
    // Same class, with the Electron addon: every `new Database(...)` passes it along.
    const WithBinding = function (file: string, options: BetterSqlite3.Options = {}) {
      return new Database(file, { ...options, nativeBinding });
    } as unknown as SqliteConstructor;
    return WithBinding;
  };
}

/** Loads better-sqlite3 with a dynamic import; the app root is the folder that holds resources/. */
export const loadBetterSqlite3: SqliteLoader = () =>
  createSqliteLoader(dirname(findResourcesDir()))();
