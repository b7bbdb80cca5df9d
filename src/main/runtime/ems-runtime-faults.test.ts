import { describe, expect, test } from 'vitest';
import { makeRig, POLL_MS, type RuntimeRig } from './runtime.test-kit';

/** Self-consumption on a 1000 W import, settled at 1000 W after four cycles (t = 0..750). */
async function running(options: Parameters<typeof makeRig>[0] = {}): Promise<RuntimeRig> {
  const rig = makeRig({ gridW: 1000, ...options });
  rig.runtime.start();
  rig.runtime.command({ type: 'start' });
  rig.runtime.command({ type: 'setMode', mode: 'SELF_CONSUMPTION' });
  await rig.clock.runFor(POLL_MS * 4 - 1);
  expect(rig.runtime.snapshot()).toMatchObject({ state: 'SELF_CONSUMPTION', setpointW: 1000 });
  return rig;
}

/** Settles `p` into a readable slot, so a test can check whether it resolved yet. */
function track<T>(p: Promise<T>): { done: boolean; value: T | undefined } {
  const slot: { done: boolean; value: T | undefined } = { done: false, value: undefined };
  void p.then((v) => {
    slot.done = true;
    slot.value = v;
  });
  return slot;
}

describe('link failures', () => {
  test('a failing meter read faults the EMS and writes 0 W once the sample is older than the timeout', async () => {
    const rig = await running();
    rig.meter.readAnswer = new Error('meter test:1: connection reset');
    // The last good sample is from t = 750; the meter timeout is 750 ms: fresh up to t = 1500.
    await rig.clock.runFor(501);
    expect(rig.runtime.snapshot().state).toBe('SELF_CONSUMPTION');
    await rig.clock.runFor(POLL_MS);
    const s = rig.runtime.snapshot();
    expect(s).toMatchObject({ state: 'FAULT', setpointW: 0, gridW: null, inverterW: 0 });
    expect(s.faults.map((f) => f.code)).toEqual(['METER_COMM_LOSS']);
    expect(s.links.meter).toMatchObject({
      health: 'lost',
      lastError: 'meter test:1: connection reset',
    });
    expect(rig.inverter.writes.at(-1)).toBe(0);
    expect(rig.logs.filter((l) => l.includes('connection reset'))).toEqual([
      'meter test:1: connection reset (retrying)',
    ]);
  });

  test('a meter read that never answers still faults the EMS and writes 0 W', async () => {
    const rig = await running();
    rig.meter.readAnswer = 'hang';
    // Each hung read costs a cycle its 750 ms timeout; the third failed poll faults (t ≈ 3000).
    await rig.clock.runFor(3000);
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'FAULT', setpointW: 0, gridW: null });
    expect(rig.inverter.writes.at(-1)).toBe(0);
    const reads = rig.meter.reads;
    await rig.clock.runFor(2000);
    expect(rig.meter.reads).toBeGreaterThan(reads);
  });

  test('prepares the inverter on the first good read and again after a failure', async () => {
    const rig = makeRig();
    rig.runtime.start();
    await rig.clock.runFor(POLL_MS * 4);
    expect(rig.inverter.prepares).toBe(1);
    expect(rig.inverter.writes).toEqual([0]);

    rig.inverter.readAnswer = new Error('inverter test:2: timed out');
    await rig.clock.runFor(POLL_MS);
    expect(rig.inverter.prepares).toBe(1);
    rig.inverter.readAnswer = 'ok';
    await rig.clock.runFor(POLL_MS * 4);
    expect(rig.inverter.prepares).toBe(2);
    expect(rig.logs).toContain('inverter test:2: link restored');
    // After a reconnect the device may have reverted: 0 W is confirmed once more.
    expect(rig.inverter.writes).toEqual([0, 0]);
  });

  test('a failing prepare is retried on the next cycles and logged once', async () => {
    const rig = makeRig();
    rig.inverter.prepareAnswer = new Error('inverter test:2: illegal data address');
    rig.runtime.start();
    await rig.clock.runFor(POLL_MS * 3 - 1);
    expect(rig.inverter.prepares).toBe(3);
    expect(rig.runtime.snapshot().links.inverter.lastError).toContain('illegal data address');
    rig.inverter.prepareAnswer = 'ok';
    await rig.clock.runFor(POLL_MS * 4);
    expect(rig.inverter.prepares).toBe(4);
    expect(rig.logs.filter((l) => l.startsWith('inverter test:2'))).toEqual([
      'inverter test:2: illegal data address (retrying)',
      'inverter test:2: link restored',
    ]);
  });

  test('a setpoint write that keeps failing is retried every cycle, logged once and shown', async () => {
    const rig = await running();
    rig.meter.gridW = 1600;
    rig.inverter.writeAnswer = new Error('inverter test:2: exception 2 (illegal data address)');
    await rig.clock.runFor(POLL_MS * 8);
    expect(rig.inverter.writeCalls.slice(-8)).toHaveLength(8);
    expect(rig.logs.filter((l) => l.includes('exception 2'))).toHaveLength(1);
    expect(rig.logs).not.toContain('inverter test:2: link restored');
    expect(rig.runtime.snapshot().links.inverter.lastError).toContain('exception 2');
  });

  test('a setpoint write that never answers does not freeze the loop', async () => {
    const rig = await running();
    rig.meter.gridW = 1400;
    rig.inverter.writeAnswer = 'hang';
    const cycles = rig.runtime.cycleStats().cycles;
    await rig.clock.runFor(3000);
    expect(rig.runtime.cycleStats().cycles).toBeGreaterThan(cycles + 2);
    expect(rig.runtime.snapshot().links.inverter.lastError).toBe(
      'inverter test:2: setpoint write: no answer within 750 ms',
    );
  });

  test('a snapshot listener that throws does not stop the loop', async () => {
    const rig = makeRig();
    rig.runtime.onSnapshot(() => {
      throw new Error('listener bug');
    });
    rig.runtime.start();
    await rig.clock.runFor(POLL_MS * 4 - 1);
    expect(rig.runtime.cycleStats().cycles).toBe(4);
    expect(rig.logs).toContain('control cycle failed: Error: listener bug');
  });
});

