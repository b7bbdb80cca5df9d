import type { CancelTimer, TimeSource, TimerOptions } from '../../shared/clock';

/**
 * The process's real time on Node's timers. Only hosts call this: they make one and pass
 * it to everything that reads the time or waits, so tests and benchmarks can pass theirs.
 * `now` is performance.now() offset to the epoch at start, so both readings line up.
 */
export function createRealTime(): TimeSource {
  return {
    now: () => performance.timeOrigin + performance.now(),
    wallNow: () => Date.now(),
    timeout(task: () => void, delayMs: number, options?: TimerOptions): CancelTimer {
      const handle = setTimeout(task, delayMs);
      if (options?.background === true) handle.unref();
      return () => clearTimeout(handle);
    },
    interval(task: () => void, periodMs: number, options?: TimerOptions): CancelTimer {
      const handle = setInterval(task, periodMs);
      if (options?.background === true) handle.unref();
      return () => clearInterval(handle);
    },
  };
}
