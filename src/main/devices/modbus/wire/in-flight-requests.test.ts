import { beforeEach, describe, expect, test } from 'vitest';
import { VirtualTime } from '../../../../shared/virtual-time.test-kit';
import { ModbusError, ModbusTimeoutError } from './modbus-errors';
import { InFlightRequests } from './in-flight-requests';

/** One shared timer for every request: each still times out at its own deadline. */

const TIMEOUT = 1000;
let time: VirtualTime;
let tracker: InFlightRequests;
let rejected: { what: string; at: number; err: ModbusError }[];

function add(what: string): ReturnType<InFlightRequests['add']> {
  return tracker.add(
    () => what,
    (err) => rejected.push({ what, at: time.now(), err }),
  );
}

beforeEach(() => {
  time = new VirtualTime();
  rejected = [];
  tracker = new InFlightRequests(
    TIMEOUT,
    (what) => new ModbusTimeoutError(`timeout ${what}`),
    time,
  );
});

describe('InFlightRequests', () => {
  test('a request times out at its deadline, not before, with the error naming it', () => {
    add('reading holding 0+10');
    time.advance(TIMEOUT - 1);
    expect(rejected).toEqual([]);
    time.advance(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.err).toBeInstanceOf(ModbusTimeoutError);
    expect(rejected[0]?.err.message).toBe('timeout reading holding 0+10');
    expect(tracker.size).toBe(0);
  });

  test('a request added after one that completed times out at its own deadline', () => {
    const first = add('first');
    time.advance(600);
    expect(tracker.settle(first)).toBe(true);
    add('second');
    // The timer armed for "first" fires at 1000 and must not take "second" (due at 1600).
    time.advance(400);
    expect(rejected).toEqual([]);
    time.advance(599);
    expect(rejected).toEqual([]);
    time.advance(1);
    expect(rejected.map((r) => [r.what, r.at])).toEqual([['second', 1600]]);
  });

  test('several in flight time out one after another, each at its deadline', () => {
    add('a');
    time.advance(100);
    add('b');
    time.advance(100);
    add('c');
    time.advance(2000);
    expect(rejected.map((r) => [r.what, r.at])).toEqual([
      ['a', 1000],
      ['b', 1100],
      ['c', 1200],
    ]);
  });

  test('a reply after the timeout is refused, and a settled request is never rejected', () => {
    const late = add('late');
    const done = add('done');
    expect(tracker.settle(done)).toBe(true);
    time.advance(TIMEOUT);
    expect(tracker.settle(late)).toBe(false);
    expect(rejected.map((r) => r.what)).toEqual(['late']);
  });

  test('onTimeout runs once after each sweep that timed something out', () => {
    let calls = 0;
    tracker = new InFlightRequests(
      TIMEOUT,
      (what) => new ModbusTimeoutError(what),
      time,
      () => (calls += 1),
    );
    add('a');
    add('b');
    time.advance(TIMEOUT);
    expect(rejected).toHaveLength(2);
    expect(calls).toBe(1);
  });

  test('failAll rejects everything in flight at once and leaves no timer behind', () => {
    add('a');
    add('b');
    tracker.failAll(() => new ModbusError('link lost'));
    expect(rejected.map((r) => [r.what, r.err.message, r.at])).toEqual([
      ['a', 'link lost', 0],
      ['b', 'link lost', 0],
    ]);
    expect(time.pending).toBe(0);
  });
});
