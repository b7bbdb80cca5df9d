import { afterAll, describe, expect, it } from 'vitest';
import { restCommand, restFaultLog } from './support/ems-rest';
import { FaultRig, TEST_BMS, TEST_CONTROL } from './support/fault-rig';
import {
  BMS_STALE_MS,
  expectFaultLogged,
  expectWithin,
  faultEvent,
  INVERTER_SETTLE_MS,
  startDischarging,
  stateEvent,
  statusAfter,
  ZERO_W,
  type Discharging,
} from './support/fault-scenario';
import { recordFaultTiming } from './support/fault-times';
import type { Sim } from './support/fault-rig';

/**
 * The BMS failing while the EMS discharges at 1500 W, its frames carried over the
 * simulator's socketcand gateway: falling silent (comm loss), raising a protection alarm
 * (latched: gone and acknowledged before anything runs again), and withdrawing its discharge
 * permission (not a fault: the output is clamped to no discharge at once and comes back when
 * the flag does). The three run side by side.
 */

const { pollIntervalMs } = TEST_CONTROL;
const { framePeriodMs } = TEST_BMS;
/** A new frame set arrives within one period; the next step acts on it. */
const NEXT_FRAME = {
  boundMs: framePeriodMs + 2 * pollIntervalMs,
  rule: `frame period ${framePeriodMs} + 2 polls of ${pollIntervalMs}`,
};

const rigs: FaultRig[] = [];
afterAll(async () => {
  await Promise.all(rigs.map((r) => r.cleanup()));
});

/** A simulator with its BMS on socketcand and an EMS discharging on it. */
async function discharging(name: string): Promise<{ sim: Sim } & Discharging> {
  const rig = await FaultRig.create();
  rigs.push(rig);
  const sim = await rig.sim();
  const inverterPort = sim.inverterPort ?? 0;
  const site = await rig.site(name, {
    meterPort: sim.meterPort ?? 0,
    inverterPort,
    canPort: sim.canPort ?? 0,
  });
  const running = await startDischarging(rig, site, inverterPort);
  return { sim, ...running };
}

/** The simulated inverter told 0 W by the EMS and settled there. */
const atZero = (s: { setpointW: number | null; activePowerW: number }): boolean =>
  s.setpointW === 0 && Math.abs(s.activePowerW) <= ZERO_W;

