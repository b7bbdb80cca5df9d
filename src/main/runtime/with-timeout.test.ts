import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { never } from './runtime.test-kit';
import { withTimeout } from './with-timeout';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  test('passes a value through and leaves no timer behind', async () => {
    await expect(withTimeout(Promise.resolve(7), 100, 'x')).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('passes a rejection through unchanged', async () => {
    const err = new Error('device said no');
    await expect(withTimeout(Promise.reject(err), 100, 'x')).rejects.toBe(err);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('rejects after `ms` naming what timed out, not a moment before', async () => {
    let outcome: string | null = null;
    withTimeout(never<number>(), 500, 'meter read').catch((e: Error) => {
      outcome = e.message;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(outcome).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe('meter read: no answer within 500 ms');
  });

  test('a late answer after the timeout changes nothing and raises no unhandled rejection', async () => {
    let reject: (e: Error) => void = () => undefined;
    const late = new Promise<number>((_, r) => (reject = r));
    const p = withTimeout(late, 10, 'write');
    const check = expect(p).rejects.toThrow('write: no answer within 10 ms');
    await vi.advanceTimersByTimeAsync(10);
    await check;
    reject(new Error('too late'));
    await vi.advanceTimersByTimeAsync(10);
  });
});
