import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestWinsThrottle } from './latest-wins-throttle';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('latestWinsThrottle', () => {
  it('sends the first value at once, then the latest of each interval', () => {
    const sent: { at: number; value: number }[] = [];
    const t = latestWinsThrottle(
      100,
      (value: number) => sent.push({ at: Date.now(), value }),
      Date.now,
    );
    t.offer(1);
    t.offer(2);
    t.offer(3);
    expect(sent).toEqual([{ at: 0, value: 1 }]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([
      { at: 0, value: 1 },
      { at: 100, value: 3 },
    ]);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
    t.offer(4);
    expect(sent.at(-1)).toEqual({ at: 600, value: 4 });
  });

  it('dispose drops a held value', () => {
    const sent: number[] = [];
    const t = latestWinsThrottle(100, (v: number) => sent.push(v), Date.now);
    t.offer(1);
    t.offer(2);
    t.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([1]);
  });
});
