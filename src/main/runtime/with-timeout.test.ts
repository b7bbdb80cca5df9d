import { describe, expect, test } from 'vitest';
import { nodeVirtualTime } from '../util/node-virtual-time.test-kit';
import { never } from './runtime.test-kit';
import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  test('passes a value through and leaves no timer behind', async () => {
    const time = nodeVirtualTime();
    await expect(withTimeout(time, Promise.resolve(7), 100, 'x')).resolves.toBe(7);
    expect(time.pending).toBe(0);
  });

  test('passes a rejection through unchanged', async () => {
    const time = nodeVirtualTime();
    const err = new Error('device said no');
    await expect(withTimeout(time, Promise.reject(err), 100, 'x')).rejects.toBe(err);
    expect(time.pending).toBe(0);
  });

  test('rejects after `ms` naming what timed out, not a moment before', async () => {
    const time = nodeVirtualTime();
    let outcome: string | null = null;
    withTimeout(time, never<number>(), 500, 'meter read').catch((e: Error) => {
      outcome = e.message;
    });
    await time.runFor(499);
    expect(outcome).toBeNull();
    await time.runFor(1);
    expect(outcome).toBe('meter read: no answer within 500 ms');
  });

  test('a late answer after the timeout changes nothing and raises no unhandled rejection', async () => {
    const time = nodeVirtualTime();
    let reject: (e: Error) => void = () => undefined;
    const late = new Promise<number>((_, r) => (reject = r));
    const p = withTimeout(time, late, 10, 'write');
    const check = expect(p).rejects.toThrow('write: no answer within 10 ms');
    await time.runFor(10);
    await check;
    reject(new Error('too late'));
    await time.runFor(10);
  });
});
