import { describe, expect, it } from 'vitest';
import { houseLoad } from '../load-profile';
import { pvPower } from '../pv-profile';
import { SiteModel } from '../site-model';
import {
  DAY_SCENARIOS,
  findScenario,
  scenarioSiteOptions,
  SCENARIO_DAY_S,
  SMOOTH_DAY,
  STEP_AND_CLOUD_DAY,
  type DayScenario,
} from '.';

/** Largest change from one second to the next over the day, W. */
function largestSecondStep(s: DayScenario, of: (t: number) => number): number {
  let worst = 0;
  for (let t = 1; t < SCENARIO_DAY_S; t++) worst = Math.max(worst, Math.abs(of(t) - of(t - 1)));
  return worst;
}

/** Times the value rises or falls by at least `minW` from one second to the next. */
function stepsOf(of: (t: number) => number, minW: number): number {
  let steps = 0;
  for (let t = 1; t < SCENARIO_DAY_S; t++) if (Math.abs(of(t) - of(t - 1)) >= minW) steps++;
  return steps;
}

const load = (s: DayScenario) => (t: number) => houseLoad(t, s.seed, s.load).totalW;
const pv = (s: DayScenario) => (t: number) => pvPower(t, s.seed, s.pv).powerW;

describe('day scenarios', () => {
  it('the smooth day changes slowly: no load or PV step above 10 W in a second', () => {
    expect(largestSecondStep(SMOOTH_DAY, load(SMOOTH_DAY))).toBeLessThan(10);
    expect(largestSecondStep(SMOOTH_DAY, pv(SMOOTH_DAY))).toBeLessThan(10);
    expect(pv(SMOOTH_DAY)(13 * 3600)).toBeGreaterThan(5_000);
    expect(pv(SMOOTH_DAY)(2 * 3600)).toBe(0);
  });

  it('the step-and-cloud day has kettle and oven steps and clouds that cut PV by kW within 30 s', () => {
    const l = load(STEP_AND_CLOUD_DAY);
    const kettleOrOven = stepsOf(l, 1_900);
    // Twelve boils and the oven's thermostat cycles, each switching on and off.
    expect(kettleOrOven).toBeGreaterThanOrEqual(24);
    const p = pv(STEP_AND_CLOUD_DAY);
    let fronts = 0;
    for (let t = 30; t < SCENARIO_DAY_S; t += 30) if (p(t - 30) - p(t) > 1_000) fronts++;
    expect(fronts).toBeGreaterThanOrEqual(20);
  });

  it('replays the same day for the same scenario', () => {
    const a = new SiteModel(scenarioSiteOptions(STEP_AND_CLOUD_DAY, 0, 7 * 3600));
    const b = new SiteModel(scenarioSiteOptions(STEP_AND_CLOUD_DAY, 0, 7 * 3600));
    for (let t = 1000; t <= 600_000; t += 1000) {
      a.advance(t);
      b.advance(t);
      expect(a.snapshot()).toEqual(b.snapshot());
    }
    expect(a.simTimeS).toBeCloseTo(7 * 3600 + 600, 6);
  });

  it('starts the site model at midnight with the scenario SOC unless told otherwise', () => {
    const m = new SiteModel(scenarioSiteOptions(SMOOTH_DAY, 5_000));
    expect(m.simTimeS).toBe(0);
    expect(m.battery.socPct).toBe(SMOOTH_DAY.initialSocPct);
    expect(m.loadW).toBeCloseTo(load(SMOOTH_DAY)(0), 6);
  });

  it('finds scenarios by id and names the known ones for an unknown id', () => {
    for (const s of DAY_SCENARIOS) expect(findScenario(s.id)).toBe(s);
    expect(() => findScenario('cloudy')).toThrow(
      /unknown scenario "cloudy" \(known: smooth, step-and-cloud\)/,
    );
  });
});
