import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordingStore } from '../src/main/recording/recording-store';
import type { RecordingStore } from '../src/main/recording/recording-store-api';
import type { SnapshotRecord } from '../src/main/recording/recording-types';
import { SCHEMA_VERSION } from '../src/main/recording/schema-migrations';
import {
  eventAt,
  faultAt,
  manualTime,
  snapshotAt,
  tempStorePath,
} from './fixtures/recording-harness';

const T0 = Date.UTC(2025, 5, 1, 8, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function open(startMs = T0, extra: { path?: string } = {}) {
  const tmp = tempStorePath();
  const time = manualTime(startMs);
  const path = extra.path ?? tmp.path;
  const store = await openRecordingStore({ path, now: time.now, scheduler: time.scheduler });
  cleanups.push(() => store.close(), tmp.remove);
  expect(store.reason).toBeNull();
  return { store, time, path };
}

/** Reopens a file a day later (recorded times are in 2025: the real clock would prune them). */
function reopen(path: string): Promise<RecordingStore> {
  const later = manualTime(T0 + 86_400_000);
  return openRecordingStore({ path, now: later.now, scheduler: later.scheduler }).then((s) => {
    cleanups.push(() => s.close());
    return s;
  });
}

describe('recording store: write, flush, read back', () => {
  it('keeps records in memory until the timed flush, then reads them back intact', async () => {
    const { store, time, path } = await open();
    const id = store.startSession({ siteName: 'Lab, bay "2"', hostKind: 'headless' });
    expect(id).toBeTypeOf('number');
    const snap = snapshotAt(T0 + 200, { faults: ['BMS_COMM_LOSS'], canOk: false, gridW: null });
    store.recordSnapshot(snap);
    store.recordCommand({
      t: T0 + 300,
      source: 'api',
      command: { type: 'setExternalSetpoint', watts: -1500, ttlSeconds: 10 },
      result: { ok: true },
    });
    store.recordEvent(
      eventAt(T0 + 400, 'state -> FAULT', { kind: 'state', code: 'BMS_COMM_LOSS' }),
    );
    store.recordFault(faultAt(T0 + 500));

    // Nothing is on disk before the flush: that second is what a crash would lose.
    expect(store.sessionSnapshots(id!)).toEqual([]);
    expect(store.status().buffered).toBe(4);
    time.advance(1000);
    expect(store.status()).toMatchObject({ buffered: 0, lastFlushAt: T0 + 1000, lastError: null });

    expect(store.sessionSnapshots(id!)).toEqual([snap]);
    expect(store.sessionCommands(id!)).toEqual([
      {
        t: T0 + 300,
        source: 'api',
        command: { type: 'setExternalSetpoint', watts: -1500, ttlSeconds: 10 },
        result: { ok: true },
      },
    ]);
    expect(store.sessionEvents(id!)).toEqual([
      eventAt(T0 + 400, 'state -> FAULT', { kind: 'state', code: 'BMS_COMM_LOSS' }),
    ]);
    expect(store.faultLog(id!)).toEqual([{ sessionId: id, ...faultAt(T0 + 500) }]);
    expect(store.listSessions()).toEqual([
      {
        id,
        startedAt: T0,
        endedAt: null,
        endedUnexpectedly: false,
        siteName: 'Lab, bay "2"',
        hostKind: 'headless',
      },
    ]);

    time.advance(5000);
    store.close();
    expect(time.active()).toBe(0);
    expect(() => store.listSessions()).toThrow(/closed/);

    const again = await reopen(path);
    expect(again.listSessions()).toEqual([
      {
        id,
        startedAt: T0,
        endedAt: T0 + 6000,
        endedUnexpectedly: false,
        siteName: 'Lab, bay "2"',
        hostKind: 'headless',
      },
    ]);
    expect(again.sessionSnapshots(id!)).toEqual([snap]);
    expect(again.status().recoveredSessions).toBe(0);
  });

  it('keeps the last snapshot of each second, also across flushes (10/s for 60 s)', async () => {
    // Start mid-second so every timed flush cuts a second in two.
    const start = T0 + 450;
    const { store, time } = await open(start);
    const id = store.startSession({ siteName: 's', hostKind: 'headless' })!;
    const recorded: SnapshotRecord[] = [];
    for (let i = 0; i < 600; i++) {
      const s = snapshotAt(start + i * 100, { setpointW: i });
      recorded.push(s);
      store.recordSnapshot(s);
      time.advance(100);
    }
    store.flush();
    const lastOfSecond = new Map<number, SnapshotRecord>();
    for (const s of recorded) lastOfSecond.set(Math.floor(s.t / 1000), s);
    const stored = store.sessionSnapshots(id);
    expect(stored.length).toBe(lastOfSecond.size);
    expect(stored.length).toBe(61);
    expect(stored).toEqual([...lastOfSecond.values()]);
  });

  it('starting a session ends the previous one; the fault log spans sessions', async () => {
    const { store, time } = await open();
    const first = store.startSession({ siteName: 'a', hostKind: 'electron' })!;
    store.recordFault(faultAt(T0 + 10));
    time.advance(2000);
    const second = store.startSession({ siteName: 'b', hostKind: 'electron' })!;
    store.recordFault(faultAt(T0 + 2500, { kind: 'cleared', code: 'METER_COMM_LOSS' }));
    store.flush();
    expect(second).not.toBe(first);
    const sessions = store.listSessions();
    expect(sessions.map((s) => s.id)).toEqual([second, first]);
    expect(sessions[1]).toMatchObject({ endedAt: T0 + 2000, endedUnexpectedly: false });
    expect(store.faultLog().map((f) => [f.sessionId, f.kind])).toEqual([
      [first, 'raised'],
      [second, 'cleared'],
    ]);
    expect(store.faultLog(first)).toHaveLength(1);
  });

  it('refuses records with a bad time or outside a session, and skips a row SQLite refuses', async () => {
    const { store } = await open();
    store.recordEvent(eventAt(T0, 'before any session'));
    const id = store.startSession({ siteName: 's', hostKind: 'headless' })!;
    store.recordSnapshot(snapshotAt(Number.NaN));
    expect(store.status()).toMatchObject({ rejected: 2, buffered: 0 });
    expect(store.status().lastError).toMatch(/no valid time/);
    // A caller outside TypeScript sends a snapshot without a state: NOT NULL refuses it.
    store.recordSnapshot({
      ...snapshotAt(T0 + 100),
      state: undefined,
    } as unknown as SnapshotRecord);
    store.recordSnapshot(snapshotAt(T0 + 1100));
    store.recordEvent(eventAt(T0 + 1200, 'kept'));
    const report = store.flush();
    expect(report).toMatchObject({ rows: 2, lastSnapshotT: T0 + 1100 });
    expect(store.status().rejected).toBe(3);
    expect(store.status().lastError).toMatch(/snapshots row was refused/);
    expect(store.sessionSnapshots(id).map((s) => s.t)).toEqual([T0 + 1100]);
    expect(store.sessionEvents(id).map((e) => e.message)).toEqual(['kept']);
  });

  it('reads windows and limits, and names a bad argument', async () => {
    const { store } = await open();
    const id = store.startSession({ siteName: 's', hostKind: 'headless' })!;
    for (let i = 0; i < 20; i++) store.recordEvent(eventAt(T0 + i * 1000, `e${i}`));
    store.flush();
    const window = store.sessionEvents(id, { from: T0 + 5000, to: T0 + 9000 });
    expect(window.map((e) => e.message)).toEqual(['e5', 'e6', 'e7', 'e8', 'e9']);
    expect(store.sessionEvents(id, { from: T0 + 5000, limit: 2 }).map((e) => e.message)).toEqual([
      'e5',
      'e6',
    ]);
    expect(store.sessionEvents(id + 1)).toEqual([]);
    expect(() => store.sessionEvents(0)).toThrow(/sessionId must be a positive integer, got 0/);
    expect(() => store.sessionSnapshots(1.5)).toThrow(/sessionId/);
    expect(() => store.sessionEvents(id, { limit: 0 })).toThrow(
      /limit must be an integer from 1 to 100000, got 0/,
    );
    expect(() => store.sessionCommands(id, { from: Number.NaN })).toThrow(/from must be a time/);
    expect(() => store.faultLog(-1)).toThrow(/sessionId/);
  });

  it('creates the file in WAL mode at the current schema version', async () => {
    const { store, path } = await open();
    store.close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual([
        'commands',
        'commissioning_reports',
        'energy_days',
        'events',
        'faults',
        'sessions',
        'snapshots',
      ]);
    } finally {
      raw.close();
    }
    // Reopening an up-to-date file runs no migration and keeps working.
    const again = await reopen(path);
    expect(again.available).toBe(true);
    const full = await openRecordingStore({ path, synchronous: 'FULL', now: () => T0 });
    cleanups.push(() => full.close());
    expect(full.available).toBe(true);
    const wrong = await openRecordingStore({ path, synchronous: 'OFF' as 'FULL' });
    expect(wrong.reason).toMatch(/synchronous must be NORMAL or FULL, got OFF/);
  });
});
