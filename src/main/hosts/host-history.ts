/**
 * What the host reads back from the session store at start, so a restart keeps the trends
 * and the day's energy counters, and how it keeps the counters saved while it runs.
 */
import type { Scheduler } from '../../shared/clock';
import type { EnergyCounters } from '../../shared/energy';
import { HISTORY_WINDOW_SPEC, type HistorySample } from '../../shared/history';
import { MAX_ROW_LIMIT, type RecordingStore, type SnapshotRecord } from '../recording';
import type { HistoryRing } from '../runtime/history-ring';
import { describeError } from '../util/describe-error';

/** How often today's energy counters are saved, ms: a crash loses at most this much of them. */
export const ENERGY_SAVE_INTERVAL_MS = 60_000;

function sampleOf(r: SnapshotRecord): HistorySample {
  return {
    t: r.t,
    gridW: r.gridW,
    inverterW: r.inverterW,
    soc: r.soc,
    setpointW: r.setpointW,
    pvW: r.pvW,
    loadW: r.loadW,
  };
}

/**
 * Fills `ring` with the recorded seconds of the last 24 h before `now` (every session that
 * overlaps them), oldest first. Returns how many samples it took; 0 when the store is
 * unavailable or a read fails (the trends then start empty, as before recording existed).
 */
export function restoreHistory(
  store: RecordingStore,
  ring: HistoryRing,
  now: number,
  log: (line: string) => void,
): number {
  if (!store.available) return 0;
  const from = now - HISTORY_WINDOW_SPEC['24h'].spanMs;
  try {
    const rows: SnapshotRecord[] = [];
    for (const s of store.listSessions()) {
      if (s.endedAt !== null && s.endedAt < from) continue;
      if (s.startedAt > now) continue;
      rows.push(...store.sessionSnapshots(s.id, { from, to: now, limit: MAX_ROW_LIMIT }));
    }
    // Sessions follow each other; sorting also guards against a clock stepped back between runs.
    rows.sort((a, b) => a.t - b.t);
    let taken = 0;
    for (const r of rows) if (ring.offer(sampleOf(r))) taken++;
    return taken;
  } catch (error) {
    log(`trend history not restored from the session store: ${describeError(error)}`);
    return 0;
  }
}

/** Today's counters saved for this site, when the store has them (else null: start at zero). */
export function restoredEnergy(
  store: RecordingStore,
  siteId: string,
  day: string,
  log: (line: string) => void,
): { day: string; today: EnergyCounters } | null {
  if (!store.available) return null;
  try {
    const today = store.energyDay(siteId, day);
    return today ? { day, today } : null;
  } catch (error) {
    log(`energy counters not restored from the session store: ${describeError(error)}`);
    return null;
  }
}

/**
 * Saves the runtime's counters for today every ENERGY_SAVE_INTERVAL_MS (and when the returned
 * function is called, at a stop). A failed save is logged, never thrown.
 */
export function keepEnergySaved(
  store: RecordingStore,
  siteId: string,
  energy: () => { readonly day: string; readonly today: EnergyCounters },
  scheduler: Scheduler,
  log: (line: string) => void,
): () => void {
  if (!store.available) return () => undefined;
  const save = (): void => {
    try {
      const { day, today } = energy();
      store.saveEnergyDay({ siteId, day, counters: today });
    } catch (error) {
      log(`energy counters not saved: ${describeError(error)}`);
    }
  };
  const cancel = scheduler.interval(save, ENERGY_SAVE_INTERVAL_MS, { background: true });
  return () => {
    cancel();
    save();
  };
}
