import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { BridgeError, RequestTracker } from './request-tracker';

describe('RequestTracker', () => {
  it('gives each request a new id and carries the token when given', () => {
    const t = new RequestTracker(new VirtualTime());
    const a = t.open('getSnapshot', {}, 1000);
    const b = t.open('command', { command: { type: 'stop' } }, 1000, 'tok');
    expect(a.envelope).toEqual({ id: 1, method: 'getSnapshot', params: {} });
    expect(b.envelope).toEqual({
      id: 2,
      method: 'command',
      params: { command: { type: 'stop' } },
      token: 'tok',
    });
    expect(t.size).toBe(2);
  });

  it('settles the request whose id the reply names', async () => {
    const timers = new VirtualTime();
    const t = new RequestTracker(timers);
    const a = t.open('getSnapshot', {}, 1000);
    const b = t.open('getFaultLog', {}, 1000);
    expect(t.settle({ id: 2, ok: true, result: ['log'] })).toBe(true);
    expect(t.settle({ id: 1, ok: false, error: 'no snapshot yet' })).toBe(true);
    await expect(b.result).resolves.toEqual(['log']);
    await expect(a.result).rejects.toMatchObject({ kind: 'server', message: 'no snapshot yet' });
    expect(t.size).toBe(0);
    expect(timers.pending).toBe(0);
  });

  it('ignores replies nobody waits for', () => {
    const t = new RequestTracker(new VirtualTime());
    t.open('getSnapshot', {}, 1000);
    expect(t.settle({ id: 99, ok: true, result: 1 })).toBe(false);
    expect(t.settle({ id: null, ok: false, error: 'x' })).toBe(false);
    expect(t.size).toBe(1);
  });

  it('times a request out, and a late reply then changes nothing', async () => {
    const timers = new VirtualTime();
    const t = new RequestTracker(timers);
    const a = t.open('getHistory', { window: '1h' }, 5000);
    timers.advance(4999);
    expect(t.has(1)).toBe(true);
    timers.advance(1);
    await expect(a.result).rejects.toMatchObject({ kind: 'timeout' });
    expect(t.settle({ id: 1, ok: true, result: 'late' })).toBe(false);
  });

  it('fails every waiting request at once', async () => {
    const t = new RequestTracker(new VirtualTime());
    const a = t.open('getSnapshot', {}, 1000);
    const b = t.open('command', {}, 1000);
    t.failAll(new BridgeError('disconnected', 'gone'));
    await expect(a.result).rejects.toBeInstanceOf(BridgeError);
    await expect(b.result).rejects.toMatchObject({ kind: 'disconnected', message: 'gone' });
    expect(t.size).toBe(0);
  });
});
