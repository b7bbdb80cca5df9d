import { describe, expect, test } from 'vitest';
import { VirtualTime } from './virtual-time.test-kit';

describe('VirtualTime', () => {
  test('runUntil fires timers in time order and lets every promise chain settle in between', async () => {
    const time = new VirtualTime();
    const seen: string[] = [];
    time.timeout(() => {
      // A chain of awaits that schedules a timer at its end, as a Modbus transaction does.
      void (async () => {
        for (let i = 0; i < 50; i++) await Promise.resolve();
        time.timeout(() => seen.push(`chained@${time.now()}`), 5);
      })();
    }, 10);
    time.timeout(() => seen.push(`plain@${time.now()}`), 20);
    const stopTicks = time.interval(() => seen.push(`tick@${time.now()}`), 12);
    await time.runUntil(30);
    stopTicks();
    await time.runUntil(100);
    expect(seen).toEqual(['tick@12', 'chained@15', 'plain@20', 'tick@24']);
    expect(time.now()).toBe(100);
    expect(time.pending).toBe(0);
  });

  test('advance fires due timers synchronously, oldest first among equals, and never one cancelled', () => {
    const time = new VirtualTime({ wallEpochMs: 1_000_000 });
    const seen: string[] = [];
    time.timeout(() => seen.push('a'), 10);
    time.timeout(() => seen.push('b'), 10);
    const cancel = time.timeout(() => seen.push('cancelled'), 5);
    cancel();
    time.advance(9);
    expect(seen).toEqual([]);
    time.advance(1);
    expect(seen).toEqual(['a', 'b']);
    expect(time.wallNow()).toBe(1_000_010);
    expect(() => time.advance(-1)).toThrow(RangeError);
  });
});
