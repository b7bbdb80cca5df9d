import { describe, expect, test } from 'vitest';
import type { LawInputs } from './control-law';
import { CONTROL_LAWS } from './control-law';

const base: LawInputs = {
  gridW: 0,
  inverterW: 0,
  gridIsNew: true,
  heldTargetW: null,
  pvW: null,
  heldPvW: null,
  gridTargetW: 0,
  deadbandW: 50,
  overrideW: 1200,
  external: null,
  previousW: 300,
  now: 1000,
};

describe('SELF_CONSUMPTION between meter samples', () => {
  const between = { ...base, gridW: 800, gridIsNew: false, heldTargetW: 1500 };

  test('holds the target of the last sample when no PV is read (AC coupling)', () => {
    expect(CONTROL_LAWS.SELF_CONSUMPTION(between).targetW).toBe(1500);
  });

  test('a cloud (PV down 1200 W since the sample) adds 1200 W of discharge at once', () => {
    const law = CONTROL_LAWS.SELF_CONSUMPTION({ ...between, heldPvW: 3000, pvW: 1800 });
    expect(law).toEqual({ targetW: 2700, heldByDeadband: false });
  });

  test('sun coming back takes discharge off, and turns it into charge past zero', () => {
    expect(CONTROL_LAWS.SELF_CONSUMPTION({ ...between, heldPvW: 1000, pvW: 4000 }).targetW).toBe(
      -1500,
    );
  });

  test('a new meter sample uses the measured grid, not the PV change', () => {
    const law = CONTROL_LAWS.SELF_CONSUMPTION({
      ...between,
      gridIsNew: true,
      inverterW: 1000,
      heldPvW: 3000,
      pvW: 1800,
    });
    expect(law.targetW).toBe(1800);
  });

  test('an unknown PV at the sample or now changes nothing', () => {
    expect(CONTROL_LAWS.SELF_CONSUMPTION({ ...between, heldPvW: null, pvW: 100 }).targetW).toBe(
      1500,
    );
    expect(CONTROL_LAWS.SELF_CONSUMPTION({ ...between, heldPvW: 100, pvW: null }).targetW).toBe(
      1500,
    );
  });
});

describe('control laws (inverter sign: + discharge, - charge)', () => {
  test('IDLE is 0 W', () => {
    expect(CONTROL_LAWS.IDLE({ ...base, gridW: 5000 })).toEqual({
      targetW: 0,
      heldByDeadband: false,
    });
  });

  test.each([
    [2000, 500, 0, 2500],
    [-1500, 0, 0, -1500],
    [-1500, -1000, 0, -2500],
    [300, 1000, 200, 1100],
  ])(
    'SELF_CONSUMPTION: grid %i, inverter %i, target %i -> %i',
    (gridW, inverterW, gridTargetW, expected) => {
      expect(
        CONTROL_LAWS.SELF_CONSUMPTION({ ...base, gridW, inverterW, gridTargetW }).targetW,
      ).toBe(expected);
    },
  );

  test('SELF_CONSUMPTION holds the previous setpoint inside the deadband, and is 0 without data', () => {
    expect(CONTROL_LAWS.SELF_CONSUMPTION({ ...base, gridW: -50 })).toEqual({
      targetW: 300,
      heldByDeadband: true,
    });
    expect(CONTROL_LAWS.SELF_CONSUMPTION({ ...base, gridW: null }).targetW).toBe(0);
    expect(CONTROL_LAWS.SELF_CONSUMPTION({ ...base, gridW: 1e308, inverterW: 1e308 }).targetW).toBe(
      0,
    );
  });

  test('CHARGE_ONLY and DISCHARGE_ONLY use the override magnitude', () => {
    expect(CONTROL_LAWS.CHARGE_ONLY(base).targetW).toBe(-1200);
    expect(CONTROL_LAWS.DISCHARGE_ONLY(base).targetW).toBe(1200);
  });

  test('EXTERNAL follows the setpoint until it expires', () => {
    const external = { watts: -700, expiresAt: 2000 };
    expect(CONTROL_LAWS.EXTERNAL({ ...base, external }).targetW).toBe(-700);
    expect(CONTROL_LAWS.EXTERNAL({ ...base, external, now: 2000 }).targetW).toBe(0);
    expect(CONTROL_LAWS.EXTERNAL(base).targetW).toBe(0);
  });
});
