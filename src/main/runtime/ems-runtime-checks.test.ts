import { describe, expect, test } from 'vitest';
import type { CycleSample } from './cycle-sample';
import { makeRig, POLL_MS, type RuntimeRig } from './runtime.test-kit';

/** A started runtime in STANDBY with every link fresh. */
async function standby(rig: RuntimeRig): Promise<void> {
  rig.runtime.start();
  rig.runtime.command({ type: 'start' });
  await rig.clock.runFor(POLL_MS * 2);
  expect(rig.runtime.snapshot().state).toBe('STANDBY');
}

describe('commissioning check hooks', () => {
  test('a test output is written without the site ramp and cleared to 0 W', async () => {
    const rig = makeRig({ watchdogTimeoutS: 10 });
    await standby(rig);
    expect(rig.runtime.setTestOutput({ watts: -1000, bypassRamp: true })).toEqual({ ok: true });
    await rig.clock.runFor(POLL_MS);
    expect(rig.inverter.writes.at(-1)).toBe(-1000);
    rig.runtime.setTestOutput(null);
    await rig.clock.runFor(POLL_MS);
    expect(rig.inverter.writes.at(-1)).toBe(0);
  });

  test('held writes stop the refresh, but a fault still ends the hold with 0 W', async () => {
    const rig = makeRig({ watchdogTimeoutS: 3 });
    await standby(rig);
    rig.runtime.setTestOutput({ watts: 500, bypassRamp: true });
    await rig.clock.runFor(POLL_MS);
    rig.runtime.holdWrites(true);
    const before = rig.inverter.writes.length;
    // The refresh is due every second (a third of 3 s): none goes out while held.
    await rig.clock.runFor(4000);
    expect(rig.inverter.writes.length).toBe(before);
    expect(rig.runtime.holdingWrites).toBe(true);
    // The meter is lost: FAULT, and the 0 W write goes out although writes were held.
    rig.meter.readAnswer = new Error('meter test:1: timeout');
    await rig.clock.runFor(10_000);
    expect(rig.runtime.snapshot().state).toBe('FAULT');
    expect(rig.inverter.writes.at(-1)).toBe(0);
    expect(rig.runtime.holdingWrites).toBe(false);
  });

  test('a dropped meter link faults the site in software and the samples show it', async () => {
    const rig = makeRig();
    await standby(rig);
    const samples: CycleSample[] = [];
    rig.runtime.onCycle((s) => samples.push(s));
    const readsBefore = rig.meter.reads;
    rig.runtime.dropMeterLink(true);
    await rig.clock.runFor(10_000);
    expect(rig.meter.reads).toBe(readsBefore);
    expect(samples.at(-1)).toMatchObject({ gridW: null, state: 'FAULT', setpointW: 0 });
    rig.runtime.dropMeterLink(false);
    await rig.clock.runFor(5_000);
    expect(rig.runtime.snapshot().state).toBe('STANDBY');
  });
});
