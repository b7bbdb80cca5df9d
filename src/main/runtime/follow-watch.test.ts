import { describe, expect, test } from 'vitest';
import { defaultFollowCheck, FollowWatch, type FollowSample } from './follow-watch';
import { makeRig, POLL_MS } from './runtime.test-kit';

const OPTIONS = { toleranceW: 100, readbackHoldMs: 2000, powerHoldMs: 5000 };

/** A sample of an inverter that follows a 1000 W setpoint exactly. */
const following = (now: number, over: Partial<FollowSample> = {}): FollowSample => ({
  now,
  controlledW: 1000,
  setpointReadbackW: 1000,
  acknowledgedW: 1000,
  commandedW: 1000,
  ...over,
});

describe('FollowWatch', () => {
  test('a read-back setpoint that differs is reported once it has lasted the hold time', () => {
    const watch = new FollowWatch(OPTIONS);
    expect(watch.update(following(0, { setpointReadbackW: 0 }))).toBeNull();
    expect(watch.update(following(1999, { setpointReadbackW: 0 }))).toBeNull();
    expect(watch.update(following(2000, { setpointReadbackW: 0 }))).toBe(
      'Inverter not following: its setpoint register reads 0 W but 1000 W was written and acknowledged (for over 2 s)',
    );
  });

  test('a deviation that ends starts the hold time again', () => {
    const watch = new FollowWatch(OPTIONS);
    watch.update(following(0, { setpointReadbackW: 0 }));
    expect(watch.update(following(1500))).toBeNull();
    expect(watch.update(following(2500, { setpointReadbackW: 0 }))).toBeNull();
    expect(watch.update(following(4500, { setpointReadbackW: 0 }))).not.toBeNull();
  });

  test('no read-back, no acknowledged write, or a difference within tolerance is no fault', () => {
    const watch = new FollowWatch(OPTIONS);
    for (let t = 0; t <= 10_000; t += 250) {
      expect(watch.update(following(t, { setpointReadbackW: null }))).toBeNull();
      expect(watch.update(following(t, { acknowledgedW: null, setpointReadbackW: 0 }))).toBeNull();
      expect(watch.update(following(t, { setpointReadbackW: 1099 }))).toBeNull();
    }
  });

  test('delivering more than commanded, beyond tolerance, faults after the power hold', () => {
    const watch = new FollowWatch(OPTIONS);
    const over = { controlledW: 1500, commandedW: 0, acknowledgedW: 0, setpointReadbackW: 0 };
    expect(watch.update(following(0, over))).toBeNull();
    expect(watch.update(following(4999, over))).toBeNull();
    expect(watch.update(following(5000, over))).toBe(
      'Inverter not following: it delivers 1500 W while 0 W is commanded (for over 5 s)',
    );
  });

  test('the opposite direction faults; delivering less than asked never does', () => {
    const watch = new FollowWatch(OPTIONS);
    const charging = { controlledW: -800, commandedW: 1000 };
    watch.update(following(0, charging));
    expect(watch.update(following(5000, charging))).toMatch(/delivers -800 W while 1000 W/);
    const derating = new FollowWatch(OPTIONS);
    for (let t = 0; t <= 20_000; t += 250) {
      expect(derating.update(following(t, { controlledW: 0, commandedW: 1000 }))).toBeNull();
      expect(derating.update(following(t, { controlledW: -300, commandedW: -4000 }))).toBeNull();
    }
  });

  test('reset forgets a running deviation', () => {
    const watch = new FollowWatch(OPTIONS);
    watch.update(following(0, { setpointReadbackW: 0 }));
    watch.reset();
    expect(watch.update(following(2000, { setpointReadbackW: 0 }))).toBeNull();
  });

  test('defaults: 5 % of the larger rating, at least 100 W', () => {
    expect(defaultFollowCheck(5000)).toEqual({
      toleranceW: 250,
      readbackHoldMs: 2000,
      powerHoldMs: 5000,
    });
    expect(defaultFollowCheck(800).toleranceW).toBe(100);
    expect(defaultFollowCheck(Number.NaN).toleranceW).toBe(100);
  });
});

describe('the runtime with an inverter that swallows writes', () => {
  test('acknowledged but not kept: INVERTER_NOT_FOLLOWING, FAULT and 0 W; STANDBY once it keeps them', async () => {
    const rig = makeRig({ gridW: 1000 });
    // The register keeps whatever it held when writes started to vanish.
    let register = 0;
    let swallowing = false;
    const inv = rig.inverter;
    const write = inv.writeSetpoint.bind(inv);
    inv.writeSetpoint = (watts) => {
      if (!swallowing) register = watts;
      return write(watts);
    };
    Object.defineProperty(inv, 'lastCommandedW', { get: () => inv.writes.at(-1) ?? null });
    inv.read = () =>
      Promise.resolve({ activePowerW: register, socPct: 50, setpointReadbackW: register });
    rig.runtime.start();
    rig.runtime.command({ type: 'start' });
    rig.runtime.command({ type: 'setMode', mode: 'DISCHARGE_ONLY' });
    await rig.clock.runFor(POLL_MS * 8);
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'SELF_CONSUMPTION', setpointW: 1000 });
    expect(register).toBe(1000);

    swallowing = true;
    rig.runtime.command({ type: 'setOverridePower', watts: 400 });
    await rig.clock.runFor(1900);
    expect(rig.runtime.snapshot().state).toBe('SELF_CONSUMPTION');
    await rig.clock.runFor(600);
    const s = rig.runtime.snapshot();
    expect(s).toMatchObject({ state: 'FAULT', setpointW: 0 });
    expect(s.faults.map((f) => f.code)).toEqual(['INVERTER_NOT_FOLLOWING']);
    expect(rig.logs).toContain(
      'event fault: Inverter not following: its setpoint register reads 1000 W but 400 W was written and acknowledged (for over 2 s)',
    );

    swallowing = false;
    await rig.clock.runFor(POLL_MS * 2);
    expect(register).toBe(0);
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'STANDBY', faults: [] });
  });
});
