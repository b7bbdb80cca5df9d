import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordingStore } from '../src/main/recording/recording-store';
import {
  eventAt,
  faultAt,
  manualTime,
  snapshotAt,
  tempStorePath,
} from './fixtures/recording-harness';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 8, 1, 12, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Rows of each table that belong to a session, read over a second connection. */
function rowsOf(path: string, sessionId: number): number[] {
  const raw = new Database(path, { readonly: true });
  try {
    return ['snapshots', 'commands', 'events', 'faults'].map(
      (table) =>
        raw
          .prepare(`SELECT COUNT(*) FROM ${table} WHERE session_id = ?`)
          .pluck()
          .get(sessionId) as number,
    );
  } finally {
    raw.close();
  }
}

/** A store whose clock the test sets directly, with a session of each row kind per call. */
async function storeWithClock(path: string, retentionDays?: number) {
  let clock = NOW - 60 * DAY;
  const timers = manualTime(0);
  const store = await openRecordingStore({
    path,
    now: () => clock,
    scheduler: timers.scheduler,
    ...(retentionDays === undefined ? {} : { retentionDays }),
  });
  cleanups.push(() => store.close());
  const session = (startedAt: number, endedAt: number | null): number => {
    clock = startedAt;
    const id = store.startSession({ siteName: 'site', hostKind: 'headless' })!;
    store.recordSnapshot(snapshotAt(startedAt + 10));
    store.recordCommand({
      t: startedAt + 20,
      source: 'ui',
      command: { type: 'start' },
      result: { ok: true },
    });
    store.recordEvent(eventAt(startedAt + 30, 'started'));
    store.recordFault(faultAt(startedAt + 40));
    store.flush();
    if (endedAt !== null) {
      clock = endedAt;
      store.endSession();
    }
    return id;
  };
  return { store, timers, session, setClock: (t: number) => (clock = t) };
}

describe('recording retention', () => {
  it('deletes only sessions that ended before the retention window, with all their rows', async () => {
    const tmp = tempStorePath();
    cleanups.push(tmp.remove);
    const { store, session } = await storeWithClock(tmp.path);
    const old = session(NOW - 45 * DAY, NOW - 40 * DAY);
    const recent = session(NOW - 12 * DAY, NOW - 10 * DAY);
    // Started long ago but still running: never pruned, whatever its age.
    const running = session(NOW - 50 * DAY, null);
    expect(rowsOf(tmp.path, old)).toEqual([1, 1, 1, 1]);

    expect(store.prune(NOW)).toBe(1);
    expect(
      store
        .listSessions()
        .map((s) => s.id)
        .sort(),
    ).toEqual([recent, running].sort());
    expect(rowsOf(tmp.path, old)).toEqual([0, 0, 0, 0]);
    expect(rowsOf(tmp.path, recent)).toEqual([1, 1, 1, 1]);
    expect(rowsOf(tmp.path, running)).toEqual([1, 1, 1, 1]);
    expect(
      store
        .faultLog()
        .map((f) => f.sessionId)
        .sort(),
    ).toEqual([recent, running].sort());

    // The cutoff is exclusive: ended exactly retentionDays ago is kept, a millisecond more is not.
    expect(store.prune(NOW + 20 * DAY)).toBe(0);
    expect(store.prune(NOW + 20 * DAY + 1)).toBe(1);
    expect(store.listSessions().map((s) => s.id)).toEqual([running]);
  });

  it('prunes at open (after closing crashed sessions) and then once a day', async () => {
    const tmp = tempStorePath();
    cleanups.push(tmp.remove);
    const first = await storeWithClock(tmp.path);
    first.session(NOW - 45 * DAY, NOW - 44 * DAY);
    const recent = first.session(NOW - 25 * DAY, NOW - 25 * DAY + 3600_000);
    // A crashed session from long ago: never marked ended.
    const crashed = first.session(NOW - 35 * DAY, null);
    // Simulate the crash: the file is left as it is, no close().
    const raw = new Database(tmp.path);
    expect(raw.prepare('SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL').pluck().get()).toBe(
      1,
    );
    raw.close();

    const timers = manualTime(0);
    let clock = NOW;
    const store = await openRecordingStore({
      path: tmp.path,
      now: () => clock,
      scheduler: timers.scheduler,
    });
    cleanups.push(() => store.close());
    // At open: the crashed one was closed at its last row (35 days ago) and pruned with the old one.
    expect(store.status().recoveredSessions).toBe(1);
    expect(store.listSessions().map((s) => s.id)).toEqual([recent]);
    expect(rowsOf(tmp.path, crashed)).toEqual([0, 0, 0, 0]);

    // Six days later the daily timer finds `recent` past 30 days and deletes it, unasked.
    clock = NOW + 6 * DAY;
    timers.advance(DAY);
    expect(store.listSessions()).toEqual([]);
  });

  it('honours a configured retention and names a bad one', async () => {
    const tmp = tempStorePath();
    cleanups.push(tmp.remove);
    const first = await storeWithClock(tmp.path);
    first.session(NOW - 12 * DAY, NOW - 10 * DAY);
    const keep = first.session(NOW - 6 * DAY, NOW - 5 * DAY);
    first.store.close();

    const week = await openRecordingStore({
      path: tmp.path,
      now: () => NOW,
      retentionDays: 7,
      scheduler: manualTime(0).scheduler,
    });
    cleanups.push(() => week.close());
    expect(week.listSessions().map((s) => s.id)).toEqual([keep]);
    expect(() => week.prune(NOW, 0)).toThrow(
      /retentionDays must be a positive number of days, got 0/,
    );
    expect(() => week.prune(Number.NaN)).toThrow(/now must be a time/);
    week.close();

    const bad = await openRecordingStore({ path: tmp.path, retentionDays: -3 });
    expect(bad.available).toBe(false);
    expect(bad.reason).toMatch(/retentionDays must be a positive number of days, got -3/);
  });
});
