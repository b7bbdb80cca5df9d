import { describe, expect, it } from 'vitest';
import { applyChangesSomething, controlAvailability } from './control-availability';

describe('controlAvailability', () => {
  it('offers Start only when stopped, and the mode only while running', () => {
    expect(controlAvailability({ state: 'STOP' }, true)).toMatchObject({
      start: true,
      stop: false,
      mode: false,
    });
    for (const state of ['STANDBY', 'SELF_CONSUMPTION', 'EXTERNAL_CONTROL'] as const)
      expect(controlAvailability({ state }, true)).toEqual({
        start: false,
        stop: true,
        mode: true,
        modeReason: null,
      });
  });

  it('keeps Stop and says why the mode is off in FAULT', () => {
    const a = controlAvailability({ state: 'FAULT' }, true);
    expect(a).toMatchObject({ start: false, stop: true, mode: false });
    expect(a.modeReason).toMatch(/FAULT/);
  });

  it('offers only Stop while the snapshot is stale, whatever it last said', () => {
    expect(controlAvailability({ state: 'STOP' }, false)).toMatchObject({
      start: false,
      stop: true,
      mode: false,
    });
  });
});

describe('applyChangesSomething', () => {
  const running = { mode: 'CHARGE_ONLY', overrideW: 2000, pendingMode: null } as const;

  it('is true for another mode and for a new power of the running override', () => {
    expect(applyChangesSomething('SELF_CONSUMPTION', '2000', running)).toBe(true);
    expect(applyChangesSomething('CHARGE_ONLY', '2500', running)).toBe(true);
    // Invalid text is worth pressing Apply for: the operator gets the reason.
    expect(applyChangesSomething('CHARGE_ONLY', 'abc', running)).toBe(true);
  });

  it('is false for the mode that already runs, or is already waiting to run', () => {
    expect(applyChangesSomething('CHARGE_ONLY', '2000', running)).toBe(false);
    expect(
      applyChangesSomething('SELF_CONSUMPTION', '', {
        mode: 'SELF_CONSUMPTION',
        overrideW: 0,
        pendingMode: null,
      }),
    ).toBe(false);
    expect(
      applyChangesSomething('SELF_CONSUMPTION', '', {
        mode: 'IDLE',
        overrideW: 0,
        pendingMode: 'SELF_CONSUMPTION',
      }),
    ).toBe(false);
  });
});
