import { describe, expect, it } from 'vitest';
import type { SnapshotRecord } from './recording-types';
import { WriteBuffer, type BufferedRow } from './write-buffer';

function snapshot(sessionId: number, t: number): BufferedRow {
  const row = { t, setpointW: t } as unknown as SnapshotRecord;
  return { table: 'snapshots', sessionId, row };
}
function event(sessionId: number, t: number): BufferedRow {
  return { table: 'events', sessionId, row: { t, kind: 'info', code: null, message: `e${t}` } };
}
const times = (b: WriteBuffer): number[] => b.peek().map((r) => r.row.t);

describe('WriteBuffer', () => {
  it('keeps the last snapshot of each second, per session', () => {
    const b = new WriteBuffer(100);
    for (const t of [1000, 1100, 1999, 2000, 2500]) b.push(snapshot(1, t));
    b.push(snapshot(2, 2600));
    b.push(snapshot(1, 2700));
    expect(times(b)).toEqual([1999, 2500, 2600, 2700]);
  });

  it('thins only against the newest snapshot, with events in between', () => {
    const b = new WriteBuffer(100);
    b.push(snapshot(1, 1000));
    b.push(event(1, 1050));
    b.push(snapshot(1, 1900));
    expect(times(b)).toEqual([1900, 1050]);
    // A late snapshot of an older second is not merged into a newer one.
    b.push(snapshot(1, 2100));
    b.push(snapshot(1, 1950));
    expect(times(b)).toEqual([1900, 1050, 2100, 1950]);
  });

  it('drops the oldest rows past its capacity and counts them', () => {
    const b = new WriteBuffer(3);
    for (let i = 0; i < 5; i++) b.push(event(1, i));
    expect(times(b)).toEqual([2, 3, 4]);
    expect(b.dropped).toBe(2);
    // The newest snapshot index survives the drop and still thins.
    b.push(snapshot(1, 5000));
    b.push(event(1, 5));
    b.push(event(1, 6));
    b.push(snapshot(1, 5500));
    expect(times(b)).toEqual([5500, 5, 6]);
    b.push(event(1, 7));
    b.push(snapshot(1, 5600));
    expect(times(b)).toEqual([6, 7, 5600]);
    expect(b.dropped).toBe(7);
    b.clear();
    expect(b.size).toBe(0);
    expect(b.dropped).toBe(7);
  });

  it('names a bad capacity', () => {
    expect(() => new WriteBuffer(0)).toThrow(/capacity must be a positive integer, got 0/);
  });
});
