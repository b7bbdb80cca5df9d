import { describe, expect, test } from 'vitest';
import type { EmsCommand } from '../../shared/commands';
import type { EmsState, RunMode } from '../../shared/ems-names';
import { command } from './core.test-kit';
import { checkCoreInvariants } from './core-invariants';
import { stateFixtures } from './state-fixtures.test-kit';

const T = 1000;

const modes: RunMode[] = ['IDLE', 'SELF_CONSUMPTION', 'CHARGE_ONLY', 'DISCHARGE_ONLY', 'EXTERNAL'];
const setMode = (mode: RunMode): EmsCommand => ({ type: 'setMode', mode });
const start: EmsCommand = { type: 'start' };
const stop: EmsCommand = { type: 'stop' };
const override: EmsCommand = { type: 'setOverridePower', watts: 1500 };
const gridTarget: EmsCommand = { type: 'setGridTarget', watts: 200 };
const external: EmsCommand = { type: 'setExternalSetpoint', watts: 1200 };
const ack: EmsCommand = { type: 'acknowledgeFault' };

/** [fixture, command, expected result ('ok' | 'pending: ...' | 'rejected: ...'), state after, mode after]. */
type Row = [string, EmsCommand, string, EmsState, RunMode];
const scFor = (m: RunMode): EmsState =>
  m === 'IDLE' ? 'STANDBY' : m === 'EXTERNAL' ? 'EXTERNAL_CONTROL' : 'SELF_CONSUMPTION';

const rows: Row[] = [
  ['STOP', start, 'ok', 'STANDBY', 'IDLE'],
  ['STOP', stop, 'ok', 'STOP', 'IDLE'],
  ...modes.map((m): Row => ['STOP', setMode(m), 'rejected: stopped: start first', 'STOP', 'IDLE']),
  ['STOP', override, 'ok', 'STOP', 'IDLE'],
  ['STOP', gridTarget, 'ok', 'STOP', 'IDLE'],
  ['STOP', external, 'rejected: mode is IDLE', 'STOP', 'IDLE'],
  ['STOP', ack, 'rejected: no fault to acknowledge', 'STOP', 'IDLE'],

  ['STOP (latched, alarm active)', ack, 'rejected: BMS alarm still active', 'STOP', 'IDLE'],
  ['STOP (latched, alarm gone)', ack, 'ok', 'STOP', 'IDLE'],

  ['STANDBY (links fresh)', start, 'rejected: already running (state STANDBY)', 'STANDBY', 'IDLE'],
  ['STANDBY (links fresh)', stop, 'ok', 'STOP', 'IDLE'],
  ...modes.map((m): Row => ['STANDBY (links fresh)', setMode(m), 'ok', scFor(m), m]),
  ['STANDBY (links fresh)', override, 'ok', 'STANDBY', 'IDLE'],
  ['STANDBY (links fresh)', gridTarget, 'ok', 'STANDBY', 'IDLE'],
  ['STANDBY (links fresh)', external, 'rejected: mode is IDLE', 'STANDBY', 'IDLE'],
  ['STANDBY (links fresh)', ack, 'rejected: no fault to acknowledge', 'STANDBY', 'IDLE'],

  ['STANDBY (links connecting)', start, 'rejected: already running', 'STANDBY', 'IDLE'],
  ['STANDBY (links connecting)', stop, 'ok', 'STOP', 'IDLE'],
  ['STANDBY (links connecting)', setMode('IDLE'), 'ok', 'STANDBY', 'IDLE'],
  ...modes
    .filter((m) => m !== 'IDLE')
    .map((m): Row => [
      'STANDBY (links connecting)',
      setMode(m),
      'pending: waiting for links: meter, inverter, bms',
      'STANDBY',
      'IDLE',
    ]),

  [
    'SELF_CONSUMPTION',
    start,
    'rejected: already running (state SELF_CONSUMPTION)',
    'SELF_CONSUMPTION',
    'SELF_CONSUMPTION',
  ],
  ['SELF_CONSUMPTION', stop, 'ok', 'STOP', 'IDLE'],
  ...modes.map((m): Row => ['SELF_CONSUMPTION', setMode(m), 'ok', scFor(m), m]),
  ['SELF_CONSUMPTION', override, 'ok', 'SELF_CONSUMPTION', 'SELF_CONSUMPTION'],
  ['SELF_CONSUMPTION', gridTarget, 'ok', 'SELF_CONSUMPTION', 'SELF_CONSUMPTION'],
  [
    'SELF_CONSUMPTION',
    external,
    'rejected: mode is SELF_CONSUMPTION',
    'SELF_CONSUMPTION',
    'SELF_CONSUMPTION',
  ],
  [
    'SELF_CONSUMPTION',
    ack,
    'rejected: no fault to acknowledge',
    'SELF_CONSUMPTION',
    'SELF_CONSUMPTION',
  ],

  [
    'SELF_CONSUMPTION (CHARGE_ONLY)',
    external,
    'rejected: mode is CHARGE_ONLY',
    'SELF_CONSUMPTION',
    'CHARGE_ONLY',
  ],
  ...modes.map((m): Row => ['SELF_CONSUMPTION (CHARGE_ONLY)', setMode(m), 'ok', scFor(m), m]),

  [
    'EXTERNAL_CONTROL',
    start,
    'rejected: already running (state EXTERNAL_CONTROL)',
    'EXTERNAL_CONTROL',
    'EXTERNAL',
  ],
  ['EXTERNAL_CONTROL', stop, 'ok', 'STOP', 'IDLE'],
  ...modes.map((m): Row => ['EXTERNAL_CONTROL', setMode(m), 'ok', scFor(m), m]),
  ['EXTERNAL_CONTROL', override, 'ok', 'EXTERNAL_CONTROL', 'EXTERNAL'],
  ['EXTERNAL_CONTROL', gridTarget, 'ok', 'EXTERNAL_CONTROL', 'EXTERNAL'],
  ['EXTERNAL_CONTROL', external, 'ok', 'EXTERNAL_CONTROL', 'EXTERNAL'],
  ['EXTERNAL_CONTROL', ack, 'rejected: no fault to acknowledge', 'EXTERNAL_CONTROL', 'EXTERNAL'],

  ['FAULT (comm loss)', start, 'rejected: already running (state FAULT)', 'FAULT', 'IDLE'],
  ['FAULT (comm loss)', stop, 'ok', 'STOP', 'IDLE'],
  ...modes.map((m): Row => [
    'FAULT (comm loss)',
    setMode(m),
    'rejected: in FAULT: METER_COMM_LOSS',
    'FAULT',
    'IDLE',
  ]),
  ['FAULT (comm loss)', override, 'ok', 'FAULT', 'IDLE'],
  ['FAULT (comm loss)', gridTarget, 'ok', 'FAULT', 'IDLE'],
  ['FAULT (comm loss)', external, 'rejected: mode is IDLE', 'FAULT', 'IDLE'],
  ['FAULT (comm loss)', ack, 'rejected: no fault to acknowledge', 'FAULT', 'IDLE'],
  [
    'FAULT (latched, alarm active)',
    ack,
    'rejected: BMS alarm still active: BMS protection alarm: CELL_OVER_VOLTAGE',
    'FAULT',
    'IDLE',
  ],
  [
    'FAULT (latched, alarm active)',
    setMode('SELF_CONSUMPTION'),
    'rejected: in FAULT: BMS_PROTECTION_ALARM',
    'FAULT',
    'IDLE',
  ],
  ['FAULT (latched, alarm gone)', ack, 'ok', 'STANDBY', 'IDLE'],
  ['FAULT (latched, alarm gone, meter stale)', ack, 'ok', 'FAULT', 'IDLE'],
  [
    'FAULT (latched, alarm gone)',
    setMode('SELF_CONSUMPTION'),
    'rejected: in FAULT: BMS protection alarm latched',
    'FAULT',
    'IDLE',
  ],
];

