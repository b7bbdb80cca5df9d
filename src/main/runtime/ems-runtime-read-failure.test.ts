import { describe, expect, test } from 'vitest';
import { makeRig, POLL_MS, type RuntimeRig } from './runtime.test-kit';

/** Self-consumption discharging 1000 W into a 1000 W import, settled after four cycles. */
async function discharging(): Promise<RuntimeRig> {
  const rig = makeRig({ gridW: 1000 });
  rig.runtime.start();
  rig.runtime.command({ type: 'start' });
  rig.runtime.command({ type: 'setMode', mode: 'SELF_CONSUMPTION' });
  await rig.clock.runFor(POLL_MS * 4 - 1);
  expect(rig.inverter.writes.at(-1)).toBe(1000);
  return rig;
}

describe('reads fail while writes still work', () => {
  test('the inverter read fails: 0 W reaches the device within the bound, and is refreshed', async () => {
    const rig = await discharging();
    const failedAt = rig.clock.now();
    rig.inverter.readAnswer = new Error('inverter test:2: exception 4 (slave device failure)');
    await rig.clock.runFor(5000);
    const zeroAt = rig.inverter.writeTimes[rig.inverter.writes.lastIndexOf(1000) + 1];
    expect(rig.runtime.snapshot().state).toBe('FAULT');
    expect(rig.inverter.writes.at(-1)).toBe(0);
    expect(zeroAt).toBeDefined();
    expect((zeroAt ?? Infinity) - failedAt).toBeLessThanOrEqual(5000);
    // Refreshed inside the watchdog period (30 s: a third of it, at most 5 s), reads still failing.
    const zeros = rig.inverter.writes.filter((w) => w === 0).length;
    await rig.clock.runFor(10_000);
    expect(rig.inverter.writes.filter((w) => w === 0).length).toBeGreaterThan(zeros);
  });

  test('both reads fail: 0 W still goes out', async () => {
    const rig = await discharging();
    rig.inverter.readAnswer = new Error('inverter test:2: timed out');
    rig.meter.readAnswer = new Error('meter test:1: timed out');
    await rig.clock.runFor(5000);
    expect(rig.runtime.snapshot().state).toBe('FAULT');
    expect(rig.inverter.writes.at(-1)).toBe(0);
  });

  test('STOP writes 0 W once, confirms it, then leaves the device alone even while reads fail', async () => {
    const rig = await discharging();
    rig.inverter.readAnswer = new Error('inverter test:2: timed out');
    rig.runtime.command({ type: 'stop' });
    await rig.clock.runFor(POLL_MS * 2);
    expect(rig.inverter.writes.at(-1)).toBe(0);
    const calls = rig.inverter.writeCalls.length;
    await rig.clock.runFor(20_000);
    expect(rig.inverter.writeCalls.length).toBe(calls);
  });
});
