import { afterAll, describe, expect, it } from 'vitest';
import { FaultRig } from './support/fault-rig';
import {
  expectFaultLogged,
  expectWithin,
  faultEvent,
  INVERTER_SETTLE_MS,
  MODBUS_DETECT,
  MODBUS_RECOVER,
  startDischarging,
  stateEvent,
  statusAfter,
  ZERO_W,
  type Discharging,
} from './support/fault-scenario';
import { recordFaultTiming } from './support/fault-times';

/**
 * The grid meter failing in four ways while the EMS discharges at 1500 W, each against real
 * processes on loopback: the meter's process killed, frozen with SIGSTOP (socket left open),
 * answering slower than the request timeout, and refusing connections. Every one must end in
 * FAULT / METER_COMM_LOSS with the simulated inverter at 0 W, a fault-log entry, and
 * STANDBY again once the meter is back. The four run side by side.
 */

const rigs: FaultRig[] = [];
async function newRig(): Promise<FaultRig> {
  const rig = await FaultRig.create();
  rigs.push(rig);
  return rig;
}
afterAll(async () => {
  await Promise.all(rigs.map((r) => r.cleanup()));
});

const OUTPUT_BOUND = {
  boundMs: MODBUS_DETECT.boundMs + INVERTER_SETTLE_MS,
  rule: `detection bound ${MODBUS_DETECT.boundMs} + inverter settle ${INVERTER_SETTLE_MS} (sim ramp 3000 W/s from 1500 W, 0.3 s lag to ${ZERO_W} W)`,
};

/**
 * Injects a meter fault into a discharging EMS, checks the reaction and the fault log, lifts
 * the fault and checks the recovery; records the times under `id`.
 */
async function meterFault(
  id: string,
  fault: string,
  running: Discharging,
  inject: () => Promise<void> | void,
  lift: () => Promise<number>,
): Promise<void> {
  const { ems, probe } = running;
  const from = ems.process.lines.length;
  const injectedAt = Date.now();
  await inject();
  const detected = await faultEvent(ems, /Meter link lost/, injectedAt);
  const status = await statusAfter(ems, from, (s) => s.state === 'FAULT', 10_000);
  expect(status).toMatchObject({ setpointW: 0, modbusOk: false, gridW: null, mode: 'IDLE' });
  expect(status.faults).toContain('METER_COMM_LOSS');
  const zero = await probe.waitFor(
    (s) => s.setpointW === 0 && Math.abs(s.activePowerW) <= ZERO_W,
    15_000,
  );
  await expectFaultLogged(ems, 'METER_COMM_LOSS', 'raised', injectedAt);

  const liftFrom = ems.process.lines.length;
  const liftStarted = Date.now();
  const liftedAt = await lift();
  const recovered = await stateEvent(ems, 'FAULT', 'STANDBY', liftStarted);
  const back = await statusAfter(ems, liftFrom, (s) => s.state === 'STANDBY', 15_000);
  expect(back).toMatchObject({ setpointW: 0, modbusOk: true, faults: [] });
  expect(back.gridW).not.toBeNull();
  await expectFaultLogged(ems, 'METER_COMM_LOSS', 'cleared', liftStarted);

  const timing = {
    id,
    fault,
    code: 'METER_COMM_LOSS',
    reaction: 'FAULT, mode IDLE, 0 W written to the inverter',
    detect: { ms: detected.at - injectedAt, ...MODBUS_DETECT },
    output: { ms: zero.at - injectedAt, ...OUTPUT_BOUND },
    recover: { ms: Math.max(0, recovered.at - liftedAt), ...MODBUS_RECOVER },
    recoveryRule: 'automatic: FAULT -> STANDBY once every link is fresh (autoResume off)',
  };
  await recordFaultTiming(timing);
  expectWithin('detection', timing.detect.ms, timing.detect);
  expectWithin('0 W at the inverter', timing.output.ms, timing.output);
  expectWithin('recovery', timing.recover.ms, timing.recover);
}

