import { describe, expect, it } from 'vitest';
import type { EventView, FaultLogView } from '../../../shared/fault-view';
import { faultRecovery } from './fault-recovery';

const entry = (
  sec: number,
  code: FaultLogView['code'],
  kind: FaultLogView['kind'],
): FaultLogView => ({
  time: `2026-12-04T10:00:${String(sec).padStart(2, '0')}.000Z`,
  code,
  kind,
  message: `${code} ${kind}`,
  measurements: {
    gridW: null,
    gridAgeMs: null,
    inverterW: null,
    inverterAgeMs: null,
    socPct: null,
    bmsAgeMs: null,
    bmsAlarms: [],
  },
  before: [],
});

const standby = { state: 'STANDBY', mode: 'IDLE', faults: [], needsAck: false } as const;
const LOG = [
  entry(1, 'METER_COMM_LOSS', 'raised'),
  entry(2, 'BMS_COMM_LOSS', 'raised'),
  entry(5, 'METER_COMM_LOSS', 'cleared'),
  entry(8, 'BMS_COMM_LOSS', 'cleared'),
];

describe('faultRecovery', () => {
  it('after a clear into STANDBY: the episode and that a mode must be chosen again', () => {
    expect(faultRecovery(standby, LOG, [])).toEqual({
      codes: ['METER_COMM_LOSS', 'BMS_COMM_LOSS'],
      raisedAt: LOG[0]?.time,
      clearedAt: LOG[3]?.time,
      resumed: null,
    });
  });

  it('only the last episode counts', () => {
    const log = [
      entry(0, 'INVERTER_COMM_LOSS', 'raised'),
      entry(0, 'INVERTER_COMM_LOSS', 'cleared'),
      ...LOG,
    ];
    expect(faultRecovery(standby, log, [])?.codes).toEqual(['METER_COMM_LOSS', 'BMS_COMM_LOSS']);
  });

  it('names the mode auto-resume returned to', () => {
    const resumed: EventView = {
      time: '2026-12-04T10:00:08.000Z',
      kind: 'mode',
      message: 'IDLE -> SELF_CONSUMPTION: links recovered, auto-resume SELF_CONSUMPTION',
    };
    const running = { ...standby, state: 'SELF_CONSUMPTION', mode: 'SELF_CONSUMPTION' } as const;
    expect(faultRecovery(running, LOG, [resumed])?.resumed).toBe('SELF_CONSUMPTION');
    // The operator chose a mode (no auto-resume event): nothing left to say.
    expect(faultRecovery(running, LOG, [])).toBeNull();
  });

  it('says nothing while a fault is active, latched, in STOP, or with no log', () => {
    expect(faultRecovery({ ...standby, state: 'FAULT' }, LOG, [])).toBeNull();
    expect(faultRecovery({ ...standby, needsAck: true }, LOG, [])).toBeNull();
    expect(faultRecovery({ ...standby, state: 'STOP' }, LOG, [])).toBeNull();
    expect(faultRecovery(standby, LOG.slice(0, 2), [])).toBeNull();
    expect(faultRecovery(standby, [], [])).toBeNull();
  });
});
