import { afterAll, describe, expect, it } from 'vitest';
import { FaultRig, TEST_CONTROL } from './support/fault-rig';
import {
  expectWithin,
  INVERTER_SETTLE_MS,
  SIM_TICK_MS,
  startDischarging,
  WATCHDOG_MS,
  ZERO_W,
} from './support/fault-scenario';
import { recordFaultTiming } from './support/fault-times';

/**
 * The EMS killed with SIGKILL in the middle of a discharge: no safe stop runs, no 0 W is
 * written, the socket just dies, as when the laptop crashes or its lid closes. The only
 * thing left to stop the battery is the inverter's own watchdog, which the EMS feeds with a
 * heartbeat on every write. The simulated inverter must reach 0 W within its revert time
 * (plus its ramp), measured from the last heartbeat it received, and a restarted EMS must
 * take it over again.
 */

const rigs: FaultRig[] = [];
afterAll(async () => {
  await Promise.all(rigs.map((r) => r.cleanup()));
});

/** The EMS refreshes an unchanged setpoint every third of the revert time (setpoint-writer.ts). */
const REFRESH_MS = WATCHDOG_MS / 3;
/** The simulator checks its watchdog on its 100 ms tick; the probe below reads every 50 ms. */
const REVERT_SEEN_MS = WATCHDOG_MS + SIM_TICK_MS + 50;

describe('EMS killed mid-discharge', { timeout: 90_000 }, () => {
  it('SIGKILL at 1500 W: the inverter watchdog brings it to 0 W within its revert time', async () => {
    const rig = await FaultRig.create();
    rigs.push(rig);
    const sim = await rig.sim();
    const inverterPort = sim.inverterPort ?? 0;
    const site = await rig.site('sigkill', { meterPort: sim.meterPort ?? 0, inverterPort });
    const { ems, probe } = await startDischarging(rig, site, inverterPort);
    const running = await probe.read();
    expect(running.setpointW).toBe(TEST_CONTROL.defaultOverrideW);
    expect(running.watchdogTimeoutS).toBe(WATCHDOG_MS / 1000);

    // Kill right after a heartbeat: the worst case, the full revert time still ahead.
    const beat = await probe.waitFor(
      (s) => s.heartbeat !== running.heartbeat,
      REFRESH_MS + 2000,
      20,
    );
    const killedAt = Date.now();
    ems.process.kill('SIGKILL');
    expect(await ems.process.exited).toBeNull();
    expect(ems.process.child.signalCode).toBe('SIGKILL');
    const justAfter = await probe.read();
    expect(justAfter.activePowerW).toBeGreaterThan(TEST_CONTROL.defaultOverrideW - 100);

    const reverted = await probe.waitFor((s) => s.setpointW === 0, WATCHDOG_MS + 5000, 50);
    const zero = await probe.waitFor((s) => Math.abs(s.activePowerW) <= ZERO_W, 10_000, 50);
    // Nothing but the watchdog acted: the setpoint held until the revert time had passed.
    expect(reverted.at - beat.at).toBeGreaterThanOrEqual(WATCHDOG_MS - 200);
    expect(reverted.heartbeat).toBe(beat.heartbeat);

    // A new EMS takes the inverter over from scratch.
    const again = await rig.ems(site, 'DISCHARGE_ONLY');
    await probe.waitFor((s) => s.activePowerW > TEST_CONTROL.defaultOverrideW - 100, 30_000);
    again.process.kill('SIGTERM');
    expect(await again.process.exited).toBe(0);
    expect((await probe.read()).setpointW).toBe(0);

    const timing = {
      id: 'ems-sigkill',
      fault: 'EMS process killed (SIGKILL) while discharging 1500 W',
      code: 'none (the EMS is gone): inverter watchdog',
      reaction:
        'the inverter reverts its setpoint to 0 W when no heartbeat came within its revert time',
      detect: {
        ms: reverted.at - killedAt,
        boundMs: REVERT_SEEN_MS,
        rule: `inverter revert time ${WATCHDOG_MS} (written by the EMS at connect; heartbeat every ${Math.round(REFRESH_MS)}) + sim tick ${SIM_TICK_MS} + probe period 50`,
      },
      output: {
        ms: zero.at - killedAt,
        boundMs: REVERT_SEEN_MS + INVERTER_SETTLE_MS,
        rule: `revert seen ${REVERT_SEEN_MS} + inverter settle ${INVERTER_SETTLE_MS}`,
      },
      recover: null,
      recoveryRule:
        'restart the EMS: it starts in STOP (or the --mode given) and takes the inverter over',
    };
    await recordFaultTiming(timing);
    expectWithin('revert after the kill', timing.detect.ms, timing.detect);
    expectWithin('0 W at the inverter', timing.output.ms, timing.output);
  });
});
