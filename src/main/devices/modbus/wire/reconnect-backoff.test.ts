import { describe, expect, it } from 'vitest';
import { ReconnectBackoff } from './reconnect-backoff';

describe('ReconnectBackoff', () => {
  it('allows the first attempt at once, then doubles the wait up to the cap', () => {
    const b = new ReconnectBackoff({ initialMs: 250, maxMs: 1000 });
    expect(b.canAttempt(0)).toBe(true);
    expect([b.failed(0), b.failed(0), b.failed(0), b.failed(0)]).toEqual([250, 500, 1000, 1000]);
    expect(b.canAttempt(999)).toBe(false);
    expect(b.waitMs(400)).toBe(600);
    expect(b.canAttempt(1000)).toBe(true);
  });

  it('starts over after a success', () => {
    const b = new ReconnectBackoff();
    b.failed(0);
    b.failed(0);
    b.succeeded();
    expect(b.canAttempt(0)).toBe(true);
    expect(b.failed(10)).toBe(250);
    expect(b.waitMs(10)).toBe(250);
  });

  it('defaults to 250 ms doubling to 5 s', () => {
    const b = new ReconnectBackoff();
    const delays = Array.from({ length: 7 }, () => b.failed(0));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });
});
