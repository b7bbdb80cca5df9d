/**
 * The store's schema as a list of migrations. The file's `PRAGMA user_version` says how many
 * have been applied; opening applies the rest, each in its own transaction, so a crash during a
 * migration leaves the previous version intact. Append new migrations; never edit a shipped one.
 */
import type { SqliteDatabase } from './native-loader';

/** One schema step. */
export interface Migration {
  /** The user_version after this step: 1, 2, 3... in order. */
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions, snapshots (one per second), commands, events, fault log',
    statements: [
      `CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        ended_unexpectedly INTEGER NOT NULL DEFAULT 0,
        site_name TEXT NOT NULL,
        host_kind TEXT NOT NULL
      )`,
      // One row per session and second: a later snapshot of the same second replaces it.
      `CREATE TABLE snapshots (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        sec INTEGER NOT NULL,
        t INTEGER NOT NULL,
        state TEXT NOT NULL,
        mode TEXT NOT NULL,
        grid_w REAL,
        inverter_w REAL,
        soc REAL,
        setpoint_w REAL NOT NULL,
        limited_by TEXT NOT NULL,
        modbus_ok INTEGER NOT NULL,
        can_ok INTEGER,
        faults TEXT NOT NULL,
        PRIMARY KEY (session_id, sec)
      ) WITHOUT ROWID`,
      `CREATE TABLE commands (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        source TEXT NOT NULL,
        command TEXT NOT NULL,
        result TEXT NOT NULL
      )`,
      'CREATE INDEX commands_by_session ON commands (session_id, t)',
      `CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        kind TEXT NOT NULL,
        code TEXT,
        message TEXT NOT NULL
      )`,
      'CREATE INDEX events_by_session ON events (session_id, t)',
      `CREATE TABLE faults (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        code TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        measurements TEXT NOT NULL
      )`,
      'CREATE INDEX faults_by_session ON faults (session_id, t)',
      'CREATE INDEX faults_by_time ON faults (t)',
    ],
  },
  // Commissioning reports (issue 12): one self-contained HTML page per generated report.
  {
    version: 2,
    description: 'commissioning reports: the HTML page with its session, time and technician',
    statements: [
      `CREATE TABLE commissioning_reports (
        id INTEGER PRIMARY KEY,
        session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        site_name TEXT NOT NULL,
        technician TEXT NOT NULL,
        html TEXT NOT NULL
      )`,
      'CREATE INDEX commissioning_reports_by_time ON commissioning_reports (t)',
    ],
  },
  // Trends and energy (issue 13): PV and load per second, the latest events across sessions,
  // today's energy counters kept per site and day so a restart continues them.
  {
    version: 3,
    description: 'snapshots pv_w and load_w, events by time, energy counters per site and day',
    statements: [
      'ALTER TABLE snapshots ADD COLUMN pv_w REAL',
      'ALTER TABLE snapshots ADD COLUMN load_w REAL',
      'CREATE INDEX events_by_time ON events (t)',
      `CREATE TABLE energy_days (
        site_id TEXT NOT NULL,
        day TEXT NOT NULL,
        grid_import_wh REAL NOT NULL,
        grid_export_wh REAL NOT NULL,
        charge_wh REAL NOT NULL,
        discharge_wh REAL NOT NULL,
        pv_wh REAL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, day)
      ) WITHOUT ROWID`,
    ],
  },
];

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION: number = MIGRATIONS.length;

/**
 * Brings the file to SCHEMA_VERSION; returns how many migrations ran. Throws when the file was
 * written by a newer version of the app, whose schema this code does not know.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(
      `the recording file has schema version ${current}, newer than this app's ${latest}; ` +
        'it was written by a newer version of the app',
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  for (const migration of pending) {
    db.transaction(() => {
      for (const sql of migration.statements) db.exec(sql);
      // user_version takes no bound parameter; the version is our own integer.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
