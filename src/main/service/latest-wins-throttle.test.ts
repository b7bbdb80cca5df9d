import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../shared/virtual-time.test-kit';
import { latestWinsThrottle } from './latest-wins-throttle';

describe('latestWinsThrottle', () => {
  it('sends the first value at once, then the latest of each interval', () => {
    const time = new VirtualTime();
    const sent: { at: number; value: number }[] = [];
    const t = latestWinsThrottle(
      100,
      (value: number) => sent.push({ at: time.now(), value }),
      time,
    );
    t.offer(1);
    t.offer(2);
    t.offer(3);
    expect(sent).toEqual([{ at: 0, value: 1 }]);
    time.advance(100);
    expect(sent).toEqual([
      { at: 0, value: 1 },
      { at: 100, value: 3 },
    ]);
    time.advance(500);
    expect(sent).toHaveLength(2);
    t.offer(4);
    expect(sent.at(-1)).toEqual({ at: 600, value: 4 });
  });

  it('dispose drops a held value', () => {
    const time = new VirtualTime();
    const sent: number[] = [];
    const t = latestWinsThrottle(100, (v: number) => sent.push(v), time);
    t.offer(1);
    t.offer(2);
    t.dispose();
    time.advance(1000);
    expect(sent).toEqual([1]);
    expect(time.pending).toBe(0);
  });
});
