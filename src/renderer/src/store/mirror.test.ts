import { describe, expect, it } from 'vitest';
import {
  appendEvent,
  errorText,
  EVENT_LIMIT,
  mergeStoredEvents,
  PushCounter,
  type EventEntry,
} from './mirror';

const ev = (seq: number): EventEntry => ({
  seq,
  time: '2026-11-29T10:00:00Z',
  kind: 'state',
  message: `e${seq}`,
});

describe('appendEvent', () => {
  it('appends newest last without touching the old array', () => {
    const a: EventEntry[] = [ev(1)];
    const b = appendEvent(a, ev(2));
    expect(b.map((e) => e.seq)).toEqual([1, 2]);
    expect(a).toHaveLength(1);
  });

  it(`keeps the last ${EVENT_LIMIT} events`, () => {
    let events: readonly EventEntry[] = [];
    for (let i = 1; i <= EVENT_LIMIT + 50; i++) events = appendEvent(events, ev(i));
    expect(events).toHaveLength(EVENT_LIMIT);
    expect(events[0]?.seq).toBe(51);
    expect(events[EVENT_LIMIT - 1]?.seq).toBe(EVENT_LIMIT + 50);
  });

  it('honours a smaller limit', () => {
    const events = [1, 2, 3, 4].reduce<readonly EventEntry[]>(
      (acc, i) => appendEvent(acc, ev(i), 3),
      [],
    );
    expect(events.map((e) => e.seq)).toEqual([2, 3, 4]);
  });
});

describe('PushCounter', () => {
  it('tells whether a push arrived since a mark', () => {
    const c = new PushCounter();
    const m = c.mark();
    expect(c.unchangedSince(m)).toBe(true);
    c.bump();
    expect(c.unchangedSince(m)).toBe(false);
    expect(c.unchangedSince(c.mark())).toBe(true);
  });
});

describe('errorText', () => {
  it('gives the message of anything thrown', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText('plain')).toBe('plain');
    expect(errorText(42)).toBe('unknown error');
  });
});

describe('mergeStoredEvents', () => {
  const at = (sec: number, message: string) => ({
    time: `2026-11-29T10:00:${String(sec).padStart(2, '0')}.000Z`,
    kind: 'state',
    message,
  });

  it('puts the stored events of earlier runs before the pushed ones, each event once', () => {
    let seq = 100;
    const pushed: EventEntry[] = [{ ...at(30, 'pushed'), seq: 1 }];
    const merged = mergeStoredEvents(
      pushed,
      [at(10, 'earlier run'), at(30, 'pushed')],
      () => ++seq,
    );
    expect(merged.map((e) => [e.message, e.seq])).toEqual([
      ['earlier run', 101],
      ['pushed', 1],
    ]);
    // Nothing new: the same array comes back (no re-render).
    expect(mergeStoredEvents(merged, [at(10, 'earlier run')], () => ++seq)).toBe(merged);
  });

  it('keeps the newest within the limit', () => {
    const merged = mergeStoredEvents([], [at(1, 'a'), at(2, 'b'), at(3, 'c')], () => 0, 2);
    expect(merged.map((e) => e.message)).toEqual(['b', 'c']);
  });
});
