import { afterEach, describe, expect, test } from 'vitest';
import type { CheckRunView } from '../src/shared/check-views';
import type { VirtualTime } from '../src/shared/virtual-time.test-kit';
import { nodeVirtualTime } from '../src/main/util/node-virtual-time.test-kit';
import { buildChecksRig, type ChecksRig } from './support/checks-rig';

/**
 * Every commissioning check through the contract (EmsService.handle) against the simulator
 * with a known inverter: its ramp, dead time, watchdog timeout and revert are set here, and
 * the check's figures are asserted against them. Virtual time, real drivers and profiles.
 */

const WRITE = { authorised: true, source: 'test' } as const;
let rig: ChecksRig | null = null;

afterEach(async () => {
  await rig?.stop();
  rig = null;
});

/** Runs a check through the contract and advances time until it finished. */
async function runCheck(
  time: VirtualTime,
  r: ChecksRig,
  check: string,
  options: Record<string, number> = {},
): Promise<CheckRunView> {
  const started = await r.service.handle('runCheck', { check, confirmed: true, options }, WRITE);
  if (!started.ok) throw new Error(started.error);
  const { runId } = started.result as { runId: string };
  for (let i = 0; i < 2000; i++) {
    await time.runFor(250);
    const list = await r.service.handle('listChecks', {}, WRITE);
    const run = (list.ok ? (list.result as CheckRunView[]) : []).find((x) => x.runId === runId);
    if (run !== undefined && run.status !== 'running') return run;
  }
  throw new Error(`${check} did not finish in 500 s of virtual time`);
}

/** Ends at 0 W in STANDBY: what every run must leave behind. */
function expectStandbyAtZero(r: ChecksRig): void {
  const snap = r.runtime.snapshot();
  expect(snap.state).toBe('STANDBY');
  expect(snap.setpointW).toBe(0);
  expect(r.model.inverter.setpointW).toBe(0);
}