describe.concurrent('BMS faults', { timeout: 90_000 }, () => {
  describe('CAN silent', () => {
    it('no frames: BMS_COMM_LOSS, 0 W, STANDBY when frames return', async () => {
      const { sim, ems, probe } = await discharging('can-silent');
      const from = ems.process.lines.length;
      const injected = await sim.console('bmsSilent on');
      const detected = await faultEvent(ems, /BMS link lost/, injected.at);
      const status = await statusAfter(ems, from, (s) => s.state === 'FAULT', 10_000);
      expect(status).toMatchObject({ setpointW: 0, canOk: false, soc: null });
      expect(status.faults).toEqual(['BMS_COMM_LOSS']);
      const zero = await probe.waitFor(atZero, 15_000);
      await expectFaultLogged(ems, 'BMS_COMM_LOSS', 'raised', injected.at);

      const liftFrom = ems.process.lines.length;
      const lifted = await sim.console('bmsSilent off');
      const recovered = await stateEvent(ems, 'FAULT', 'STANDBY', lifted.at);
      const back = await statusAfter(ems, liftFrom, (s) => s.state === 'STANDBY', 10_000);
      expect(back).toMatchObject({ canOk: true, faults: [], setpointW: 0 });

      const detect = {
        ms: detected.at - injected.at,
        boundMs: BMS_STALE_MS + 2 * pollIntervalMs,
        rule: `staleness ${TEST_BMS.missedFrames} frames x ${framePeriodMs} + 2 polls of ${pollIntervalMs}`,
      };
      const timing = {
        id: 'bms-silent',
        fault: 'BMS falls silent on CAN (no frames)',
        code: 'BMS_COMM_LOSS',
        reaction: 'FAULT, mode IDLE, 0 W written to the inverter',
        detect,
        output: {
          ms: zero.at - injected.at,
          boundMs: detect.boundMs + INVERTER_SETTLE_MS,
          rule: `detection bound ${detect.boundMs} + inverter settle ${INVERTER_SETTLE_MS}`,
        },
        recover: { ms: recovered.at - lifted.at, ...NEXT_FRAME },
        recoveryRule: 'automatic: FAULT -> STANDBY once frames are fresh again (autoResume off)',
      };
      await recordFaultTiming(timing);
      expectWithin('detection', timing.detect.ms, timing.detect);
      expectWithin('0 W at the inverter', timing.output.ms, timing.output);
      expectWithin('recovery', timing.recover.ms, timing.recover);
    });
  });

  describe('BMS alarm', () => {
    it('CELL_OVER_VOLTAGE: FAULT at 0 W, held after the alarm clears until acknowledged', async () => {
      const { sim, ems, probe } = await discharging('bms-alarm');
      const from = ems.process.lines.length;
      const injected = await sim.console('alarm CELL_OVER_VOLTAGE on');
      const detected = await faultEvent(
        ems,
        /BMS protection alarm: CELL_OVER_VOLTAGE/,
        injected.at,
      );
      const status = await statusAfter(ems, from, (s) => s.state === 'FAULT', 10_000);
      expect(status).toMatchObject({ setpointW: 0, canOk: true, faults: ['BMS_PROTECTION_ALARM'] });
      const zero = await probe.waitFor(atZero, 15_000);
      await expectFaultLogged(ems, 'BMS_PROTECTION_ALARM', 'raised', injected.at);

      const lifted = await sim.console('alarm CELL_OVER_VOLTAGE off');
      const cleared = await ems.stderr.waitFor(
        /^event fault-cleared: BMS_PROTECTION_ALARM/,
        10_000,
        lifted.at,
      );
      // The alarm is gone, yet the EMS holds FAULT (latched) and refuses a mode until acknowledged.
      const heldFrom = ems.process.lines.length;
      const held = await statusAfter(ems, heldFrom + 1, () => true, 5000);
      expect(held).toMatchObject({ state: 'FAULT', faults: [], setpointW: 0 });
      await expect(restCommand(ems, '/api/mode', { mode: 'DISCHARGE_ONLY' })).rejects.toThrow(
        /acknowledge/,
      );
      const ackAt = Date.now();
      await restCommand(ems, '/api/faults/acknowledge');
      const recovered = await stateEvent(ems, 'FAULT', 'STANDBY', ackAt);
      const log = await restFaultLog(ems);
      expect(log.filter((e) => e.code === 'BMS_PROTECTION_ALARM').map((e) => e.kind)).toEqual([
        'raised',
        'cleared',
        'acknowledged',
      ]);

      const timing = {
        id: 'bms-alarm',
        fault: 'BMS protection alarm CELL_OVER_VOLTAGE',
        code: 'BMS_PROTECTION_ALARM',
        reaction: 'FAULT (latched), mode IDLE, 0 W written to the inverter',
        detect: { ms: detected.at - injected.at, ...NEXT_FRAME },
        output: {
          ms: zero.at - injected.at,
          boundMs: NEXT_FRAME.boundMs + INVERTER_SETTLE_MS,
          rule: `detection bound ${NEXT_FRAME.boundMs} + inverter settle ${INVERTER_SETTLE_MS}`,
        },
        recover: {
          ms: recovered.at - ackAt,
          boundMs: 2 * pollIntervalMs,
          rule: `acknowledge -> STANDBY at once (2 polls of ${pollIntervalMs}); alarm gone after ${cleared.at - lifted.at} ms`,
        },
        recoveryRule: 'latched: the alarm must be gone AND acknowledgeFault sent; then STANDBY',
      };
      await recordFaultTiming(timing);
      expectWithin('detection', timing.detect.ms, timing.detect);
      expectWithin('0 W at the inverter', timing.output.ms, timing.output);
      expectWithin('recovery after acknowledge', timing.recover.ms, timing.recover);
      expectWithin('alarm seen gone', cleared.at - lifted.at, NEXT_FRAME);
    });
  });

  describe('BMS discharge-enable dropped', () => {
    it('the flag drops: no discharge at once (limitedBy bmsDischargeDisabled), back when it returns', async () => {
      const { sim, ems, probe } = await discharging('no-discharge');
      const from = ems.process.lines.length;
      const injected = await sim.console('bmsNoDischarge on');
      // What the EMS wrote, read from the inverter's own setpoint register.
      const clamped = await probe.waitFor((s) => s.setpointW === 0, 10_000, 50);
      const status = await statusAfter(
        ems,
        from,
        (s) => s.limitedBy === 'bmsDischargeDisabled',
        10_000,
      );
      expect(status).toMatchObject({
        state: 'SELF_CONSUMPTION',
        mode: 'DISCHARGE_ONLY',
        setpointW: 0,
      });
      expect(status.faults).toEqual([]);
      expect(status.bms?.dclA).toBeGreaterThan(0);
      const zero = await probe.waitFor((s) => Math.abs(s.activePowerW) <= ZERO_W, 10_000);
      // A withdrawn permission is a limit, not a fault: nothing enters the fault log.
      expect(
        (await restFaultLog(ems)).filter((e) => Date.parse(e.time) >= injected.at - 1000),
      ).toEqual([]);

      const lifted = await sim.console('bmsNoDischarge off');
      const back = await probe.waitFor((s) => s.activePowerW >= 1400, 10_000);
      const rampMs = (1500 / TEST_CONTROL.rampWPerS) * 1000;
      const timing = {
        id: 'bms-no-discharge',
        fault: 'BMS drops its discharge enable flag (DCL unchanged)',
        code: 'limitedBy bmsDischargeDisabled',
        reaction:
          'stays SELF_CONSUMPTION (DISCHARGE_ONLY), output clamped to 0 W in the same step, no fault',
        detect: { ms: clamped.at - injected.at, ...NEXT_FRAME },
        output: {
          ms: zero.at - injected.at,
          boundMs: NEXT_FRAME.boundMs + INVERTER_SETTLE_MS,
          rule: `clamp bound ${NEXT_FRAME.boundMs} + inverter settle ${INVERTER_SETTLE_MS}`,
        },
        recover: {
          ms: back.at - lifted.at,
          boundMs: NEXT_FRAME.boundMs + rampMs + 1000,
          rule: `${NEXT_FRAME.rule} + EMS ramp to 1500 W (${rampMs}) + inverter lag (1000)`,
        },
        recoveryRule: 'automatic: the output ramps back as soon as the flag returns',
      };
      await recordFaultTiming(timing);
      expectWithin('clamp', timing.detect.ms, timing.detect);
      expectWithin('0 W at the inverter', timing.output.ms, timing.output);
      expectWithin('discharging again', timing.recover.ms, timing.recover);
    });
  });
});
