import { afterAll, describe, expect, it } from 'vitest';
import type { ProxyFault } from './support/fault-proxy';
import { restCommand } from './support/ems-rest';
import { FaultRig, TEST_CONTROL } from './support/fault-rig';
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
  SIM_TICK_MS,
  WATCHDOG_MS,
  ZERO_W,
} from './support/fault-scenario';
import { recordFaultTiming } from './support/fault-times';

/**
 * Devices that are connected but answer wrongly. A meter whose every reply is Modbus
 * exception 4 (server device failure), or noise (foreign transaction ids, random bytes that
 * may claim a frame longer than anything that follows): neither may be taken as a reading,
 * the EMS must fault to 0 W, log it, and come back once the answers are sound again (the
 * noise must not leave the client out of step). And an inverter that acknowledges every
 * write without doing it: reads and writes all succeed, so only comparing what was written
 * with what the inverter holds can tell; the EMS must notice long before its watchdog acts.
 */

const rigs: FaultRig[] = [];
const { pollIntervalMs } = TEST_CONTROL;
/** Read-back hold of the follow check (runtime/follow-watch.ts defaults). */
const READBACK_HOLD_MS = 2000;
afterAll(async () => {
  await Promise.all(rigs.map((r) => r.cleanup()));
});

async function badReplies(id: string, fault: string, kind: ProxyFault): Promise<void> {
  const rig = await FaultRig.create();
  rigs.push(rig);
  const sim = await rig.sim();
  const inverterPort = sim.inverterPort ?? 0;
  const proxy = await rig.proxy(sim.meterPort ?? 0);
  const site = await rig.site(id, { meterPort: proxy.port, inverterPort });
  const { ems, probe } = await startDischarging(rig, site, inverterPort);

  const from = ems.process.lines.length;
  const injectedAt = Date.now();
  proxy.setFault(kind);
  const detected = await faultEvent(ems, /Meter link lost/, injectedAt);
  const status = await statusAfter(ems, from, (s) => s.state === 'FAULT', 10_000);
  expect(status).toMatchObject({ setpointW: 0, modbusOk: false, gridW: null });
  expect(status.faults).toContain('METER_COMM_LOSS');
  const zero = await probe.waitFor(
    (s) => s.setpointW === 0 && Math.abs(s.activePowerW) <= ZERO_W,
    15_000,
  );
  await expectFaultLogged(ems, 'METER_COMM_LOSS', 'raised', injectedAt);
  expect(proxy.stats().alteredReplies).toBeGreaterThan(0);

  const liftFrom = ems.process.lines.length;
  const liftedAt = Date.now();
  proxy.setFault('none');
  const recovered = await stateEvent(ems, 'FAULT', 'STANDBY', liftedAt);
  const back = await statusAfter(ems, liftFrom, (s) => s.state === 'STANDBY', 15_000);
  expect(back).toMatchObject({ setpointW: 0, modbusOk: true, faults: [] });

  const timing = {
    id,
    fault,
    code: 'METER_COMM_LOSS',
    reaction: 'FAULT, mode IDLE, 0 W written to the inverter',
    detect: { ms: detected.at - injectedAt, ...MODBUS_DETECT },
    output: {
      ms: zero.at - injectedAt,
      boundMs: MODBUS_DETECT.boundMs + INVERTER_SETTLE_MS,
      rule: `detection bound ${MODBUS_DETECT.boundMs} + inverter settle ${INVERTER_SETTLE_MS}`,
    },
    recover: { ms: recovered.at - liftedAt, ...MODBUS_RECOVER },
    recoveryRule: 'automatic: FAULT -> STANDBY once every link is fresh (autoResume off)',
  };
  await recordFaultTiming(timing);
  expectWithin('detection', timing.detect.ms, timing.detect);
  expectWithin('0 W at the inverter', timing.output.ms, timing.output);
  expectWithin('recovery', timing.recover.ms, timing.recover);
}

describe.concurrent('meter answering wrongly', { timeout: 90_000 }, () => {
  describe('Modbus exceptions', () => {
    it('every reply is exception 4: FAULT, 0 W, STANDBY when replies are sound', async () => {
      await badReplies(
        'meter-exception',
        'meter answers exception 4 to every request',
        'exception',
      );
    });
  });

  describe('garbage', () => {
    it('replies are noise (wrong transaction ids, random bytes): FAULT, 0 W, then STANDBY', async () => {
      await badReplies(
        'meter-garbage',
        'meter replies are noise (foreign transaction ids, random bytes)',
        'garbage',
      );
    });
  });
});

