import { defineScenario, type DayScenario } from './day-scenario';

/**
 * The hard day: a 2 kW kettle boiling a dozen times, the oven's 2.4 kW thermostat cycling
 * in the evening, the fridge compressor, 30 W of small-load flicker every 5 s, and passing
 * clouds in half of the 4-minute windows whose edges drop or restore several kW within
 * 8-35 s. Seed 1 is chosen because that day has both the oven and twelve kettle boils.
 */
export const STEP_AND_CLOUD_DAY: DayScenario = defineScenario({
  id: 'step-and-cloud',
  title: '2 kW kettle, oven, fridge, flicker; passing clouds',
  seed: 1,
  pv: { cloudiness: 0.5 },
});
