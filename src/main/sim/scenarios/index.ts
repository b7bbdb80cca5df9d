import type { DayScenario } from './day-scenario';
import { SMOOTH_DAY } from './smooth-day';
import { STEP_AND_CLOUD_DAY } from './step-and-cloud-day';

export {
  defineScenario,
  scenarioSiteOptions,
  SCENARIO_DAY_S,
  type DayScenario,
} from './day-scenario';
export { SMOOTH_DAY } from './smooth-day';
export { STEP_AND_CLOUD_DAY } from './step-and-cloud-day';

/** Every scenario the control-quality bench runs, in report order. */
export const DAY_SCENARIOS: readonly DayScenario[] = [SMOOTH_DAY, STEP_AND_CLOUD_DAY];

/** The scenario named `id`; throws an Error naming the known ones otherwise. */
export function findScenario(id: string): DayScenario {
  const found = DAY_SCENARIOS.find((s) => s.id === id);
  if (found === undefined)
    throw new Error(
      `unknown scenario "${id}" (known: ${DAY_SCENARIOS.map((s) => s.id).join(', ')})`,
    );
  return found;
}
