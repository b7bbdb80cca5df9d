import { describe, expect, test } from 'vitest';
import type { CoreEvent } from './core-state';
import { createCoreState } from './core-state';
import { command, readyStandby, running, site, stepAt, TEST_CONFIG } from './core.test-kit';
import { FAULT_LOG_LIMIT } from './fault-log';

const noBms = { ...TEST_CONFIG, hasBms: false };

describe('start-up intent', () => {
  test('a mode asked for while links connect is held, then entered once every link is fresh', () => {
    const log: CoreEvent[] = [];
    let s = command(createCoreState(TEST_CONFIG), { type: 'start' }, 0).state;
    const asked = command(s, { type: 'setMode', mode: 'SELF_CONSUMPTION' }, 10, TEST_CONFIG, log);
    expect(asked.result).toEqual({ ok: true, pending: 'waiting for links: meter, inverter, bms' });
    s = asked.state;
    expect(s.pendingMode).toBe('SELF_CONSUMPTION');

    const partial = stepAt(s, site(100, { bms: null }), 100, TEST_CONFIG, log);
    expect(partial.state.state).toBe('STANDBY');
    expect(partial.state.links).toEqual({ meter: 'ok', inverter: 'ok', bms: 'connecting' });
    expect(partial.setpointW).toBe(0);

    const all = stepAt(partial.state, site(200), 200, TEST_CONFIG, log);
    expect(all.state.state).toBe('SELF_CONSUMPTION');
    expect(all.state.mode).toBe('SELF_CONSUMPTION');
    expect(all.state.pendingMode).toBeNull();
    expect(log.some((e) => e.kind === 'state' && e.message.includes('pending mode'))).toBe(true);
  });

  test('a link that never connects becomes a fault after the grace period and drops the intent', () => {
    let s = command(createCoreState(TEST_CONFIG), { type: 'start' }, 0).state;
    s = command(s, { type: 'setMode', mode: 'CHARGE_ONLY' }, 0).state;
    s = stepAt(s, site(4900, { bms: null }), 4900).state;
    expect(s.state).toBe('STANDBY');
    expect(s.activeFaults).toEqual([]);
    s = stepAt(s, site(5100, { bms: null }), 5100).state;
    expect(s.state).toBe('FAULT');
    expect(s.activeFaults.map((f) => f.code)).toEqual(['BMS_COMM_LOSS']);
    expect(s.pendingMode).toBeNull();
  });

  test('a site without a BMS does not wait for, or fault on, the BMS link', () => {
    let s = command(createCoreState(noBms), { type: 'start' }, 0, noBms).state;
    s = command(s, { type: 'setMode', mode: 'SELF_CONSUMPTION' }, 0, noBms).state;
    s = stepAt(s, site(100, { bms: null, inverterSoc: 60 }), 100, noBms).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
    s = stepAt(s, site(60_000, { bms: null, inverterSoc: 60 }), 60_000, noBms).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
    expect(s.links.bms).toBe('connecting');
    expect(s.socGuard.socPct).toBe(60);
  });
});

describe('comm-loss fault and recovery', () => {
  const lossAt = 2500;
  const inFault = () => {
    let s = running('DISCHARGE_ONLY', 1000);
    s = stepAt(s, site(1500, { gridW: 800, inverterW: 400 }), 1500).state;
    expect(s.setpointW).toBeGreaterThan(0);
    // The meter stops at 1500; the inverter keeps reporting.
    return stepAt(s, site(lossAt, { gridW: null, inverterW: 400 }), lossAt);
  };

  test('a stale meter faults at once: 0 W, mode IDLE, logged with the last values', () => {
    const out = inFault();
    expect(out.setpointW).toBe(0);
    expect(out.state.state).toBe('FAULT');
    expect(out.state.mode).toBe('IDLE');
    expect(out.state.resumeMode).toBe('DISCHARGE_ONLY');
    expect(out.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['fault', 'state', 'mode']),
    );
    const entry = out.state.faultLog.at(-1);
    expect(entry?.code).toBe('METER_COMM_LOSS');
    expect(entry?.kind).toBe('raised');
    expect(entry?.measurements.inverterW).toBe(400);
    expect(entry?.measurements.bms?.socPct).toBe(50);
  });

  test('the fault log snapshot keeps a stale value with its age', () => {
    let s = running('SELF_CONSUMPTION', 1000);
    s = stepAt(s, site(1200, { gridW: 321 }), 1200).state;
    const m = { ...site(2500), grid: { value: 321, at: 1200 } };
    s = stepAt(s, m, 2500).state;
    expect(s.faultLog.at(-1)?.measurements).toMatchObject({ gridW: 321, gridAgeMs: 1300 });
  });

  test('recovers to STANDBY (not the old mode) once every link is fresh again', () => {
    const s = stepAt(inFault().state, site(3000), 3000);
    expect(s.state.state).toBe('STANDBY');
    expect(s.state.mode).toBe('IDLE');
    expect(s.state.activeFaults).toEqual([]);
    expect(s.events.some((e) => e.kind === 'fault-cleared' && e.code === 'METER_COMM_LOSS')).toBe(
      true,
    );
  });

  test('with autoResume it returns into the mode active before the fault', () => {
    const cfg = { ...TEST_CONFIG, autoResume: true };
    let s = running('CHARGE_ONLY', 1000, cfg);
    s = stepAt(s, site(3000, { gridW: null }), 3000, cfg).state;
    expect(s.state).toBe('FAULT');
    s = stepAt(s, site(3100), 3100, cfg).state;
    expect(s.state).toBe('SELF_CONSUMPTION');
    expect(s.mode).toBe('CHARGE_ONLY');
  });

  test('in STOP the conditions are reported but the state stays STOP', () => {
    let s = stepAt(createCoreState(TEST_CONFIG), site(0), 0).state;
    s = stepAt(s, site(0), 2000).state;
    expect(s.state).toBe('STOP');
    expect(s.activeFaults.map((f) => f.code)).toEqual(['METER_COMM_LOSS', 'INVERTER_COMM_LOSS']);
    s = stepAt(s, site(2100, { bms: { alarms: ['CELL_UNDER_VOLTAGE'] } }), 2100).state;
    expect(s.state).toBe('STOP');
    expect(s.needsAck).toBe(false);
    expect(s.activeFaults.map((f) => f.code)).toEqual(['BMS_PROTECTION_ALARM']);
  });

  test('a sample stamped far in the future is not fresh', () => {
    const s = stepAt(readyStandby(1000), site(9000), 2500).state;
    expect(s.links.meter).toBe('lost');
  });
});