describe('safeStop', () => {
  test('writes 0 W, stops polling, closes every device and resolves true', async () => {
    const rig = await running({ withBms: true });
    const stopped = await rig.runtime.safeStop();
    expect(stopped).toBe(true);
    expect(rig.inverter.writes.at(-1)).toBe(0);
    expect([rig.meter.closed, rig.inverter.closed, rig.bms?.closed]).toEqual([true, true, true]);
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'STOP', setpointW: 0 });
    const reads = rig.meter.reads;
    await rig.clock.runFor(5000);
    expect(rig.meter.reads).toBe(reads);
  });

  test('lets the cycle in flight finish first, so its write cannot land after the 0 W', async () => {
    const rig = await running();
    rig.meter.gridW = 1400;
    rig.inverter.writeAnswer = { delayMs: 100 };
    // The inverter still reads 0 W, so the law asks 1400 W, 400 W above the last step: within the ramp.
    await rig.clock.runFor(1);
    const stop = track(rig.runtime.safeStop());
    await rig.clock.runFor(500);
    expect(stop).toEqual({ done: true, value: true });
    expect(rig.inverter.writes.slice(-2)).toEqual([1400, 0]);
  });

  test('with an inverter that never answers the write, resolves false within the bound', async () => {
    const rig = await running();
    rig.inverter.writeAnswer = 'hang';
    const stop = track(rig.runtime.safeStop(1000));
    await rig.clock.runFor(1000);
    expect(stop).toEqual({ done: true, value: false });
    expect(rig.logs.at(-1)).toMatch(/^safe stop: could not confirm 0 W: .*no answer within/);
    expect([rig.meter.closed, rig.inverter.closed]).toEqual([true, true]);
  });

  test('resolves false within the bound when a cycle is stuck on a write too', async () => {
    const rig = await running();
    rig.meter.gridW = 1400;
    rig.inverter.writeAnswer = 'hang';
    await rig.clock.runFor(2);
    expect(rig.inverter.writeCalls.at(-1)).toBe(1400);
    const stop = track(rig.runtime.safeStop(1000));
    await rig.clock.runFor(1000);
    expect(stop).toEqual({ done: true, value: false });
    expect(rig.inverter.writeCalls.at(-1)).toBe(0);
  });
});

describe('stopAtZero (a site switch)', () => {
  test('puts the EMS in STOP, confirms 0 W and keeps polling with the devices open', async () => {
    const rig = await running();
    rig.meter.gridW = 1400;
    await rig.clock.runFor(POLL_MS * 4);
    expect(rig.inverter.writes.at(-1)).not.toBe(0);
    const stop = track(rig.runtime.stopAtZero(1000));
    await rig.clock.runFor(POLL_MS);
    expect(stop).toEqual({ done: true, value: { confirmed: true, reason: null } });
    expect(rig.inverter.writes.at(-1)).toBe(0);
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'STOP', setpointW: 0 });
    const reads = rig.meter.reads;
    await rig.clock.runFor(POLL_MS * 4);
    expect(rig.meter.reads).toBeGreaterThan(reads);
    expect([rig.meter.closed, rig.inverter.closed]).toEqual([false, false]);
  });

  test('says why when the inverter does not confirm 0 W, and keeps sending 0 W afterwards', async () => {
    const rig = await running();
    rig.inverter.writeAnswer = new Error('inverter test:2: connection refused');
    const stop = track(rig.runtime.stopAtZero(1000));
    await rig.clock.runFor(1000);
    expect(stop.done).toBe(true);
    expect(stop.value).toEqual({
      confirmed: false,
      reason: '0 W could not be confirmed: inverter test:2: connection refused',
    });
    const calls = rig.inverter.writeCalls.length;
    await rig.clock.runFor(POLL_MS * 3);
    expect(rig.inverter.writeCalls.length).toBeGreaterThan(calls);
    expect(new Set(rig.inverter.writeCalls.slice(calls))).toEqual(new Set([0]));
  });
});
