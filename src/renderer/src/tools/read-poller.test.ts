import { describe, expect, it } from 'vitest';
import { ReadPoller, type ScheduleOnce } from './read-poller';

/** A timer driven by hand: `fire()` runs what is due, in order; nothing waits for real time. */
function manualTimer(): { schedule: ScheduleOnce; pending: () => number[]; fire: () => void } {
  let tasks: { task: () => void; ms: number; live: boolean }[] = [];
  return {
    schedule: (task, ms) => {
      const entry = { task, ms, live: true };
      tasks.push(entry);
      return () => {
        entry.live = false;
      };
    },
    pending: () => tasks.filter((t) => t.live).map((t) => t.ms),
    fire: () => {
      const due = tasks.filter((t) => t.live);
      tasks = [];
      for (const t of due) t.task();
    },
  };
}

/** Reads that settle when the test says so. */
function reads(): {
  read: () => Promise<void>;
  count: () => number;
  settle: (ok?: boolean) => Promise<void>;
} {
  const waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let n = 0;
  return {
    read: () =>
      new Promise<void>((resolve, reject) => {
        n += 1;
        waiting.push({ resolve, reject });
      }),
    count: () => n,
    settle: async (ok = true) => {
      const w = waiting.shift();
      if (ok) w?.resolve();
      else w?.reject(new Error('timeout'));
      // Let the poller's continuation run.
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe('ReadPoller', () => {
  it('reads at once, then schedules the next read only after the previous one settled', async () => {
    const timer = manualTimer();
    const r = reads();
    const poller = new ReadPoller(r.read, timer.schedule);
    poller.start(2000);
    expect(r.count()).toBe(1);
    expect(timer.pending()).toEqual([]);
    await r.settle();
    expect(timer.pending()).toEqual([2000]);
    timer.fire();
    expect(r.count()).toBe(2);
    expect(poller.polling).toBe(true);
  });

  it('goes on after a failed read', async () => {
    const timer = manualTimer();
    const r = reads();
    const poller = new ReadPoller(r.read, timer.schedule);
    poller.start(1000);
    await r.settle(false);
    expect(timer.pending()).toEqual([1000]);
    timer.fire();
    expect(r.count()).toBe(2);
  });

  it('stops: a pending wait is cancelled and a read in flight schedules nothing', async () => {
    const timer = manualTimer();
    const r = reads();
    const poller = new ReadPoller(r.read, timer.schedule);
    poller.start(1000);
    await r.settle();
    poller.stop();
    expect(timer.pending()).toEqual([]);
    poller.start(5000);
    expect(r.count()).toBe(2);
    poller.stop();
    await r.settle();
    expect(timer.pending()).toEqual([]);
    expect(poller.polling).toBe(false);
  });

  it('restarts with a new interval without a second loop', async () => {
    const timer = manualTimer();
    const r = reads();
    const poller = new ReadPoller(r.read, timer.schedule);
    poller.start(1000);
    poller.start(5000);
    await r.settle();
    await r.settle();
    expect(timer.pending()).toEqual([5000]);
    expect(() => poller.start(0)).toThrow('poll interval must be a positive number of ms, got 0');
  });
});
