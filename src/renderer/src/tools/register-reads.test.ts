import { describe, expect, it } from 'vitest';
import type { RegisterPointView, RegisterReadView } from '../../../shared/commissioning-views';
import { isStale, NO_READS, pointLabel, readFailed, readSucceeded } from './register-reads';

const block = (address: number): RegisterReadView => ({
  device: 'inverter',
  kind: 'holding',
  address,
  registers: [],
  rows: [],
  points: [],
});

describe('register reads', () => {
  it('keeps the last good block when a read fails, marked stale with both times', () => {
    let s = readSucceeded(NO_READS, block(0), 1000);
    expect(isStale(s)).toBe(false);
    s = readFailed(s, 'inverter: timeout after 500 ms', 5000);
    expect(isStale(s)).toBe(true);
    expect(s.last).toEqual({ read: block(0), at: 1000 });
    expect(s.failure).toEqual({ error: 'inverter: timeout after 500 ms', at: 5000 });
    s = readSucceeded(s, block(0), 6000);
    expect([isStale(s), s.last?.at, s.failure]).toEqual([false, 6000, null]);
  });

  it('shows a failure before any good read without a stale table', () => {
    const s = readFailed(NO_READS, 'refused', 1);
    expect([isStale(s), s.last]).toEqual([false, null]);
  });
});

describe('pointLabel', () => {
  const points: RegisterPointView[] = [
    { name: 'status', kind: 'holding', address: 3, count: 1, type: 'uint16', unit: '' },
    { name: 'setpointW', kind: 'holding', address: 8, count: 2, type: 'int32', unit: 'W' },
  ];
  it('names the point that starts or continues at a register', () => {
    expect(pointLabel(points, 3)).toBe('status (uint16)');
    expect(pointLabel(points, 8)).toBe('setpointW (int32, W)');
    expect(pointLabel(points, 9)).toBe('setpointW (word 2 of 2)');
    expect(pointLabel(points, 10)).toBe('');
  });
});
