import { SCENARIO_DAY_S } from '../../../src/main/sim/scenarios';

/**
 * The stretch of a scenario's day a run covers: the bench runs whole days from midnight,
 * the CI test a few busy hours. Every run of one comparison (no battery, oracle, EMS) must
 * cover the same window.
 */
export interface DayWindow {
  /** Time of day the run starts, s after midnight. */
  readonly startTimeOfDayS: number;
  /** Length of the run, ms. */
  readonly durationMs: number;
}

/** The first `hours` of the day, from midnight. */
export function fromMidnight(hours: number): DayWindow {
  return checkWindow({ startTimeOfDayS: 0, durationMs: hours * 3_600_000 });
}

/** Throws a RangeError naming the problem when the window is not inside one day. */
export function checkWindow(w: DayWindow): DayWindow {
  if (!(w.startTimeOfDayS >= 0 && w.startTimeOfDayS < SCENARIO_DAY_S))
    throw new RangeError(`window start ${w.startTimeOfDayS} s is not a time of day`);
  if (!(w.durationMs > 0 && w.startTimeOfDayS * 1000 + w.durationMs <= SCENARIO_DAY_S * 1000))
    throw new RangeError(`window of ${w.durationMs} ms from ${w.startTimeOfDayS} s leaves the day`);
  return w;
}

/** "16:30 + 3 h", for tables. */
export function describeWindow(w: DayWindow): string {
  const h = Math.floor(w.startTimeOfDayS / 3600);
  const m = Math.floor((w.startTimeOfDayS % 3600) / 60);
  const hours = w.durationMs / 3_600_000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')} + ${Number(hours.toFixed(2))} h`;
}