describe('protection latch and acknowledge', () => {
  const alarm = { bms: { alarms: ['CELL_OVER_TEMPERATURE', 'CHARGE_OVER_CURRENT'] } };

  test('an alarm faults, latches, and needs the alarm gone AND an acknowledge', () => {
    const cfg = { ...TEST_CONFIG, autoResume: true };
    let s = running('SELF_CONSUMPTION', 1000, cfg);
    const hit = stepAt(s, site(1100, alarm), 1100, cfg);
    expect(hit.state.state).toBe('FAULT');
    expect(hit.setpointW).toBe(0);
    expect(hit.state.needsAck).toBe(true);
    expect(hit.state.activeFaults[0]?.message).toBe(
      'BMS protection alarm: CELL_OVER_TEMPERATURE, CHARGE_OVER_CURRENT',
    );
    s = hit.state;
    const early = command(s, { type: 'acknowledgeFault' }, 1150, cfg);
    expect(early.result).toEqual({
      ok: false,
      reason: expect.stringContaining('still active') as string,
    });
    s = stepAt(s, site(1200), 1200, cfg).state;
    expect(s.state).toBe('FAULT');
    s = stepAt(s, site(60_000), 60_000, cfg).state;
    expect(s.state).toBe('FAULT');
    const acked = command(s, { type: 'acknowledgeFault' }, 60_000, cfg);
    expect(acked.result).toEqual({ ok: true });
    // Even with autoResume a protection fault goes back to STANDBY only.
    expect(acked.state.state).toBe('STANDBY');
    expect(acked.state.needsAck).toBe(false);
  });

  test('acknowledged while a link is stale: stays FAULT, then recovers by itself', () => {
    let s = stepAt(running('SELF_CONSUMPTION', 1000), site(1100, alarm), 1100).state;
    s = stepAt(s, site(1200, { gridW: null }), 1200).state;
    s = stepAt(s, site(2500, { gridW: null }), 2500).state;
    expect(s.activeFaults.map((f) => f.code)).toEqual(['METER_COMM_LOSS']);
    const acked = command(s, { type: 'acknowledgeFault' }, 2500);
    expect(acked.result.ok).toBe(true);
    expect(acked.state.state).toBe('FAULT');
    expect(stepAt(acked.state, site(2600), 2600).state.state).toBe('STANDBY');
  });

  test('stop and start do not clear the latch', () => {
    let s = stepAt(running('SELF_CONSUMPTION', 1000), site(1100, alarm), 1100).state;
    s = command(s, { type: 'stop' }, 1200).state;
    s = stepAt(s, site(1300), 1300).state;
    expect(s.state).toBe('STOP');
    s = command(s, { type: 'start' }, 1400).state;
    s = stepAt(s, site(1500), 1500).state;
    expect(s.state).toBe('FAULT');
    expect(s.needsAck).toBe(true);
  });

  test('the fault log keeps only the last entries', () => {
    let s = readyStandby(0);
    // One entry per step from i = 2 on (raised on even steps, cleared on odd ones).
    const last = FAULT_LOG_LIMIT + 20;
    for (let i = 1; i <= last; i += 1) {
      s = stepAt(s, site(i * 10, i % 2 === 0 ? alarm : {}), i * 10).state;
    }
    expect(s.faultLog.length).toBe(FAULT_LOG_LIMIT);
    expect(s.faultLog.at(-1)?.at).toBe(last * 10);
    expect(s.faultLog[0]?.at).toBe((last - FAULT_LOG_LIMIT + 1) * 10);
  });
});
