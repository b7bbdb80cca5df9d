import type { CancelTimer, TimeSource } from '../../../shared/clock';

/**
 * The page's real time on the browser's timers. Only the page's entry (ems-bridge) makes
 * one and passes it down, so the bridge's tests run the same code on virtual time.
 */
export function createBrowserTime(): TimeSource {
  return {
    now: () => performance.timeOrigin + performance.now(),
    wallNow: () => Date.now(),
    timeout(task: () => void, delayMs: number): CancelTimer {
      const handle = setTimeout(task, delayMs);
      return () => clearTimeout(handle);
    },
    interval(task: () => void, periodMs: number): CancelTimer {
      const handle = setInterval(task, periodMs);
      return () => clearInterval(handle);
    },
  };
}