describe(
  'commissioning checks against the simulated AC-coupled inverter (sim-inverter profile)',
  { timeout: 120_000 },
  () => {
    const dynamics = { rampWPerS: 800, deadTimeS: 0.5, lagS: 0, watchdogTimeoutS: 10 };

    test('inverterStep measures the configured dead time and ramp', async () => {
      const time = nodeVirtualTime();
      rig = await buildChecksRig(time, { inverter: dynamics });
      const run = await runCheck(time, rig, 'inverterStep');
      console.log('inverterStep AC', JSON.stringify(run.measured));
      expect(run.status).toBe('pass');
      // 10 % of 1 kW at 800 W/s takes 0.125 s after the dead time; the read that sees it comes
      // up to one poll (0.25 s) and one write round trip later.
      expect(run.measured['delayS']).toBeGreaterThanOrEqual(0.5);
      expect(run.measured['delayS']).toBeLessThanOrEqual(0.5 + 0.125 + 0.35);
      expect(run.measured['rampWPerS']).toBeGreaterThan(800 * 0.85);
      expect(run.measured['rampWPerS']).toBeLessThan(800 * 1.15);
      expect(Math.abs(Number(run.measured['steadyErrorW']))).toBeLessThanOrEqual(20);
      // Dead time + 95 % of the step at 800 W/s, plus a poll.
      expect(run.measured['settleS']).toBeLessThanOrEqual(0.5 + 950 / 800 + 0.6);
      expect(run.chart.t.length).toBeGreaterThan(10);
      expectStandbyAtZero(rig);
    });

    test('watchdog: a device that reverts to 0 W passes, with its timeout measured', async () => {
      const time = nodeVirtualTime();
      rig = await buildChecksRig(time, { inverter: dynamics });
      const run = await runCheck(time, rig, 'watchdog');
      console.log('watchdog AC zero', JSON.stringify(run.measured));
      expect(run.status).toBe('pass');
      expect(run.measured['readbackTimeoutS']).toBe(10);
      expect(run.measured['revertKind']).toBe('zero');
      // The device reverts at 10 s; it is seen leaving 500 W at the next poll.
      expect(run.measured['revertS']).toBeGreaterThanOrEqual(10);
      expect(run.measured['revertS']).toBeLessThanOrEqual(10.6);
      expect(Math.abs(Number(run.measured['revertedToW']))).toBeLessThan(50);
      expectStandbyAtZero(rig);
    });

    test('watchdog: a device that reverts to its own dispatch fails against a zero profile', async () => {
      const time = nodeVirtualTime();
      rig = await buildChecksRig(time, { inverter: { ...dynamics, revertToW: -700 } });
      const run = await runCheck(time, rig, 'watchdog');
      expect(run.status).toBe('fail');
      expect(run.measured['revertKind']).toBe('own');
      // Averaged over the 5 s after the revert, which include the ramp from +500 W to -700 W
      // at 800 W/s (1.5 s): (1.5 x -100 + 3.5 x -700) / 5 = -520 W, give or take a poll.
      expect(Math.abs(Number(run.measured['revertedToW']) + 520)).toBeLessThanOrEqual(60);
      expect(run.message).toMatch(/profile says it goes to 0 W/);
      expectStandbyAtZero(rig);
    });

    test('meterSign passes on a correct meter and proposes the fix on a reversed one', async () => {
      const time = nodeVirtualTime();
      rig = await buildChecksRig(time, { inverter: dynamics });
      const ok = await runCheck(time, rig, 'meterSign');
      console.log('meterSign AC', JSON.stringify(ok.measured));
      expect(ok.status).toBe('pass');
      expect(ok.measured['ratio']).toBeCloseTo(-1, 1);
      expect(ok.proposedFix).toBeNull();
      await rig.stop();
      rig = await buildChecksRig(time, { inverter: dynamics, meterReversed: true });
      const bad = await runCheck(time, rig, 'meterSign');
      expect(bad.status).toBe('fail');
      expect(bad.measured['ratio']).toBeCloseTo(1, 1);
      expect(bad.proposedFix).toEqual({ meterPowerSign: -1 });
      // The built-in site has no file to change: the fix is refused, nothing applied.
      const fix = await rig.service.handle(
        'applyMeterSignFix',
        { runId: bad.runId, confirmed: true },
        WRITE,
      );
      expect(fix).toEqual({
        ok: false,
        error: expect.stringMatching(/cannot be changed from here/) as unknown,
      });
      expectStandbyAtZero(rig);
    });

    test('bmsLink and commLoss pass; the site is then commissioned only with every check', async () => {
      const time = nodeVirtualTime();
      rig = await buildChecksRig(time, { inverter: dynamics });
      const bms = await runCheck(time, rig, 'bmsLink');
      console.log('bmsLink', JSON.stringify(bms.measured));
      expect(bms.status).toBe('pass');
      expect(bms.measured['protocol']).toBe('pylontech-v1.3');
      const loss = await runCheck(time, rig, 'commLoss');
      console.log('commLoss', JSON.stringify(loss.measured));
      expect(loss.status).toBe('pass');
      expect(loss.measured['setpointAtFaultW']).toBe(0);
      expect(Number(loss.measured['faultS'])).toBeLessThanOrEqual(Number(loss.measured['boundS']));
      expectStandbyAtZero(rig);
      const status = await rig.service.handle('commissioningStatus', {}, WRITE);
      expect(status.ok && status.result).toMatchObject({
        commissioned: false,
        passed: ['bmsLink', 'commLoss'],
      });
    });
  },
);

describe(
  'commissioning checks against the simulated SunSpec hybrid (sunspec-hybrid-124)',
  { timeout: 120_000 },
  () => {
    const dynamics = { rampWPerS: 600, deadTimeS: 0.8, lagS: 0, revertToW: 900 };

    test('inverterStep measures the battery power the 124 setpoint acts on', async () => {
      const time = nodeVirtualTime();
      rig = await buildChecksRig(time, {
        inverter: dynamics,
        sunspec: { coupling: 'hybrid', profile: 'sunspec-hybrid-124' },
      });
      const run = await runCheck(time, rig, 'inverterStep');
      console.log('inverterStep hybrid', JSON.stringify(run.measured));
      expect(run.status).toBe('pass');
      expect(run.measured['delayS']).toBeGreaterThanOrEqual(0.8);
      expect(run.measured['delayS']).toBeLessThanOrEqual(0.8 + 100 / 600 + 0.35);
      expect(run.measured['rampWPerS']).toBeGreaterThan(600 * 0.85);
      expect(run.measured['rampWPerS']).toBeLessThan(600 * 1.15);
      expectStandbyAtZero(rig);
    });

    test('watchdog warns: the device returns to its own dispatch, as its profile declares', async () => {
      const time = nodeVirtualTime();
      rig = await buildChecksRig(time, {
        inverter: dynamics,
        sunspec: { coupling: 'hybrid', profile: 'sunspec-hybrid-124' },
      });
      const run = await runCheck(time, rig, 'watchdog');
      console.log('watchdog hybrid own', JSON.stringify(run.measured));
      expect(run.status).toBe('warn');
      expect(run.measured['readbackTimeoutS']).toBe(30);
      expect(run.measured['revertKind']).toBe('own');
      expect(run.measured['revertS']).toBeGreaterThanOrEqual(30);
      expect(run.measured['revertS']).toBeLessThanOrEqual(30.6);
      // 500 W to 900 W at 600 W/s takes 0.67 s of the 5 s average:
      // (0.67 x 700 + 4.33 x 900) / 5 = 873 W, give or take a poll.
      expect(Math.abs(Number(run.measured['revertedToW']) - 873)).toBeLessThanOrEqual(30);
      expectStandbyAtZero(rig);
    });
  },
);