describe('inverter ignoring writes', { timeout: 90_000 }, () => {
  it('acknowledged writes never reach it: INVERTER_NOT_FOLLOWING before the watchdog acts', async () => {
    const rig = await FaultRig.create();
    rigs.push(rig);
    const sim = await rig.sim();
    const inverterPort = sim.inverterPort ?? 0;
    const proxy = await rig.proxy(inverterPort);
    const site = await rig.site('swallow', {
      meterPort: sim.meterPort ?? 0,
      inverterPort: proxy.port,
    });
    const { ems, probe } = await startDischarging(rig, site, inverterPort);

    const from = ems.process.lines.length;
    const swallowedFrom = Date.now();
    proxy.setFault('swallowWrites');
    // A new power the inverter never hears of: the read-back setpoint stays at 1500 W.
    const changedAt = Date.now();
    await restCommand(ems, '/api/override-power', { watts: 500 });
    const detected = await faultEvent(ems, /Inverter not following/, changedAt);
    const atDetection = await probe.read();
    const status = await statusAfter(ems, from, (s) => s.state === 'FAULT', 10_000);
    expect(status).toMatchObject({ setpointW: 0, mode: 'IDLE', modbusOk: true });
    expect(status.faults).toContain('INVERTER_NOT_FOLLOWING');
    await expectFaultLogged(ems, 'INVERTER_NOT_FOLLOWING', 'raised', changedAt);
    // Noticed while the inverter still ran on its own: the watchdog had not yet acted.
    expect(atDetection.activePowerW).toBeGreaterThan(1000);
    expect(proxy.stats().swallowedWrites).toBeGreaterThan(0);

    // With no write reaching it, only the inverter's watchdog brings it to 0 W; the EMS
    // then sees it follow its 0 W again and returns to STANDBY.
    const zero = await probe.waitFor((s) => Math.abs(s.activePowerW) <= ZERO_W, 20_000);
    expect(zero.setpointW).toBe(0);
    await stateEvent(ems, 'FAULT', 'STANDBY', detected.at);

    const liftedAt = Date.now();
    proxy.setFault('none');
    await restCommand(ems, '/api/mode', { mode: 'DISCHARGE_ONLY' });
    const following = await probe.waitFor((s) => Math.abs(s.activePowerW - 500) <= 25, 10_000);
    const settleTo500 = 2 * pollIntervalMs + 250 + 1000;
    const timing = {
      id: 'inverter-ignores-writes',
      fault: 'inverter acknowledges writes without doing them (FC16 swallowed)',
      code: 'INVERTER_NOT_FOLLOWING',
      reaction:
        'FAULT, mode IDLE, 0 W commanded (re-sent every cycle); the inverter watchdog stops it',
      detect: {
        ms: detected.at - changedAt,
        boundMs: READBACK_HOLD_MS + 3 * pollIntervalMs,
        rule: `read-back hold ${READBACK_HOLD_MS} + 3 polls of ${pollIntervalMs} (command, write, read back)`,
      },
      output: {
        ms: zero.at - swallowedFrom,
        boundMs: WATCHDOG_MS + SIM_TICK_MS + INVERTER_SETTLE_MS,
        rule: `inverter watchdog ${WATCHDOG_MS} (no write reaches it) + sim tick ${SIM_TICK_MS} + inverter settle ${INVERTER_SETTLE_MS}`,
      },
      recover: {
        ms: following.at - liftedAt,
        boundMs: settleTo500,
        rule: `2 polls + EMS ramp to 500 W (250) + inverter lag to 95 % (1000)`,
      },
      recoveryRule:
        'automatic to STANDBY once the inverter holds what it was told (here after its watchdog); the operator selects the mode again',
    };
    await recordFaultTiming(timing);
    expectWithin('detection', timing.detect.ms, timing.detect);
    expectWithin('0 W at the inverter', timing.output.ms, timing.output);
    expectWithin('following again', timing.recover.ms, timing.recover);
  });
});
