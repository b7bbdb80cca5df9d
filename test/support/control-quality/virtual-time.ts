import { setImmediate as realSetImmediate } from 'node:timers';
import type { IntervalScheduler } from '../../../src/main/devices/can/interval-scheduler';
import type { Clock } from '../../../src/main/runtime/clock';

/**
 * An accelerated clock with its own timers, so a simulated day of the real runtime runs in
 * seconds. Installed, it replaces the global setTimeout/setInterval family: the runtime's
 * poll loop, its request timeouts and the service's throttles then wait on virtual time.
 * Between two timers every pending promise settles (one real macrotask turn drains the
 * microtask queue), so the async control cycle runs exactly as it would on real time, only
 * without the waiting. Nothing here does real I/O, which is what makes one turn enough.
 */

interface Timer {
  readonly id: number;
  at: number;
  readonly seq: number;
  readonly fn: () => void;
  readonly everyMs: number | null;
}

/** What the virtual setTimeout hands back: enough of Node's Timeout for the code that uses it. */
export interface VirtualTimerHandle {
  readonly id: number;
  ref(): VirtualTimerHandle;
  unref(): VirtualTimerHandle;
  hasRef(): boolean;
  [Symbol.toPrimitive](): number;
}

/** The global timer functions, as installed and restored. */
interface TimerGlobals {
  setTimeout: typeof globalThis.setTimeout;
  clearTimeout: typeof globalThis.clearTimeout;
  setInterval: typeof globalThis.setInterval;
  clearInterval: typeof globalThis.clearInterval;
}

/** The timer of `handle` (a handle object or its numeric id), or null for anything else. */
function idOf(handle: unknown): number | null {
  if (typeof handle === 'number') return handle;
  if (typeof handle === 'object' && handle !== null && 'id' in handle) {
    const id = handle.id;
    return typeof id === 'number' ? id : null;
  }
  return null;
}

/** Virtual time starting at 0 ms; `wallEpochMs` is what wallNow() reads at virtual 0. */
export class VirtualTime implements Clock {
  private t = 0;
  private seq = 0;
  private readonly heap: Timer[] = [];
  private readonly live = new Map<number, Timer>();
  /** Timers fired so far. */
  fired = 0;

  constructor(private readonly wallEpochMs: number = Date.UTC(2024, 5, 21)) {}

  now(): number {
    return this.t;
  }

  wallNow(): number {
    return this.wallEpochMs + this.t;
  }

  /** Runs `fn` once, `ms` from now (negative and non-finite delays count as 0, as in Node). */
  setTimeout(fn: () => void, ms: number): VirtualTimerHandle {
    return this.add(fn, ms, null);
  }

  /** Runs `fn` every `ms` (at least 1 ms) from now. */
  setInterval(fn: () => void, ms: number): VirtualTimerHandle {
    return this.add(fn, ms, Math.max(1, Number.isFinite(ms) ? ms : 1));
  }

  /** Cancels a timer; anything that is not a live handle is ignored, as in Node. */
  clear(handle: unknown): void {
    const id = idOf(handle);
    if (id !== null) this.live.delete(id);
  }

  /** The CAN code's interval scheduler on this clock. */
  readonly scheduler: IntervalScheduler = (task, periodMs) => {
    const handle = this.setInterval(task, periodMs);
    return () => this.clear(handle);
  };

  /** Timers waiting to fire. */
  get pending(): number {
    return this.live.size;
  }

  /** Replaces the global timer functions with this clock's; returns the function that restores them. */
  install(): () => void {
    const g = globalThis as unknown as TimerGlobals;
    const saved: TimerGlobals = {
      setTimeout: g.setTimeout,
      clearTimeout: g.clearTimeout,
      setInterval: g.setInterval,
      clearInterval: g.clearInterval,
    };
    const bind =
      (every: boolean) =>
      (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): VirtualTimerHandle =>
        every
          ? this.setInterval(() => fn(...args), ms ?? 0)
          : this.setTimeout(() => fn(...args), ms ?? 0);
    const clear = (h: unknown): void => this.clear(h);
    g.setTimeout = bind(false) as unknown as typeof globalThis.setTimeout;
    g.setInterval = bind(true) as unknown as typeof globalThis.setInterval;
    g.clearTimeout = clear;
    g.clearInterval = clear;
    return () => Object.assign(g, saved);
  }

  /**
   * Fires every timer due up to `untilMs` in time order, letting all promise chains settle
   * after each, then sets the clock to `untilMs`. Rejects if time would go backwards.
   */
  async runUntil(untilMs: number): Promise<void> {
    if (!(untilMs >= this.t))
      throw new RangeError(`runUntil(${untilMs}) is before now (${this.t})`);
    await settle();
    for (;;) {
      const next = this.popDue(untilMs);
      if (next === null) break;
      this.t = next.at;
      this.fired++;
      if (next.everyMs !== null) {
        next.at += next.everyMs;
        this.push(next);
      } else this.live.delete(next.id);
      next.fn();
      await settle();
    }
    this.t = untilMs;
  }

  private add(fn: () => void, ms: number, everyMs: number | null): VirtualTimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: Timer = { id: ++this.seq, at: this.t + delay, seq: this.seq, fn, everyMs };
    this.live.set(timer.id, timer);
    this.push(timer);
    const handle: VirtualTimerHandle = {
      id: timer.id,
      ref: () => handle,
      unref: () => handle,
      hasRef: () => true,
      [Symbol.toPrimitive]: () => timer.id,
    };
    return handle;
  }

  /** The earliest live timer due at or before `untilMs`, removed from the heap; null when none. */
  private popDue(untilMs: number): Timer | null {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.at > untilMs) return null;
      this.popTop();
      // A cancelled timer, or the stale heap entry of a rescheduled interval, is skipped.
      if (this.live.get(top.id) === top && top.at >= this.t) return top;
    }
  }

  private push(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (p === undefined || !before(timer, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = timer;
  }

  private popTop(): void {
    const h = this.heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = last;
      let bestAt = i;
      const left = h[l];
      const right = h[r];
      if (left !== undefined && before(left, best)) {
        best = left;
        bestAt = l;
      }
      if (right !== undefined && before(right, best)) {
        best = right;
        bestAt = r;
      }
      if (bestAt === i) break;
      h[i] = best;
      i = bestAt;
    }
    h[i] = last;
  }
}

/** Heap order: earlier time first, then creation order (FIFO among timers due together). */
function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** One real macrotask turn: every queued microtask (and those they queue) has run by then. */
function settle(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
