import { applyCommand, createCoreState, DEFAULT_CORE_CONFIG, step } from '../../src/main/core';
import type { BmsReading, CoreConfig, CoreState, Measurements, Sample } from '../../src/main/core';
import type { StepResult } from '../../src/main/core';
import type { EmsCommand } from '../../src/shared/commands';

/**
 * The pure core driven the way the runtime drives it, with the BMS sample taken from the
 * real SocketCAN link and the meter and inverter samples made up at the same `now`: this
 * test is about the CAN path, so only the BMS side is real.
 */

/** Site with a CAN BMS, otherwise the defaults. */
export const SCENARIO_CONFIG: CoreConfig = { ...DEFAULT_CORE_CONFIG, hasBms: true };

/** Grid import the made-up meter reports, W: self-consumption answers it by discharging. */
export const SCENARIO_GRID_IMPORT_W = 1500;

/** A core under test plus the last step's result. */
export interface CoreScenario {
  /** Applies a command at `now`; throws with the core's reason if it is rejected. */
  command(command: EmsCommand, now: number): void;
  /** One step at `now` with made-up meter/inverter samples and the given BMS sample. */
  step(bms: Sample<BmsReading> | null, now: number): StepResult;
  state(): CoreState;
}

/** Measurements at `now`: fresh made-up meter and inverter, the BMS as given. */
export function scenarioMeasurements(bms: Sample<BmsReading> | null, now: number): Measurements {
  return {
    grid: { value: SCENARIO_GRID_IMPORT_W, at: now },
    inverter: { value: { activePowerW: 0 }, at: now },
    bms,
  };
}

/** A core in STOP, as after power-up. */
export function createCoreScenario(config: CoreConfig = SCENARIO_CONFIG): CoreScenario {
  let state = createCoreState(config);
  return {
    command(command, now): void {
      const outcome = applyCommand(state, command, now, config);
      if (!outcome.result.ok) {
        throw new Error(`${command.type} rejected: ${outcome.result.reason}`);
      }
      state = outcome.state;
    },
    step(bms, at): StepResult {
      const result = step(state, scenarioMeasurements(bms, at), at, config);
      state = result.state;
      return result;
    },
    state: () => state,
  };
}
