import { describe, expect, test } from 'vitest';
import { VirtualTime } from '../../shared/virtual-time.test-kit';
import { fakeInverter } from './runtime.test-kit';
import { SetpointWriter } from './setpoint-writer';

/** A clock that stays at 0; the writer itself only sees the `now` it is given. */
const clock = new VirtualTime();

describe('SetpointWriter', () => {
  test('writes the first setpoint, rounded, and remembers it once confirmed', async () => {
    const inv = fakeInverter(clock);
    const w = new SetpointWriter(inv);
    expect(w.written).toBeNull();
    await expect(w.write(1234.6, 0)).resolves.toBe(true);
    expect(inv.writes).toEqual([1235]);
    expect(w.written).toBe(1235);
  });

  test('does not rewrite an unchanged setpoint, nor one that moved by less than 1 W', async () => {
    const inv = fakeInverter(clock);
    const w = new SetpointWriter(inv);
    await w.write(500, 0);
    await expect(w.write(500, 100)).resolves.toBe(false);
    await expect(w.write(500.4, 200)).resolves.toBe(false);
    await expect(w.write(-500, 300)).resolves.toBe(true);
    expect(inv.writes).toEqual([500, -500]);
  });

  test('re-sends an unchanged setpoint after a third of the watchdog timeout', async () => {
    const w = new SetpointWriter(fakeInverter(clock, 6));
    await w.write(800, 1000);
    expect(w.isDue(800, 2999)).toBe(false);
    expect(w.isDue(800, 3000)).toBe(true);
  });

  test('re-sends at least every 5 s with a long watchdog or none', async () => {
    for (const timeoutS of [60, null]) {
      const w = new SetpointWriter(fakeInverter(clock, timeoutS));
      await w.write(800, 0);
      expect(w.isDue(800, 4999)).toBe(false);
      expect(w.isDue(800, 5000)).toBe(true);
    }
  });

  test('invalidate() forces the next write (the device may have reverted)', async () => {
    const inv = fakeInverter(clock);
    const w = new SetpointWriter(inv);
    await w.write(300, 0);
    w.invalidate();
    expect(w.written).toBeNull();
    await expect(w.write(300, 10)).resolves.toBe(true);
    expect(inv.writes).toEqual([300, 300]);
  });

  test('a failed write rejects, leaves the setpoint unknown and is retried on the next call', async () => {
    const inv = fakeInverter(clock);
    const w = new SetpointWriter(inv);
    await w.write(300, 0);
    inv.writeAnswer = new Error('inverter test:2: timed out');
    await expect(w.write(400, 10)).rejects.toThrow('timed out');
    expect(w.written).toBeNull();
    // Even the old value counts as unknown now: the device may hold either.
    inv.writeAnswer = 'ok';
    await expect(w.write(300, 20)).resolves.toBe(true);
    expect(inv.writes).toEqual([300, 300]);
    expect(w.written).toBe(300);
  });
});
