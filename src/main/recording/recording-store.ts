/**
 * Opening the session recording store: load the native module on demand, open the file in WAL
 * mode, migrate, close the sessions a crash left open, prune, then start the flush and the
 * daily prune timers. Any failure up to there gives the unavailable store with the reason,
 * so the app starts whatever happens to the store.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportCsvChunks } from './csv-export';
import { insertReport, selectLatestReport } from './report-table';
import { loadBetterSqlite3, type SqliteConstructor, type SqliteDatabase } from './native-loader';
import {
  resolveRecordingOptions,
  type RecordingStoreOptions,
  type ResolvedRecordingOptions,
} from './recording-options';
import type { RecordingStore } from './recording-store-api';
import { pruneSessions } from './retention';
import { migrate } from './schema-migrations';
import { closeUnfinishedSessions } from './session-recovery';
import { checkSessionId, StoreReader } from './store-reader';
import { StoreWriter } from './store-writer';
import { unavailableStore } from './unavailable-store';
import { EnergyDays } from './energy-days';
import { describeError } from '../util/describe-error';

const DAY_MS = 86_400_000;

/**
 * Opens (or creates) the store at `options.path`. Never rejects: when better-sqlite3 cannot
 * load or the file cannot be opened, the result has `available: false` and a `reason`.
 */
export async function openRecordingStore(options: RecordingStoreOptions): Promise<RecordingStore> {
  const path = String(options.path);
  let config: ResolvedRecordingOptions;
  try {
    config = resolveRecordingOptions(options);
  } catch (error) {
    return unavailableStore(path, `bad recording options: ${describeError(error)}`);
  }
  let Database: SqliteConstructor;
  try {
    Database = await (options.loader ?? loadBetterSqlite3)();
  } catch (error) {
    return unavailableStore(path, `better-sqlite3 could not be loaded: ${describeError(error)}`);
  }
  let db: SqliteDatabase | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // The native addon itself loads here, so an ABI mismatch is caught here too.
    db = new Database(path, { timeout: config.busyTimeoutMs });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && path !== ':memory:')
      throw new Error(`WAL journal mode refused (got ${String(mode)})`);
    // In WAL mode NORMAL survives any process crash; only an OS crash or power cut can lose
    // the last commits, never the file's consistency. FULL closes that gap at one fsync/s.
    db.pragma(`synchronous = ${config.synchronous}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    const recovered = closeUnfinishedSessions(db);
    pruneSessions(db, config.now(), config.retentionDays);
    return openedStore(db, config, recovered);
  } catch (error) {
    try {
      db?.close();
    } catch {
      // Already failing: the first error is the one worth reporting.
    }
    return unavailableStore(
      path,
      `the recording store ${path} could not be opened: ${describeError(error)}`,
    );
  }
}

function openedStore(
  db: SqliteDatabase,
  config: ResolvedRecordingOptions,
  recovered: number,
): RecordingStore {
  const writer = new StoreWriter(db, {
    capacity: config.maxBufferedRows,
    now: config.now,
    onFlush: config.onFlush,
  });
  const reader = new StoreReader(db);
  const energyDays = new EnergyDays(db);
  let closed = false;
  let maintenanceError: string | null = null;
  const stopFlush = config.scheduler(() => void writer.flush(), config.flushIntervalMs);
  const stopPrune = config.scheduler(() => {
    try {
      pruneSessions(db, config.now(), config.retentionDays);
      maintenanceError = null;
    } catch (error) {
      maintenanceError = `daily prune failed: ${describeError(error)}`;
    }
  }, DAY_MS);
  // Reading a closed file is a wiring mistake worth an error, not an empty answer.
  const whileOpen =
    <A extends unknown[], R>(read: (...args: A) => R) =>
    (...args: A): R => {
      if (closed) throw new Error(`the recording store ${config.path} is closed`);
      return read(...args);
    };

  return {
    available: true,
    reason: null,
    path: config.path,
    // After close the writer has no session, so records are refused and counted, not written.
    startSession: (start) => (closed ? null : writer.startSession(start)),
    endSession: () => (closed ? undefined : writer.endSession()),
    recordSnapshot: (snapshot) => writer.record('snapshots', snapshot),
    recordCommand: (command) => writer.record('commands', command),
    recordEvent: (event) => writer.record('events', event),
    recordFault: (fault) => writer.record('faults', fault),
    flush: () => (closed ? null : writer.flush()),
    prune: whileOpen((now?: number, retentionDays?: number) =>
      pruneSessions(db, now ?? config.now(), retentionDays ?? config.retentionDays),
    ),
    close: () => {
      if (closed) return;
      closed = true;
      stopFlush();
      stopPrune();
      writer.endSession();
      try {
        db.close();
      } catch (error) {
        maintenanceError = `closing the file failed: ${describeError(error)}`;
      }
    },
    status: () => {
      const health = writer.health;
      return {
        available: true,
        reason: null,
        path: config.path,
        open: !closed,
        sessionId: writer.sessionId,
        buffered: health.buffered,
        dropped: health.dropped,
        rejected: health.rejected,
        recoveredSessions: recovered,
        lastFlushAt: health.lastFlushAt,
        lastError: health.lastError ?? maintenanceError,
      };
    },
    listSessions: whileOpen(() => reader.listSessions()),
    sessionSnapshots: whileOpen((id, range) => reader.sessionSnapshots(id, range)),
    sessionEvents: whileOpen((id, range) => reader.sessionEvents(id, range)),
    sessionCommands: whileOpen((id, range) => reader.sessionCommands(id, range)),
    faultLog: whileOpen((id, range) => reader.faultLog(id, range)),
    recentEvents: whileOpen((limit: number) => reader.recentEvents(limit)),
    // A save after close (the host's last save races its stop) is refused, not an error.
    saveEnergyDay: (record) => {
      if (closed) return false;
      energyDays.save(record, config.now());
      return true;
    },
    energyDay: whileOpen((siteId: string, day: string) => energyDays.read(siteId, day)),
    exportCsv: whileOpen((kind, id) => exportCsvChunks(db, kind, checkSessionId(id))),
    saveReport: whileOpen((report) => insertReport(db, writer.sessionId, report)),
    latestReport: whileOpen(() => selectLatestReport(db)),
  };
}
