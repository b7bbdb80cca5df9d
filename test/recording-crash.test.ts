import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordingStore } from '../src/main/recording/recording-store';
import { spawnTsx, type TsxProcess } from './support/tsx-process';
import { snapshotAt, tempStorePath } from './fixtures/recording-harness';
import { STARTUP_TIMEOUT_MS } from './support/startup-timeout';

interface FlushLine {
  flushed: number;
  secondsBefore: number;
  sumBefore: number;
  events: number;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const isFlush = (line: string): boolean => line.startsWith('{"flushed"');
const isRecorded = (line: string): boolean => line.startsWith('{"recorded"');

describe('recording store crash recovery', () => {
  it('after kill -9 the file opens, keeps everything flushed and closes the session as ended unexpectedly', async () => {
    const tmp = tempStorePath();
    cleanups.push(tmp.remove);
    const writer: TsxProcess = spawnTsx('test/fixtures/recording-writer.ts', [tmp.dir]);
    cleanups.unshift(() => writer.kill('SIGKILL'));
    await writer.waitForLine((l) => l.includes('"ready"'), STARTUP_TIMEOUT_MS);
    let from = 0;
    for (let i = 0; i < 3; i++) {
      const line = await writer.waitForLine(isFlush, 10_000, from);
      from = writer.lines.indexOf(line, from) + 1;
    }
    // Kill between two flushes, when there is an unflushed part-second in memory: a few
    // snapshots recorded after the last flush line.
    for (let i = 0; i < 4; i++) {
      const line = await writer.waitForLine(isRecorded, 10_000, from);
      from = writer.lines.indexOf(line, from) + 1;
    }
    writer.kill('SIGKILL');
    await writer.exited;
    expect(writer.child.signalCode).toBe('SIGKILL');

    const last = JSON.parse(writer.lines.filter(isFlush).at(-1)!) as FlushLine;
    const path = join(tmp.dir, 'recording.db');
    // The committed data sits in the write-ahead log: reopening must replay it.
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    const store = await openRecordingStore({ path });
    cleanups.unshift(() => store.close());
    expect(store.reason).toBeNull();
    expect(store.status().recoveredSessions).toBe(1);
    const [session, ...others] = store.listSessions();
    expect(others).toEqual([]);
    expect(session).toMatchObject({
      siteName: 'crash test',
      hostKind: 'fixture',
      endedUnexpectedly: true,
    });

    const snapshots = store.sessionSnapshots(session!.id, { limit: 100_000 });
    const events = store.sessionEvents(session!.id, { limit: 100_000 });
    const newestRow = Math.max(...snapshots.map((s) => s.t), ...events.map((e) => e.t));
    expect(session!.endedAt).toBe(newestRow);

    // Every second before the last reported flush is there, holding that second's last snapshot.
    const lastSecond = Math.floor(last.flushed / 1000);
    const before = snapshots.filter((s) => Math.floor(s.t / 1000) < lastSecond);
    expect(before.length).toBe(last.secondsBefore);
    expect(before.reduce((sum, s) => sum + s.t, 0)).toBe(last.sumBefore);
    expect(snapshots.find((s) => Math.floor(s.t / 1000) === lastSecond)?.t).toBeGreaterThanOrEqual(
      last.flushed,
    );
    expect(events.length).toBeGreaterThanOrEqual(last.events);
    // Nothing flushed was lost: the newest row is at least the newest reported flushed.
    expect(newestRow).toBeGreaterThanOrEqual(last.flushed);

    // The file is sound and takes a new session.
    const next = store.startSession({ siteName: 'after crash', hostKind: 'fixture' })!;
    store.recordSnapshot(snapshotAt(Date.now()));
    expect(store.flush()).toMatchObject({ rows: 1 });
    expect(store.sessionSnapshots(next)).toHaveLength(1);
    const raw = new Database(path, { readonly: true });
    cleanups.unshift(() => raw.close());
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
