import { DEFAULT_LOAD_PROFILE, type LoadProfileOptions } from '../load-profile';
import { DEFAULT_PV_PROFILE, type PvProfileOptions } from '../pv-profile';
import type { SiteModelOptions } from '../site-model';

/**
 * A simulated day to judge the EMS on: the household, the weather and the battery's start,
 * all fixed by a seed so every run of the same scenario replays the same day, second by
 * second. The day starts at midnight and lasts 24 h; the site is the simulator's default
 * 5 kW inverter on a 10 kWh pack.
 */
export interface DayScenario {
  /** Short name used on the command line and in result files. */
  readonly id: string;
  /** One line for tables and reports. */
  readonly title: string;
  readonly seed: number;
  /** The house load, complete (defaults filled in). */
  readonly load: LoadProfileOptions;
  /** The PV array and its weather, complete. */
  readonly pv: PvProfileOptions;
  /** SOC at midnight, %. */
  readonly initialSocPct: number;
}

/** Length of a scenario's day, s. */
export const SCENARIO_DAY_S = 86_400;

/** A scenario from the parts that differ from the simulator's defaults. */
export function defineScenario(parts: {
  readonly id: string;
  readonly title: string;
  readonly seed: number;
  readonly load?: Partial<LoadProfileOptions>;
  readonly pv?: Partial<PvProfileOptions>;
  readonly initialSocPct?: number;
}): DayScenario {
  return {
    id: parts.id,
    title: parts.title,
    seed: parts.seed,
    load: { ...DEFAULT_LOAD_PROFILE, ...parts.load },
    pv: { ...DEFAULT_PV_PROFILE, ...parts.pv },
    initialSocPct: parts.initialSocPct ?? 50,
  };
}

/**
 * The site model options of a scenario, starting at wall time `startAt` at
 * `startTimeOfDayS` (midnight unless given) in real time (speed 1).
 */
export function scenarioSiteOptions(
  scenario: DayScenario,
  startAt: number,
  startTimeOfDayS = 0,
): SiteModelOptions {
  return {
    startAt,
    seed: scenario.seed,
    initialSocPct: scenario.initialSocPct,
    startTimeOfDayS,
    load: scenario.load,
    pv: scenario.pv,
  };
}
