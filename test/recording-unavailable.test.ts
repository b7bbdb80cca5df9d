import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteConstructor } from '../src/main/recording/native-loader';
import { SCHEMA_VERSION } from '../src/main/recording/schema-migrations';
import { openRecordingStore } from '../src/main/recording/recording-store';
import type { RecordingStore } from '../src/main/recording/recording-store-api';
import { ROOT } from './support/tsx-process';
import { eventAt, faultAt, snapshotAt, tempStorePath } from './fixtures/recording-harness';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function temp(): string {
  const tmp = tempStorePath();
  cleanups.push(tmp.remove);
  return tmp.path;
}

/** Calls every method the host or the API would, twice; none may throw or return data. */
function exerciseEverything(store: RecordingStore): void {
  for (let round = 0; round < 2; round++) {
    expect(store.startSession({ siteName: 's', hostKind: 'electron' })).toBeNull();
    store.recordSnapshot(snapshotAt(1000));
    store.recordCommand({ t: 1000, source: 'ui', command: { type: 'stop' }, result: { ok: true } });
    store.recordEvent(eventAt(1000, 'e'));
    store.recordFault(faultAt(1000));
    expect(store.flush()).toBeNull();
    expect(store.prune(Date.now(), 1)).toBe(0);
    expect(store.listSessions()).toEqual([]);
    expect(store.sessionSnapshots(1)).toEqual([]);
    expect(store.sessionEvents(1)).toEqual([]);
    expect(store.sessionCommands(1)).toEqual([]);
    expect(store.faultLog()).toEqual([]);
    expect([...store.exportCsv('faults', 1)]).toEqual([]);
    expect(store.recentEvents(10)).toEqual([]);
    const counters = { gridImportWh: 1, gridExportWh: 0, chargeWh: 0, dischargeWh: 0, pvWh: null };
    expect(store.saveEnergyDay({ siteId: 's', day: '2025-01-01', counters })).toBe(false);
    expect(store.energyDay('s', '2025-01-01')).toBeNull();
    store.endSession();
    store.close();
  }
  expect(store.status()).toMatchObject({
    available: false,
    open: false,
    sessionId: null,
    reason: store.reason,
  });
}

describe('recording store when it cannot run', () => {
  it('reports a native module that will not load, and every method is a no-op', async () => {
    const path = temp();
    const abi = new Error(
      'The module was compiled against NODE_MODULE_VERSION 115; this version requires 135.',
    );
    const store = await openRecordingStore({
      path,
      loader: () => {
        throw abi;
      },
    });
    expect(store.available).toBe(false);
    expect(store.reason).toBe(`better-sqlite3 could not be loaded: ${abi.message}`);
    exerciseEverything(store);
    const rejected = await openRecordingStore({
      path,
      loader: () => Promise.reject(new Error('Cannot find module')),
    });
    expect(rejected.reason).toMatch(/could not be loaded: Cannot find module/);
  });

  it('reports an addon that fails to load when the first database opens (a wrong binary)', async () => {
    // The real better-sqlite3, pointed at a file that is not a loadable addon: dlopen fails
    // inside the constructor, where an addon built for another ABI fails too.
    const path = temp();
    const notAnAddon = join(path, '..', 'better_sqlite3.node');
    writeFileSync(notAnAddon, 'not an ELF file');
    const withBadBinary = function (file: string, options?: Database.Options) {
      return new Database(file, { ...options, nativeBinding: notAnAddon });
    } as unknown as SqliteConstructor;
    const store = await openRecordingStore({ path, loader: () => Promise.resolve(withBadBinary) });
    expect(store.available).toBe(false);
    expect(store.reason).toMatch(/could not be opened: .*better_sqlite3\.node/);
    exerciseEverything(store);
  });

  it('reports a file that is not a database, a folder, and bad options', async () => {
    const garbage = temp();
    writeFileSync(garbage, 'this is a text file, not SQLite '.repeat(200));
    const notDb = await openRecordingStore({ path: garbage });
    expect(notDb.available).toBe(false);
    expect(notDb.reason).toMatch(/file is not a database/);
    exerciseEverything(notDb);
    // The file is left as it was: the store never overwrites what it cannot read.
    expect(readFileSync(garbage, 'utf8').startsWith('this is a text file')).toBe(true);

    const folder = temp();
    mkdirSync(folder);
    expect((await openRecordingStore({ path: folder })).reason).toMatch(/could not be opened/);

    const badFlush = await openRecordingStore({ path: temp(), flushIntervalMs: 0 });
    expect(badFlush.reason).toMatch(/flushIntervalMs must be an integer >= 1, got 0/);
    expect((await openRecordingStore({ path: ' ' })).reason).toMatch(/path must be/);
  });

  it('refuses a file written by a newer schema instead of guessing', async () => {
    const path = temp();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const store = await openRecordingStore({ path });
    expect(store.available).toBe(false);
    expect(store.reason).toContain(`schema version 99, newer than this app's ${SCHEMA_VERSION}`);
    exerciseEverything(store);
  });

  it('never imports better-sqlite3 at module top level', () => {
    const dir = join(ROOT, 'src/main/recording');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      const staticImports = text.match(/^import\s+(?!type\b)[^;]*from\s+'better-sqlite3'/gm) ?? [];
      const requires = text.match(/require\(\s*'better-sqlite3'\s*\)/g) ?? [];
      expect([file, ...staticImports, ...requires]).toEqual([file]);
    }
  });
});
