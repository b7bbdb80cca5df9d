import { describe, expect, test } from 'vitest';
import { command } from './core.test-kit';
import { stateFixtures } from './state-fixtures.test-kit';

describe('acknowledging a latched BMS alarm', () => {
  test('writes an "acknowledged" entry to the fault log after the raise and the clear', () => {
    const fixtures = stateFixtures(1000);
    const latched = fixtures['FAULT (latched, alarm gone)'];
    if (!latched) throw new Error('fixture missing');
    const before = latched();
    const r = command(before, { type: 'acknowledgeFault' }, 1300);
    expect(r.result.ok).toBe(true);
    const entries = r.state.faultLog.filter((e) => e.code === 'BMS_PROTECTION_ALARM');
    expect(entries.map((e) => [e.kind, e.at])).toEqual([
      ['raised', 1100],
      ['cleared', 1200],
      ['acknowledged', 1300],
    ]);
    // The entry carries what the EMS last logged for the alarm: the readings at its clearing.
    expect(entries[2]?.measurements).toEqual(entries[1]?.measurements);
  });

  test('a refused acknowledge (alarm still active) writes nothing', () => {
    const active = stateFixtures(1000)['FAULT (latched, alarm active)'];
    if (!active) throw new Error('fixture missing');
    const before = active();
    const r = command(before, { type: 'acknowledgeFault' }, 1300);
    expect(r.result.ok).toBe(false);
    expect(r.state.faultLog).toEqual(before.faultLog);
  });
});
