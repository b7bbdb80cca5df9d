/**
 * A repeating timer behind a function type, so the pieces that need one (the BMS link's
 * keepalive, the simulator's frame emitter) run on real time in the app and on a test's
 * hand-driven time in tests.
 */

/** Runs `task` every `periodMs` until the returned cancel function is called. */
export type IntervalScheduler = (task: () => void, periodMs: number) => () => void;

/** The scheduler on Node's own timers. */
export const realIntervalScheduler: IntervalScheduler = (task, periodMs) => {
  const handle = setInterval(task, periodMs);
  return () => clearInterval(handle);
};
