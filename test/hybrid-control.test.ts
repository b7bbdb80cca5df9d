import { beforeAll, describe, expect, test } from 'vitest';
import { runNoBattery, runOracle } from './support/control-quality/oracle';
import type { DayFigures } from './support/control-quality/metrics';
import { compareVariant, GOALS } from './support/control-quality/comparison';
import { rigSiteFile } from './support/control-quality/rig';
import { runControllerDay } from './support/control-quality/run';
import type { DayWindow } from './support/control-quality/window';
import { STEP_AND_CLOUD_DAY } from '../src/main/sim/scenarios';
import { siteToCoreConfig } from '../src/main/site/site-to-core-config';

/**
 * Both couplings against both SunSpec profiles, end to end on virtual time: the real EMS
 * (site defaults, core, runtime, profile driver, CAN BMS) against the simulator's SunSpec
 * inverter, once AC-coupled and once a hybrid with the PV behind it. Window: 12:00-12:30 of
 * the step-and-cloud day, with the sun up (so a hybrid's 103 W and its battery power differ
 * by kW) and load steps.
 */

const WINDOW: DayWindow = { startTimeOfDayS: 12 * 3600, durationMs: 30 * 60_000 };
const config = siteToCoreConfig(rigSiteFile());

let noBattery: DayFigures;
let oracle: DayFigures;

beforeAll(() => {
  noBattery = runNoBattery(STEP_AND_CLOUD_DAY, WINDOW, config.gridTargetW);
  oracle = runOracle(STEP_AND_CLOUD_DAY, WINDOW, config);
});

const day = (
  coupling: 'ac' | 'hybrid',
  profile: string,
  faultCodes: string[] = [],
): ReturnType<typeof runControllerDay> =>
  runControllerDay({
    scenario: STEP_AND_CLOUD_DAY,
    window: WINDOW,
    sunspecInverter: { coupling, profile },
    onHour: (_hour, rig) => faultCodes.push(...rig.runtime.snapshot().faults.map((f) => f.code)),
  });

describe('SunSpec control by coupling', () => {
  test('the window has PV for the battery to store and steps to answer', () => {
    expect(noBattery.exchangeKwh - oracle.exchangeKwh).toBeGreaterThan(0.5);
  });

  test('an AC-coupled unit read with sunspec-storage-124 controls without a fault', async () => {
    const run = await day('ac', 'sunspec-storage-124');
    const c = compareVariant('ac', {}, run, noBattery, oracle);
    expect(c.shareOfOracle).toBeGreaterThanOrEqual(GOALS.minShareOfOracle);
    expect(run.events.fault ?? 0).toBe(0);
    expect(run.finalState).toBe('SELF_CONSUMPTION');
    expect(run.stopConfirmed).toBe(true);
  });

  test('a hybrid read with sunspec-hybrid-124 controls battery power without a fault', async () => {
    const run = await day('hybrid', 'sunspec-hybrid-124');
    const c = compareVariant('hybrid', {}, run, noBattery, oracle);
    expect(c.shareOfOracle).toBeGreaterThanOrEqual(GOALS.minShareOfOracle);
    expect(run.figures.reversals).toBeLessThanOrEqual(c.reversalsAllowed);
    expect(run.events.fault ?? 0).toBe(0);
    expect(run.finalState).toBe('SELF_CONSUMPTION');
    expect(run.stopConfirmed).toBe(true);
  });

  // Documents the failure the coupling field exists for: with the AC profile a hybrid's 103 W
  // (PV + battery) is taken for battery power, so the follow check sees PV as an inverter
  // that does not do what it is told, and the site faults.
  test('a hybrid read with the AC profile is judged not following and faults', async () => {
    const codes: string[] = [];
    const run = await day('hybrid', 'sunspec-storage-124', codes);
    expect(run.events.fault ?? 0).toBeGreaterThan(0);
    expect(codes).toContain('INVERTER_NOT_FOLLOWING');
    expect(run.finalState).toBe('FAULT');
  });

  // The other mismatch: on an AC-coupled unit 103 DCW is the battery's own DC power, so the
  // hybrid profile's W - DCW reads no battery power at all while the battery works. The follow
  // check does not call delivering less than asked a fault (a derating inverter does that), so
  // nothing faults: the law sees its setpoint have no effect on its feedback and steers
  // badly, flapping the setpoint on every meter sample. This documents that limit: the
  // coupling must be chosen right at commissioning (docs/device-profiles.md).
  test('an AC-coupled unit read with the hybrid profile controls badly, without a fault', async () => {
    const run = await day('ac', 'sunspec-hybrid-124');
    const c = compareVariant('ac, hybrid profile', {}, run, noBattery, oracle);
    expect(c.shareOfOracle).toBeLessThan(GOALS.minShareOfOracle);
    expect(run.cadence.inverterWritesPerHour).toBeGreaterThan(5000);
    expect(run.events.fault ?? 0).toBe(0);
  });
});