describe('transition table (docs/state-machine.md)', () => {
  test.each(rows)('%s + %j -> %s', (fixture, cmd, expected, stateAfter, modeAfter) => {
    const before = stateFixtures(T)[fixture]?.();
    if (before === undefined) throw new Error(`no fixture ${fixture}`);
    const { state, result } = command(before, cmd, T + 300);
    if (expected === 'ok') expect(result).toEqual({ ok: true });
    else if (expected.startsWith('pending: '))
      expect(result).toEqual({ ok: true, pending: expected.slice(9) });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(expected.slice(10));
      expect(state).toBe(before);
    }
    expect(state.state).toBe(stateAfter);
    expect(state.mode).toBe(modeAfter);
    expect(checkCoreInvariants(state)).toEqual([]);
    if (cmd.type === 'acknowledgeFault' && result.ok) expect(state.needsAck).toBe(false);
    if (cmd.type === 'setMode' && result.ok && 'pending' in result)
      expect(state.pendingMode).toBe(cmd.mode);
    if (['STOP', 'STANDBY', 'FAULT'].includes(state.state)) expect(state.setpointW).toBe(0);
  });

  test('every state has a row for every command type', () => {
    const types = [
      'start',
      'stop',
      'setMode',
      'setOverridePower',
      'setGridTarget',
      'setExternalSetpoint',
      'acknowledgeFault',
    ];
    for (const fixture of [
      'STOP',
      'STANDBY (links fresh)',
      'SELF_CONSUMPTION',
      'EXTERNAL_CONTROL',
      'FAULT (comm loss)',
    ]) {
      const covered = new Set(rows.filter((r) => r[0] === fixture).map((r) => r[1].type));
      expect([...covered].sort()).toEqual([...types].sort());
    }
  });
});
