import type { CoreConfig } from '../../../src/main/core/core-config';
import type { FreshView } from '../../../src/main/core/link-health';
import { clampToBand, computePowerBand } from '../../../src/main/core/power-limits';
import { INITIAL_SOC_GUARD, updateSocGuard } from '../../../src/main/core/soc-guard';
import { houseLoad } from '../../../src/main/sim/load-profile';
import { pvPower } from '../../../src/main/sim/pv-profile';
import { scenarioSiteOptions, type DayScenario } from '../../../src/main/sim/scenarios';
import { SiteModel } from '../../../src/main/sim/site-model';
import { DayRecorder, type DayFigures } from './metrics';
import type { DayWindow } from './window';

/**
 * The two references the EMS is judged against, on the same simulated day and the same
 * physics (site model, battery, meter counters), sampled on the same tick:
 *
 * - no battery: the inverter stays at 0 W, so the grid carries load minus PV;
 * - the oracle: it knows the house load and the PV output one tick ahead, and commands
 *   exactly the power that would put the grid at its target, clamped to the same band the
 *   EMS core computes (SOC window with hysteresis, BMS CCL/DCL x voltage, enable flags,
 *   inverter rating, from the true battery state). Its inverter has the simulator's ramp
 *   but no lag, so the oracle moves as fast as the inverter's ramp allows and no faster.
 *   That is the best any controller could do through this inverter: the bound a real
 *   one can approach.
 */

/** The sampling tick of every run, ms: the oracle acts on it, the figures are taken on it. */
export const SAMPLE_MS = 50;

/** The site model of `scenario` at the window's start (virtual 0), optionally with a lag-free inverter. */
function dayModel(scenario: DayScenario, window: DayWindow, lagFree: boolean): SiteModel {
  const options = scenarioSiteOptions(scenario, 0, window.startTimeOfDayS);
  return new SiteModel(lagFree ? { ...options, inverter: { lagS: 0 } } : options);
}

/** The day with the battery left at 0 W. */
export function runNoBattery(
  scenario: DayScenario,
  window: DayWindow,
  gridTargetW: number,
): DayFigures {
  const model = dayModel(scenario, window, false);
  const recorder = new DayRecorder(model, 0, gridTargetW);
  for (let t = SAMPLE_MS; t <= window.durationMs; t += SAMPLE_MS) {
    model.advance(t);
    recorder.sample(t);
  }
  return recorder.figures();
}

/** The day under the oracle, with the EMS's own limits from `config`. */
export function runOracle(
  scenario: DayScenario,
  window: DayWindow,
  config: CoreConfig,
): DayFigures {
  const model = dayModel(scenario, window, true);
  const recorder = new DayRecorder(model, 0, config.gridTargetW);
  let guard = INITIAL_SOC_GUARD;
  for (let t = 0; t < window.durationMs; t += SAMPLE_MS) {
    const bms = model.battery.bmsReading();
    guard = updateSocGuard(guard, bms.socPct, config);
    const fresh: FreshView = {
      gridW: model.gridW,
      inverter: { activePowerW: model.inverterW, socPct: bms.socPct },
      bms,
    };
    const band = computePowerBand(fresh, guard, config);
    const next = model.simTimeS + SAMPLE_MS / 1000;
    const wantedW =
      houseLoad(next, scenario.seed, scenario.load).totalW -
      pvPower(next, scenario.seed, scenario.pv).powerW -
      config.gridTargetW;
    model.inverter.writeSetpoint(t, clampToBand(wantedW, band).w);
    model.advance(t + SAMPLE_MS);
    recorder.sample(t + SAMPLE_MS);
  }
  return recorder.figures();
}
