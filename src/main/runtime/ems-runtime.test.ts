import { describe, expect, test } from 'vitest';
import type { CoreEvent } from '../core';
import type { EmsSnapshot } from '../../shared/snapshot';
import { makeRig, POLL_MS, type RuntimeRig } from './runtime.test-kit';

/** Starts the loop and asks for self-consumption, as the hosts do. */
function startSelfConsumption(rig: RuntimeRig): void {
  rig.runtime.start();
  expect(rig.runtime.command({ type: 'start' })).toEqual({ ok: true });
  rig.runtime.command({ type: 'setMode', mode: 'SELF_CONSUMPTION' });
}

describe('start-up', () => {
  test('setMode SELF_CONSUMPTION waits in STANDBY until every link delivered, then enters it', async () => {
    const rig = makeRig({ gridW: 1000 });
    rig.runtime.start();
    rig.runtime.command({ type: 'start' });
    rig.meter.readAnswer = new Error('meter test:1: connection refused');
    const r = rig.runtime.command({ type: 'setMode', mode: 'SELF_CONSUMPTION' });
    expect(r).toEqual({ ok: true, pending: 'waiting for links: meter, inverter' });

    await rig.clock.runFor(POLL_MS * 4);
    expect(rig.runtime.snapshot()).toMatchObject({
      state: 'STANDBY',
      pendingMode: 'SELF_CONSUMPTION',
    });
    expect(rig.runtime.snapshot().links.inverter.health).toBe('ok');

    rig.meter.readAnswer = 'ok';
    await rig.clock.runFor(POLL_MS);
    expect(rig.runtime.snapshot()).toMatchObject({
      state: 'SELF_CONSUMPTION',
      mode: 'SELF_CONSUMPTION',
      pendingMode: null,
      modbusOk: true,
    });
  });

  test('before the first poll nothing is shown as measured', () => {
    const rig = makeRig({ gridW: 1000 });
    expect(rig.runtime.snapshot()).toMatchObject({
      state: 'STOP',
      gridW: null,
      inverterW: null,
      soc: null,
      modbusOk: false,
      canOk: null,
    });
    expect(rig.runtime.snapshot().links.meter).toEqual({
      health: 'connecting',
      ageMs: null,
      lastError: null,
    });
  });
});

describe('control output', () => {
  test('a grid import is answered by a discharge setpoint that ramps toward the import', async () => {
    const rig = makeRig({ gridW: 1000 });
    startSelfConsumption(rig);
    await rig.clock.runFor(POLL_MS * 8);
    // The first active step may not move (no ramp time yet); then 2000 W/s x 0.25 s per step.
    expect(rig.inverter.writes).toEqual([0, 500, 1000]);
    expect(rig.runtime.snapshot()).toMatchObject({ gridW: 1000, setpointW: 1000 });
  });

  test('a grid export is answered by a charge (negative) setpoint', async () => {
    const rig = makeRig({ gridW: -700 });
    startSelfConsumption(rig);
    await rig.clock.runFor(POLL_MS * 8);
    expect(rig.inverter.writes).toEqual([0, -500, -700]);
  });

  test('an unchanged setpoint is not rewritten every cycle but re-sent within a third of the watchdog', async () => {
    const rig = makeRig({ gridW: 1000, watchdogTimeoutS: 3 });
    startSelfConsumption(rig);
    await rig.clock.runFor(10_000);
    const cycles = rig.runtime.cycleStats().cycles;
    expect(cycles).toBeGreaterThanOrEqual(40);
    expect(rig.inverter.writes.length).toBeLessThan(cycles / 3);
    const times = [...rig.inverter.writeTimes, rig.clock.now()];
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
    expect(rig.inverter.writes.slice(3).every((w) => w === 1000)).toBe(true);
  });

  test('without a watchdog the unchanged setpoint is still refreshed every 5 s', async () => {
    const rig = makeRig({ gridW: 1000, watchdogTimeoutS: null });
    startSelfConsumption(rig);
    await rig.clock.runFor(20_000);
    const times = rig.inverter.writeTimes.slice(2);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(gaps.every((g) => g === 5000)).toBe(true);
  });

  test('in STOP the writer confirms 0 W once, then leaves the inverter alone', async () => {
    const rig = makeRig({ gridW: 1000 });
    startSelfConsumption(rig);
    await rig.clock.runFor(POLL_MS * 8);
    expect(rig.runtime.command({ type: 'stop' })).toEqual({ ok: true });
    const before = rig.inverter.writes.length;
    await rig.clock.runFor(5000);
    expect(rig.inverter.writes.slice(before)).toEqual([0]);
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'STOP', setpointW: 0 });
  });

  test('in STOP a failed 0 W write is retried until the inverter confirms it', async () => {
    const rig = makeRig();
    rig.inverter.writeAnswer = new Error('inverter test:2: write timed out');
    rig.runtime.start();
    await rig.clock.runFor(POLL_MS * 3 - 1);
    expect(rig.inverter.writeCalls).toEqual([0, 0, 0]);
    rig.inverter.writeAnswer = 'ok';
    await rig.clock.runFor(POLL_MS * 8);
    expect(rig.inverter.writes).toEqual([0]);
  });
});

