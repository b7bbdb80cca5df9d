import type { EventView, FaultLogView } from '../../shared/fault-view';
import type { CoreEvent, FaultLogEntry } from '../core';
import type { Clock } from '../../shared/clock';
import type { HistoryRing } from '../runtime/history-ring';

/** Seconds of trend shown before each fault-log entry. */
export const FAULT_CONTEXT_SECONDS = 30;

/**
 * Converts a runtime-clock time (monotonic ms) to wall-clock ms. The core stamps entries
 * with the monotonic clock so staleness survives clock jumps; people read wall time.
 */
export function toWallMs(clock: Clock, at: number): number {
  return at + (clock.wallNow() - clock.now());
}

/** ISO text of a wall-clock time; an impossible time shows as the epoch rather than throwing. */
function iso(ms: number): string {
  return new Date(Number.isFinite(ms) ? ms : 0).toISOString();
}

/** An event as the UI shows it. */
export function eventView(clock: Clock, e: CoreEvent): EventView {
  return {
    time: iso(toWallMs(clock, e.at)),
    kind: e.kind,
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
  };
}

/**
 * Builds the UI's fault log from the core's entries. Each view is made once per entry and
 * kept (the entries are immutable), so its trend context is the one around the fault and
 * a long log costs nothing to serve again.
 */
export class FaultViews {
  private readonly cache = new WeakMap<FaultLogEntry, FaultLogView>();

  constructor(
    private readonly clock: Clock,
    private readonly history: HistoryRing,
    private readonly contextSeconds: number = FAULT_CONTEXT_SECONDS,
  ) {}

  /** Views of `log`, oldest first. */
  build(log: readonly FaultLogEntry[]): FaultLogView[] {
    return log.map((entry) => {
      let view = this.cache.get(entry);
      if (!view) {
        view = this.viewOf(entry);
        this.cache.set(entry, view);
      }
      return view;
    });
  }

  private viewOf(entry: FaultLogEntry): FaultLogView {
    const wall = toWallMs(this.clock, entry.at);
    const m = entry.measurements;
    return {
      time: iso(wall),
      code: entry.code,
      kind: entry.kind,
      message: entry.message,
      measurements: {
        gridW: m.gridW,
        gridAgeMs: m.gridAgeMs,
        inverterW: m.inverterW,
        inverterAgeMs: m.inverterAgeMs,
        socPct: m.socPct,
        bmsAgeMs: m.bmsAgeMs,
        bmsAlarms: m.bms?.alarms ?? [],
      },
      before: this.history.before(wall, this.contextSeconds),
    };
  }
}
