import { defineScenario, type DayScenario } from './day-scenario';

/**
 * A smooth day: the household's daily routine with no appliance switching and no flicker,
 * under a clear sky. Every change is slow, so this day measures how well the EMS holds the
 * grid at its target in steady state (deadband, measurement timing), not how it follows steps.
 */
export const SMOOTH_DAY: DayScenario = defineScenario({
  id: 'smooth',
  title: 'smooth load, clear sky',
  seed: 1,
  load: { fridgeW: 0, kettleW: 0, ovenW: 0, noiseW: 0 },
  pv: { cloudiness: 0 },
});
