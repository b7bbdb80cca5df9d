import type { CancelTimer, TimeSource } from '../../../../shared/clock';
import type { ModbusError } from './modbus-errors';

/**
 * The requests in flight on one Modbus link, all with the same timeout, watched by ONE timer
 * rather than one per request: measured on loopback, a timer per request cost about as much
 * as the rest of the client's own work. The timer is armed for the oldest request's deadline;
 * since every request has the same timeout, insertion order is deadline order, so a sweep
 * stops at the first request still in time. A request that completes leaves the timer armed:
 * it fires at most once per timeout while the link is busy and re-arms for the next deadline.
 */

/** One request in flight. */
export interface InFlight {
  readonly deadline: number;
  /** "reading holding 0+10": built only when a message needs it. */
  readonly what: () => string;
  readonly reject: (err: ModbusError) => void;
  settled: boolean;
}

/** Requests in flight on one link. */
export class InFlightRequests {
  private readonly entries = new Set<InFlight>();
  private timer: CancelTimer | null = null;

  /**
   * @param timeoutMs - deadline of every request.
   * @param timeoutError - the error a request that missed its deadline is rejected with.
   * @param clock - the link's time: deadlines on its monotonic `now`, and the timer.
   * @param onTimeout - called after requests have timed out (once per sweep).
   */
  constructor(
    private readonly timeoutMs: number,
    private readonly timeoutError: (what: string) => ModbusError,
    private readonly clock: TimeSource,
    private readonly onTimeout: () => void = () => undefined,
  ) {}

  /** Requests not yet settled. */
  get size(): number {
    return this.entries.size;
  }

  /** Starts watching a request; `reject` is called if it misses its deadline or is failed. */
  add(what: () => string, reject: (err: ModbusError) => void): InFlight {
    const entry: InFlight = {
      deadline: this.clock.now() + this.timeoutMs,
      what,
      reject,
      settled: false,
    };
    this.entries.add(entry);
    this.arm();
    return entry;
  }

  /** Marks a request finished; false when it already was (a late reply after its timeout). */
  settle(entry: InFlight): boolean {
    if (entry.settled) return false;
    entry.settled = true;
    this.entries.delete(entry);
    return true;
  }

  /** Rejects one request unless it has already settled. */
  fail(entry: InFlight, err: ModbusError): void {
    if (this.settle(entry)) entry.reject(err);
  }

  /** Rejects every request in flight (the link dropped) and stops the timer. */
  failAll(err: () => ModbusError): void {
    for (const entry of [...this.entries]) this.fail(entry, err());
    this.timer?.();
    this.timer = null;
  }

  private arm(): void {
    if (this.timer !== null) return;
    const oldest = this.entries.values().next();
    if (oldest.done === true) return;
    const waitMs = Math.max(1, Math.ceil(oldest.value.deadline - this.clock.now()));
    // The socket keeps the process alive while requests are in flight; this timer need not.
    this.timer = this.clock.timeout(
      () => {
        this.timer = null;
        this.sweep();
      },
      waitMs,
      { background: true },
    );
  }

  private sweep(): void {
    const now = this.clock.now();
    let timedOut = false;
    for (const entry of this.entries) {
      if (entry.deadline > now) break;
      this.fail(entry, this.timeoutError(entry.what()));
      timedOut = true;
    }
    if (timedOut) this.onTimeout();
    this.arm();
  }
}
