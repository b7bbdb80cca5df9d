/**
 * better-sqlite3 is a native addon: inside Electron it only loads when it was rebuilt for
 * Electron's ABI, which cannot happen everywhere (CI, a failed postinstall). It is therefore
 * loaded on demand and never imported at module top level, so a module that cannot load makes
 * recording unavailable instead of stopping the app. Only types are imported here (erased).
 */
import type BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 Database constructor. */
export type SqliteConstructor = typeof BetterSqlite3;
/** An open better-sqlite3 connection. */
export type SqliteDatabase = BetterSqlite3.Database;

/** Resolves the Database constructor; rejects or throws when the module cannot load. */
export type SqliteLoader = () => Promise<SqliteConstructor>;

/** Loads better-sqlite3 with a dynamic import. */
export const loadBetterSqlite3: SqliteLoader = async () => {
  const mod = await import('better-sqlite3');
  return mod.default;
};
