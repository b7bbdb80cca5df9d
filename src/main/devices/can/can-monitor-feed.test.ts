import { describe, expect, it } from 'vitest';
import { createCanMonitorFeed } from './can-monitor-feed';
import type { CanMonitorUpdate } from './can-monitor-feed';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';

describe('CAN monitor feed', () => {
  it('publishes at most every interval, only when frames arrived, with counts and rates per id', () => {
    const time = new VirtualTime();
    const updates: CanMonitorUpdate[] = [];
    // Asked for 20 ms, the feed keeps its floor of 100 ms.
    const feed = createCanMonitorFeed((u) => updates.push(u), { clock: time, intervalMs: 20 });
    for (let i = 0; i < 400; i++)
      feed.accept({ id: i % 2 === 0 ? 0x351 : 0x356, data: Uint8Array.from([i & 0xff]) }, i);
    time.advance(99);
    expect(updates).toHaveLength(0);
    time.advance(101);
    expect(updates).toHaveLength(1);
    expect(feed.published()).toBe(1);
    expect(updates[0]).toMatchObject({
      totalFrames: 400,
      ids: [
        { id: 0x351, label: '0x351', count: 200, ratePerS: 2000, lastData: [142] },
        { id: 0x356, label: '0x356', count: 200, ratePerS: 2000, lastData: [143] },
      ],
    });
    feed.accept({ id: 0x351, data: new Uint8Array(0) }, 300);
    time.advance(100);
    expect(updates[1]?.ids[0]).toMatchObject({ count: 201, ratePerS: 5 });
  });

  it('itemises at most 2048 ids and counts the rest', () => {
    const updates: CanMonitorUpdate[] = [];
    const time = new VirtualTime();
    const feed = createCanMonitorFeed((u) => updates.push(u), { clock: time });
    for (let id = 0; id < 3000; id++)
      feed.accept({ id, data: new Uint8Array(0), extended: true }, 0);
    time.advance(100);
    expect(updates[0]?.ids).toHaveLength(2048);
    expect(updates[0]?.untrackedFrames).toBe(952);
  });
});
