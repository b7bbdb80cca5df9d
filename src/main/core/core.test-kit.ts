import type { CommandResult, EmsCommand } from '../../shared/commands';
import type { RunMode } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import { DEFAULT_CORE_CONFIG } from './core-config';
import type { CoreEvent, CoreState } from './core-state';
import { createCoreState } from './core-state';
import type { BmsReading, Measurements } from './measurements';
import { applyCommand } from './state-machine';
import { step } from './step';

/**
 * Helpers for the core's tests: a site configuration, measurement builders and a small
 * driver that runs commands and steps. Only tests import this file.
 */

/** A test site: 5 kW inverter, BMS, no grid limits, 1 kW/s ramp. */
export const TEST_CONFIG: CoreConfig = {
  ...DEFAULT_CORE_CONFIG,
  // Time-only link judgement: these tests step at arbitrary times, not once per poll. The
  // poll budget and the recovery debounce have their own tests (link-budget.test.ts).
  commLossPolls: 1,
  recoverSamples: 1,
  // Plain CCL/DCL x V; the efficiency has its own test (power-limits.test.ts).
  inverterEfficiency: 1,
  rampWPerS: 1000,
  deadbandW: 50,
  connectGraceMs: 5000,
  timeouts: { meterMs: 1000, inverterMs: 1000, bmsMs: 3000 },
};

/** A healthy BMS reading: 50 % SOC, 50 V, 100 A CCL/DCL (5 kW), both directions enabled. */
export function bmsReading(overrides: Partial<BmsReading> = {}): BmsReading {
  return {
    socPct: 50,
    voltageV: 50,
    currentA: 0,
    temperatureC: 25,
    chargeCurrentLimitA: 100,
    dischargeCurrentLimitA: 100,
    chargeEnabled: true,
    dischargeEnabled: true,
    alarms: [],
    warnings: [],
    ...overrides,
  };
}

/** What a site reads, all stamped at `at`; null drops a link. */
export interface SiteValues {
  readonly gridW?: number | null;
  readonly inverterW?: number | null;
  readonly inverterSoc?: number | null;
  readonly bms?: Partial<BmsReading> | null;
  /**
   * The meter's update counter. Default: `at`, a meter that refreshed for this very sample,
   * so every sample counts as new; null: a meter without one (a changed value marks a new sample).
   */
  readonly meterCounter?: number | null;
}

/** Measurements of a site where every link delivered at `at`. */
export function site(at: number, v: SiteValues = {}): Measurements {
  const gridW = v.gridW === undefined ? 0 : v.gridW;
  const inverterW = v.inverterW === undefined ? 0 : v.inverterW;
  return {
    grid:
      gridW === null
        ? null
        : { value: gridW, at, updateCounter: v.meterCounter === undefined ? at : v.meterCounter },
    inverter:
      inverterW === null
        ? null
        : { value: { activePowerW: inverterW, socPct: v.inverterSoc ?? null }, at },
    bms: v.bms === null ? null : { value: bmsReading(v.bms ?? {}), at },
  };
}

/** One command applied; the outcome's state and result, events collected in `log`. */
export function command(
  s: CoreState,
  cmd: EmsCommand,
  now: number,
  config: CoreConfig = TEST_CONFIG,
  log: CoreEvent[] = [],
): { state: CoreState; result: CommandResult } {
  const out = applyCommand(s, cmd, now, config);
  log.push(...out.events);
  return { state: out.state, result: out.result };
}

/** Steps once; throws in the test if the core reported an internal error. */
export function stepAt(
  s: CoreState,
  m: Measurements,
  now: number,
  config: CoreConfig = TEST_CONFIG,
  log: CoreEvent[] = [],
): ReturnType<typeof step> {
  const out = step(s, m, now, config);
  log.push(...out.events);
  const broken = out.events.find((e) => e.kind === 'internal-error');
  if (broken !== undefined) throw new Error(`core internal error: ${broken.message}`);
  return out;
}

/** A started core at `now` whose links all delivered fresh data: STANDBY, ready. */
export function readyStandby(now = 1000, config: CoreConfig = TEST_CONFIG): CoreState {
  const started = command(createCoreState(config), { type: 'start' }, now, config).state;
  return stepAt(started, site(now), now, config).state;
}

/** A ready core running `mode` at `now`. */
export function running(mode: RunMode, now = 1000, config: CoreConfig = TEST_CONFIG): CoreState {
  return command(readyStandby(now, config), { type: 'setMode', mode }, now, config).state;
}