describe('a step a site limit blocks', { timeout: 120_000 }, () => {
  test('inverterStep names the cut step instead of blaming the device (noon, export limit 0 W)', async () => {
    const time = nodeVirtualTime();
    rig = await buildChecksRig(time, {
      inverter: { rampWPerS: 1000, deadTimeS: 0.2, lagS: 0 },
      control: { gridExportLimitW: 0 },
    });
    const run = await runCheck(time, rig, 'inverterStep');
    expect(run.status).toBe('fail');
    expect(run.message).toMatch(
      /^A site limit cut the discharge step to -?\d+ W, so there was nothing to measure/,
    );
    expect(run.message).not.toMatch(/remote control/);
    expectStandbyAtZero(rig);
  });
});

describe('a check stops at 0 W', { timeout: 120_000 }, () => {
  const dynamics = { rampWPerS: 800, deadTimeS: 0.5, lagS: 0 };

  /** Starts inverterStep and lets it run until the inverter is charging. */
  async function midStep(time: VirtualTime, r: ChecksRig): Promise<string> {
    const started = await r.service.handle(
      'runCheck',
      { check: 'inverterStep', confirmed: true },
      WRITE,
    );
    if (!started.ok) throw new Error(started.error);
    for (let i = 0; i < 100 && r.model.inverter.activePowerW > -500; i++) await time.runFor(250);
    expect(r.model.inverter.activePowerW).toBeLessThan(-500);
    return (started.result as { runId: string }).runId;
  }

  async function runOf(r: ChecksRig, runId: string): Promise<CheckRunView | undefined> {
    const list = await r.service.handle('listChecks', {}, WRITE);
    return (list.ok ? (list.result as CheckRunView[]) : []).find((x) => x.runId === runId);
  }

  test('on Stop: aborted, STOP, 0 W written', async () => {
    const time = nodeVirtualTime();
    rig = await buildChecksRig(time, { inverter: dynamics });
    const runId = await midStep(time, rig);
    await rig.service.handle('command', { command: { type: 'stop' } }, WRITE);
    await time.runFor(3000);
    const run = await runOf(rig, runId);
    expect(run?.status).toBe('aborted');
    expect(run?.message).toMatch(/left STANDBY \(now STOP\)/);
    expect(rig.runtime.snapshot().state).toBe('STOP');
    expect(rig.model.inverter.setpointW).toBe(0);
  });

  test('on a fault (a BMS protection alarm): aborted, FAULT, 0 W', async () => {
    const time = nodeVirtualTime();
    rig = await buildChecksRig(time, { inverter: dynamics });
    const runId = await midStep(time, rig);
    rig.model.setFault('bmsAlarm', true);
    await time.runFor(4000);
    const run = await runOf(rig, runId);
    expect(run?.status).toBe('aborted');
    expect(run?.message).toMatch(/now FAULT/);
    expect(rig.runtime.snapshot().state).toBe('FAULT');
    expect(rig.model.inverter.setpointW).toBe(0);
  });

  test('on Cancel: aborted, STANDBY, 0 W; no second check meanwhile, none outside STANDBY', async () => {
    const time = nodeVirtualTime();
    rig = await buildChecksRig(time, { inverter: dynamics });
    const runId = await midStep(time, rig);
    const again = await rig.service.handle(
      'runCheck',
      { check: 'watchdog', confirmed: true },
      WRITE,
    );
    expect(again.ok).toBe(false);
    expect(JSON.stringify(again)).toMatch(/already running/);
    await rig.service.handle('cancelCheck', {}, WRITE);
    await time.runFor(2000);
    expect((await runOf(rig, runId))?.status).toBe('aborted');
    expect(rig.runtime.snapshot()).toMatchObject({ state: 'STANDBY', setpointW: 0 });
    expect(rig.model.inverter.setpointW).toBe(0);
    await rig.service.handle(
      'command',
      { command: { type: 'setMode', mode: 'SELF_CONSUMPTION' } },
      WRITE,
    );
    await time.runFor(500);
    const refused = await rig.service.handle(
      'runCheck',
      { check: 'meterSign', confirmed: true },
      WRITE,
    );
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toMatch(
      /only with the EMS started and in STANDBY.*SELF_CONSUMPTION/,
    );
  });
});
