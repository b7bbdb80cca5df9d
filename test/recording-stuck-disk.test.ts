import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordingStore } from '../src/main/recording/recording-store';
import { eventAt, manualTime, snapshotAt, tempStorePath } from './fixtures/recording-harness';

const T0 = Date.UTC(2025, 3, 1, 0, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('recording store when the disk will not take writes', () => {
  it('keeps retrying, bounds the buffer by dropping the oldest rows, and catches up afterwards', async () => {
    const tmp = tempStorePath();
    const time = manualTime(T0);
    const store = await openRecordingStore({
      path: tmp.path,
      now: time.now,
      scheduler: time.scheduler,
      maxBufferedRows: 50,
      busyTimeoutMs: 0,
    });
    cleanups.push(tmp.remove, () => store.close());
    const id = store.startSession({ siteName: 's', hostKind: 'headless' })!;
    store.recordEvent(eventAt(T0, 'before'));
    time.advance(1000);

    // Another connection holds the write lock: every flush now fails with SQLITE_BUSY.
    const blocker = new Database(tmp.path);
    cleanups.unshift(() => blocker.close());
    blocker.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 120; i++) {
      store.recordEvent(eventAt(time.now(), `e${i}`));
      time.advance(100);
    }
    // 10/s snapshots for 5 s while stuck: thinning keeps one per second in the buffer.
    const stuckSnapshots = 50;
    for (let i = 0; i < stuckSnapshots; i++) {
      store.recordSnapshot(snapshotAt(time.now(), { setpointW: i }));
      time.advance(100);
    }
    const stuck = store.status();
    expect(stuck.buffered).toBe(50);
    expect(stuck.dropped).toBe(120 + 5 - 50);
    expect(stuck.lastError).toMatch(
      /flush failed, 50 rows kept for the next try: database is locked/,
    );
    expect(store.sessionEvents(id).map((e) => e.message)).toEqual(['before']);

    blocker.exec('ROLLBACK');
    time.advance(1000);
    const recovered = store.status();
    expect(recovered).toMatchObject({ buffered: 0, dropped: 75, lastError: null });
    // What survived: the row before the jam and the newest rows that fitted in the buffer.
    const events = store.sessionEvents(id).map((e) => e.message);
    expect(events).toEqual(['before', ...Array.from({ length: 45 }, (_, i) => `e${i + 75}`)]);
    expect(store.sessionSnapshots(id).map((s) => s.setpointW)).toEqual([9, 19, 29, 39, 49]);
  });
});
