import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the burst, then the rate; each client has its own bucket', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerS: 20, burst: 10, now: () => now });
    const burst = Array.from({ length: 10 }, () => limiter.take('a').ok);
    expect(burst.every(Boolean)).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterS: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now += 50; // one token at 20/s
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    // Sustained: 20 a second pass, the 21st does not.
    now += 10_000;
    let passed = 0;
    for (let ms = 0; ms < 1000; ms += 10) {
      now += 10;
      if (limiter.take('c').ok) passed++;
    }
    expect(passed).toBeGreaterThanOrEqual(20 + 9);
    expect(passed).toBeLessThanOrEqual(20 + 10);
  });

  it('forgets the idlest clients beyond its size', () => {
    const limiter = new RateLimiter({ ratePerS: 1, burst: 1, now: () => 0, maxClients: 3 });
    for (const c of ['a', 'b', 'c', 'd']) limiter.take(c);
    expect(limiter.size).toBe(3);
    expect(limiter.take('a').ok).toBe(true); // forgotten, so a fresh bucket
  });

  it('refuses a configuration that would let nothing through', () => {
    expect(() => new RateLimiter({ ratePerS: 0, burst: 1, now: () => 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ ratePerS: 1, burst: 0, now: () => 0 })).toThrow(RangeError);
  });
});