describe.concurrent('meter faults', { timeout: 90_000 }, () => {
  describe('meter server killed', () => {
    it('SIGKILL of the meter process: FAULT, inverter at 0 W, STANDBY after a restart', async () => {
      const rig = await newRig();
      const inverter = await rig.sim({ only: 'inverter' });
      const inverterPort = inverter.inverterPort ?? 0;
      const meter = await rig.sim({ only: 'meter', inverterAt: inverterPort });
      const meterPort = meter.meterPort ?? 0;
      const site = await rig.site('killed', { meterPort, inverterPort });
      const running = await startDischarging(rig, site, inverterPort);
      await meterFault(
        'meter-killed',
        'meter process killed (SIGKILL)',
        running,
        () => meter.process.kill('SIGKILL'),
        async () => {
          await rig.sim({ only: 'meter', meterPort, inverterAt: inverterPort });
          return Date.now();
        },
      );
    });
  });

  describe('meter frozen', () => {
    it('SIGSTOP of the meter process (socket open): FAULT, 0 W, STANDBY after SIGCONT', async () => {
      const rig = await newRig();
      const inverter = await rig.sim({ only: 'inverter' });
      const inverterPort = inverter.inverterPort ?? 0;
      const meter = await rig.sim({ only: 'meter', inverterAt: inverterPort });
      const site = await rig.site('frozen', { meterPort: meter.meterPort ?? 0, inverterPort });
      const running = await startDischarging(rig, site, inverterPort);
      await meterFault(
        'meter-frozen',
        'meter process frozen (SIGSTOP, socket open)',
        running,
        () => meter.process.kill('SIGSTOP'),
        () => {
          meter.process.kill('SIGCONT');
          return Promise.resolve(Date.now());
        },
      );
    });
  });

  describe('meter slow', () => {
    it('replies 1000 ms late (request timeout 300 ms): FAULT, 0 W, STANDBY when fast again', async () => {
      const rig = await newRig();
      const sim = await rig.sim();
      const inverterPort = sim.inverterPort ?? 0;
      const proxy = await rig.proxy(sim.meterPort ?? 0);
      const site = await rig.site('slow', { meterPort: proxy.port, inverterPort });
      const running = await startDischarging(rig, site, inverterPort);
      await meterFault(
        'meter-slow',
        'meter replies 1000 ms late (request timeout 300 ms)',
        running,
        () => proxy.setLatency(1000),
        () => {
          proxy.setLatency(0);
          return Promise.resolve(Date.now());
        },
      );
    });
  });

  describe('meter refusing connections', () => {
    it('connections dropped and refused: FAULT, 0 W, STANDBY once it accepts again', async () => {
      const rig = await newRig();
      const sim = await rig.sim();
      const inverterPort = sim.inverterPort ?? 0;
      const proxy = await rig.proxy(sim.meterPort ?? 0);
      const site = await rig.site('refusing', { meterPort: proxy.port, inverterPort });
      const running = await startDischarging(rig, site, inverterPort);
      await meterFault(
        'meter-refusing',
        'meter refuses connections (open ones dropped)',
        running,
        () => proxy.refuse(),
        async () => {
          await proxy.accept();
          return Date.now();
        },
      );
      expect(proxy.stats().connections).toBeGreaterThanOrEqual(2);
    });
  });

  describe('meter stuck', () => {
    // The meter keeps answering, with one frozen reading: every read succeeds, so only the
    // sample's freshness (here the sim-meter's update counter) can tell. meterMaxHoldS is
    // the shortest allowed, 5 s, to keep the test short.
    const HOLD_S = 5;
    it('answers with a frozen reading: METER_STALE, FAULT, inverter at 0 W, STANDBY when it moves again', async () => {
      const rig = await newRig();
      const sim = await rig.sim();
      const inverterPort = sim.inverterPort ?? 0;
      const site = await rig.site('stuck', {
        meterPort: sim.meterPort ?? 0,
        inverterPort,
        control: { meterMaxHoldS: HOLD_S },
      });
      const { ems, probe } = await startDischarging(rig, site, inverterPort);
      const from = ems.process.lines.length;
      const injectedAt = Date.now();
      await sim.console('meterStuck on');
      const detected = await faultEvent(ems, /Meter update counter stuck/, injectedAt);
      const status = await statusAfter(ems, from, (s) => s.state === 'FAULT', 20_000);
      // The link is up and the meter answers: only the stale sample faults.
      expect(status).toMatchObject({ setpointW: 0, modbusOk: true, mode: 'IDLE' });
      expect(status.gridW).not.toBeNull();
      expect(status.faults).toContain('METER_STALE');
      const zero = await probe.waitFor(
        (s) => s.setpointW === 0 && Math.abs(s.activePowerW) <= ZERO_W,
        15_000,
      );
      await expectFaultLogged(ems, 'METER_STALE', 'raised', injectedAt);

      const liftStarted = Date.now();
      await sim.console('meterStuck off');
      const recovered = await stateEvent(ems, 'FAULT', 'STANDBY', liftStarted);
      await expectFaultLogged(ems, 'METER_STALE', 'cleared', liftStarted);

      const holdMs = HOLD_S * 1000;
      const detect = {
        boundMs: holdMs + MODBUS_DETECT.boundMs,
        rule: `meterMaxHoldS ${HOLD_S} s + the Modbus detection bound ${MODBUS_DETECT.boundMs} (the last new sample may be that old)`,
      };
      const timing = {
        id: 'meter-stuck',
        fault: 'meter answers with a frozen reading (update counter stuck)',
        code: 'METER_STALE',
        reaction: 'FAULT, mode IDLE, 0 W written to the inverter',
        detect: { ms: detected.at - injectedAt, ...detect },
        output: {
          ms: zero.at - injectedAt,
          boundMs: detect.boundMs + INVERTER_SETTLE_MS,
          rule: `detection bound + inverter settle ${INVERTER_SETTLE_MS}`,
        },
        recover: { ms: Math.max(0, recovered.at - liftStarted), ...MODBUS_RECOVER },
        recoveryRule:
          'automatic: the first new sample clears it; FAULT -> STANDBY (autoResume off)',
      };
      await recordFaultTiming(timing);
      // Not before the hold has run out: the EMS must not call a steady meter frozen early.
      expect(timing.detect.ms).toBeGreaterThanOrEqual(holdMs - MODBUS_DETECT.boundMs);
      expectWithin('detection', timing.detect.ms, timing.detect);
      expectWithin('0 W at the inverter', timing.output.ms, timing.output);
      expectWithin('recovery', timing.recover.ms, timing.recover);
    });
  });
});