describe('commands', () => {
  test("return the core's result and publish a snapshot, accepted or not", () => {
    const rig = makeRig();
    const seen: EmsSnapshot[] = [];
    const events: CoreEvent[] = [];
    rig.runtime.onSnapshot((s) => seen.push(s));
    rig.runtime.onEvent((e) => events.push(e));

    expect(rig.runtime.command({ type: 'setMode', mode: 'SELF_CONSUMPTION' })).toEqual({
      ok: false,
      reason: 'stopped: start first',
    });
    expect(seen).toHaveLength(1);
    expect(rig.runtime.command({ type: 'start' })).toEqual({ ok: true });
    expect(seen.map((s) => s.state)).toEqual(['STOP', 'STANDBY']);
    expect(rig.runtime.snapshot()).toBe(seen[1]);
    expect(events.map((e) => e.kind)).toContain('state');
    expect(rig.logs).toContain('event state: STOP -> STANDBY: start command');

    expect(rig.runtime.command({ type: 'setGridTarget', watts: 300 })).toEqual({ ok: true });
    expect(seen.at(-1)?.gridTargetW).toBe(300);
  });

  test('unsubscribed listeners hear nothing more', async () => {
    const rig = makeRig();
    let count = 0;
    const off = rig.runtime.onSnapshot(() => count++);
    rig.runtime.start();
    await rig.clock.runFor(POLL_MS);
    expect(count).toBe(2);
    off();
    await rig.clock.runFor(POLL_MS * 4);
    rig.runtime.command({ type: 'start' });
    expect(count).toBe(2);
  });

  test('publishes one snapshot per control cycle', async () => {
    const rig = makeRig();
    let count = 0;
    rig.runtime.onSnapshot(() => count++);
    rig.runtime.start();
    await rig.clock.runFor(POLL_MS * 10 - 1);
    expect(rig.runtime.cycleStats().cycles).toBe(10);
    expect(count).toBe(10);
  });
});

describe('snapshots with a BMS', () => {
  test('show the BMS SOC and canOk while its frames are fresh, null and FAULT once they stop', async () => {
    const rig = makeRig({ gridW: 1000, withBms: true });
    startSelfConsumption(rig);
    await rig.clock.runFor(POLL_MS * 4);
    expect(rig.runtime.snapshot()).toMatchObject({
      state: 'SELF_CONSUMPTION',
      soc: 60,
      canOk: true,
    });
    expect(rig.runtime.snapshot().bms?.voltageV).toBe(52);

    const bms = rig.bms;
    if (!bms) throw new Error('rig has no BMS');
    bms.frozenAt = rig.clock.now();
    bms.error = 'memory:ems: open failed: gone';
    await rig.clock.runFor(3000 + POLL_MS);
    const s = rig.runtime.snapshot();
    expect(s).toMatchObject({ state: 'FAULT', soc: null, canOk: false, bms: null, setpointW: 0 });
    expect(s.faults.map((f) => f.code)).toEqual(['BMS_COMM_LOSS']);
    expect(s.links.bms?.lastError).toBe('memory:ems: open failed: gone');
    expect(rig.inverter.writes.at(-1)).toBe(0);
  });
});
