import { describe, expect, it } from 'vitest';
import { stateDetail, statusHeadline, type HeadlineInput } from './status-headline';

const base: HeadlineInput = {
  state: 'SELF_CONSUMPTION',
  mode: 'SELF_CONSUMPTION',
  pendingMode: null,
  overrideW: 2000,
  external: null,
  faults: [],
};

describe('statusHeadline', () => {
  it('names a manual override and its power, not the state that runs it', () => {
    expect(statusHeadline({ ...base, mode: 'CHARGE_ONLY' })).toEqual({
      text: 'CHARGE_ONLY 2.00\u00a0kW (manual)',
      tone: 'manual',
    });
    expect(statusHeadline({ ...base, mode: 'DISCHARGE_ONLY', overrideW: 750 }).text).toBe(
      'DISCHARGE_ONLY 750\u00a0W (manual)',
    );
  });

  it('says self-consumption runs by itself', () => {
    expect(statusHeadline(base)).toEqual({ text: 'SELF_CONSUMPTION (automatic)', tone: 'auto' });
  });

  it('names the external controller and how long its command holds', () => {
    const external = { watts: -1500, remainingS: 7, source: 'scada-1' };
    expect(
      statusHeadline({ ...base, state: 'EXTERNAL_CONTROL', mode: 'EXTERNAL', external }),
    ).toEqual({ text: 'EXTERNAL from scada-1 (7\u00a0s left)', tone: 'external' });
    const long = { ...external, source: 'fleet-controller-north-west-7' };
    expect(
      statusHeadline({ ...base, state: 'EXTERNAL_CONTROL', mode: 'EXTERNAL', external: long }).text,
    ).toBe('EXTERNAL from fleet-controller-north-\u2026 (7\u00a0s left)');
    expect(statusHeadline({ ...base, state: 'EXTERNAL_CONTROL', mode: 'EXTERNAL' }).text).toContain(
      'waiting for the controller',
    );
  });

  it('says 0 W and why in STOP, STANDBY and FAULT', () => {
    expect(statusHeadline({ ...base, state: 'STOP', mode: 'IDLE' }).text).toBe('STOP 0\u00a0W');
    expect(
      statusHeadline({ ...base, state: 'STANDBY', mode: 'IDLE', pendingMode: 'SELF_CONSUMPTION' })
        .text,
    ).toBe('STANDBY 0\u00a0W (waiting to enter SELF_CONSUMPTION)');
    const fault = statusHeadline({
      ...base,
      state: 'FAULT',
      mode: 'IDLE',
      faults: [{ code: 'METER_COMM_LOSS', message: 'meter silent', since: '' }],
    });
    expect(fault).toEqual({ text: 'FAULT 0\u00a0W (METER_COMM_LOSS)', tone: 'fault' });
    const two = { code: 'INVERTER_COMM_LOSS', message: 'inverter silent', since: '' } as const;
    const faults = [{ code: 'METER_COMM_LOSS', message: 'meter silent', since: '' }, two] as const;
    expect(statusHeadline({ ...base, state: 'FAULT', mode: 'IDLE', faults }).text).toBe(
      'FAULT 0\u00a0W (2 faults)',
    );
  });
});

describe('stateDetail', () => {
  it('names a manual override instead of "controlling the battery"', () => {
    expect(stateDetail({ ...base, mode: 'CHARGE_ONLY' })).toBe(
      'manual override: charging at 2.00\u00a0kW whatever the house does',
    );
    expect(stateDetail(base)).toBe('controlling the battery');
    expect(stateDetail({ ...base, state: 'FAULT', mode: 'IDLE' })).toBe('fault: 0 W');
  });
});
