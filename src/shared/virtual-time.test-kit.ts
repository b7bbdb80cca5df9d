import type { CancelTimer, TimeSource } from './clock';

/**
 * Time that moves only when a test or a benchmark moves it: the same {@link TimeSource}
 * the hosts pass down, so the code under test runs unchanged. For tests and bench/ only;
 * production code gets the host's real time.
 */

interface Timer {
  readonly id: number;
  at: number;
  readonly fn: () => void;
  readonly everyMs: number | null;
}

/**
 * Resolves once every promise reaction queued so far (and those they queue) has run: one
 * macrotask turn. Node callers pass setImmediate's turn, which is much faster than this default.
 */
export type Settle = () => Promise<void>;

/** One timer turn: portable (browser and Node), but clamped to about 1 ms in Node. */
const timerTurn: Settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Options of {@link VirtualTime}. */
export interface VirtualTimeOptions {
  /** What wallNow() reads at virtual 0, ms since the epoch (default 2024-06-21T00:00Z). */
  readonly wallEpochMs?: number;
  /** How runUntil lets promise work run between timers (default: one timer turn). */
  readonly settle?: Settle;
  /** What now() reads at the start, ms (default 0). */
  readonly startMs?: number;
}

/** Virtual time starting at `startMs` (default 0). */
export class VirtualTime implements TimeSource {
  private t = 0;
  private seq = 0;
  private readonly heap: Timer[] = [];
  private readonly live = new Map<number, Timer>();
  /** Timers fired so far. */
  fired = 0;

  private readonly wallEpochMs: number;
  private readonly settle: Settle;

  constructor(options: VirtualTimeOptions = {}) {
    this.wallEpochMs = options.wallEpochMs ?? Date.UTC(2024, 5, 21);
    this.settle = options.settle ?? timerTurn;
    this.t = options.startMs ?? 0;
  }

  now(): number {
    return this.t;
  }

  wallNow(): number {
    return this.wallEpochMs + this.t;
  }

  timeout(task: () => void, delayMs: number): CancelTimer {
    return this.add(task, delayMs, null);
  }

  /** Runs `task` every `periodMs` (at least 1 ms, so time always moves). */
  interval(task: () => void, periodMs: number): CancelTimer {
    return this.add(task, periodMs, Math.max(1, Number.isFinite(periodMs) ? periodMs : 1));
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.live.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due in time order (FIFO
   * among timers due together). Synchronous: for code whose timers do not wait on promises.
   */
  advance(ms: number): void {
    const until = this.t + ms;
    this.checkForward(until);
    for (let next = this.popDue(until); next !== null; next = this.popDue(until)) this.fire(next);
    this.t = until;
  }

  /**
   * Like {@link advance} up to the absolute time `untilMs`, but lets promise chains run
   * before and after each timer, so async loops run as on real time, only without the waiting.
   */
  async runUntil(untilMs: number): Promise<void> {
    this.checkForward(untilMs);
    await this.settle();
    for (let next = this.popDue(untilMs); next !== null; next = this.popDue(untilMs)) {
      this.fire(next);
      await this.settle();
    }
    this.t = untilMs;
  }

  /** {@link runUntil} `ms` from now. */
  runFor(ms: number): Promise<void> {
    return this.runUntil(this.t + ms);
  }

  private checkForward(untilMs: number): void {
    if (!(untilMs >= this.t)) throw new RangeError(`time ${untilMs} is before now (${this.t})`);
  }

  private fire(timer: Timer): void {
    this.t = timer.at;
    this.fired++;
    if (timer.everyMs !== null) {
      timer.at += timer.everyMs;
      this.push(timer);
    } else this.live.delete(timer.id);
    timer.fn();
  }

  private add(fn: () => void, ms: number, everyMs: number | null): CancelTimer {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: Timer = { id: ++this.seq, at: this.t + delay, fn, everyMs };
    this.live.set(timer.id, timer);
    this.push(timer);
    return () => {
      this.live.delete(timer.id);
    };
  }

  /** The earliest live timer due at or before `untilMs`, removed from the heap; null when none. */
  private popDue(untilMs: number): Timer | null {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.at > untilMs) return null;
      this.popTop();
      // A cancelled timer is skipped (its heap entry stays until it surfaces).
      if (this.live.get(top.id) === top) return top;
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

/**
 * Heap order: earlier time first, then creation order. An interval keeps its first id, so
 * among timers due together the older timer fires first, as Node's do.
 */
function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
