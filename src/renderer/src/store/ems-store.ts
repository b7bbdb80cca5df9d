import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EmsCommand } from '../../../shared/commands';
import type { EmsApi } from '../../../shared/contract';
import type { FaultLogView } from '../../../shared/fault-view';
import { HISTORY_WINDOWS, type HistorySample, type HistoryWindow } from '../../../shared/history';
import type { EmsSnapshot } from '../../../shared/snapshot';
import type { ConnectionSignal, ConnectionState } from '../bridge/connection-signal';
import { statusFromResults, type CommandStatus } from './command-status';
import { appendEvent, errorText, mergeStoredEvents, PushCounter, type EventEntry } from './mirror';
import { addTrendSample, trendFromSeries, type TrendWindowState } from './trend-window';
import { INITIAL_UI, withPaused, withTrendWindow, type Screen, type UiState } from './ui-state';

/** What the renderer holds: a mirror of main plus its own UI state. */
export interface EmsState {
  readonly snapshot: EmsSnapshot | null;
  /** When the renderer received the snapshot (its own clock, ms): pushes that stop make it old. */
  readonly snapshotAt: number | null;
  /** Recent events, newest last (bounded). */
  readonly events: readonly EventEntry[];
  readonly faultLog: readonly FaultLogView[];
  /** Trend windows loaded so far, kept current from the history push. */
  readonly trends: Readonly<Partial<Record<HistoryWindow, TrendWindowState>>>;
  readonly connection: ConnectionState;
  /** Why the last sync with main failed; null once it worked. */
  readonly syncError: string | null;
  readonly command: CommandStatus;
  readonly ui: UiState;
}

/** What the screens can ask of the store. */
export interface EmsActions {
  /** Subscribes to pushes and syncs; returns the function that undoes it. */
  start: () => () => void;
  /** Reads snapshot, fault log and the loaded trend windows from main. */
  sync: () => Promise<void>;
  /** Sends commands in order, stopping at the first rejection; true when all were accepted. */
  runCommands: (label: string, commands: readonly EmsCommand[]) => Promise<boolean>;
  setScreen: (screen: Screen) => void;
  setTrendWindow: (window: HistoryWindow) => void;
  setPaused: (paused: boolean) => void;
  selectFault: (key: string | null) => void;
}

/** The store's full shape. */
export type EmsStore = EmsState & EmsActions;

/** Events read back from the session store at each sync (the event log shows them all). */
const RECENT_EVENTS_SHOWN = 50;

/** Samples kept for a window while main's answer is on its way (replayed after). */
const REPLAY_LIMIT = 600;

/** Creates the renderer's store over an EmsApi and its connection signal. */
export function createEmsStore(
  api: EmsApi,
  connection: ConnectionSignal,
  now: () => number = Date.now,
): StoreApi<EmsStore> {
  const snapshotPushes = new PushCounter();
  const faultLogPushes = new PushCounter();
  const loading = new Map<HistoryWindow, HistorySample[]>();
  let commandSeq = 0;
  let eventSeq = 0;

  return createStore<EmsStore>()((set, get) => {
    const loadTrend = async (window: HistoryWindow): Promise<void> => {
      if (loading.has(window)) return;
      loading.set(window, []);
      try {
        let state = trendFromSeries(await api.getHistory({ window }));
        for (const s of loading.get(window) ?? []) state = addTrendSample(state, s);
        set((st) => ({ trends: { ...st.trends, [window]: state } }));
      } finally {
        loading.delete(window);
      }
    };

    const onHistory = (sample: HistorySample): void => {
      for (const [, queue] of loading) if (queue.length < REPLAY_LIMIT) queue.push(sample);
      set((st) => {
        const trends: Partial<Record<HistoryWindow, TrendWindowState>> = { ...st.trends };
        for (const w of HISTORY_WINDOWS) {
          const t = trends[w];
          if (t) trends[w] = addTrendSample(t, sample);
        }
        return { trends };
      });
    };

    const sync = async (): Promise<void> => {
      const snapMark = snapshotPushes.mark();
      const logMark = faultLogPushes.mark();
      const windows = new Set<HistoryWindow>(['5m', get().ui.trendWindow]);
      for (const w of HISTORY_WINDOWS) if (get().trends[w]) windows.add(w);
      const mirror = async (): Promise<void> => {
        const [snapshot, faultLog] = await Promise.all([api.getSnapshot(), api.getFaultLog()]);
        if (snapshotPushes.unchangedSince(snapMark)) set({ snapshot, snapshotAt: now() });
        if (faultLogPushes.unchangedSince(logMark)) set({ faultLog });
      };
      // Events of earlier runs come from the session store; a failure there leaves the pushed ones.
      api
        .getRecentEvents({ limit: RECENT_EVENTS_SHOWN })
        .then((stored) =>
          set((st) => ({ events: mergeStoredEvents(st.events, stored, () => ++eventSeq) })),
        )
        .catch(() => undefined);
      try {
        await Promise.all([mirror(), ...[...windows].map((w) => loadTrend(w))]);
        set({ syncError: null });
      } catch (err) {
        set({ syncError: `cannot read from the EMS: ${errorText(err)}` });
      }
    };

    return {
      snapshot: null,
      snapshotAt: null,
      events: [],
      faultLog: [],
      trends: {},
      connection: connection.get(),
      syncError: null,
      command: { phase: 'idle' },
      ui: INITIAL_UI,
      sync,
      start() {
        const offs = [
          api.subscribe('snapshot', (snapshot) => {
            snapshotPushes.bump();
            // A site switch: the old site's trends, events and fault log are not this site's.
            const before = get().snapshot;
            if (before !== null && before.site.id !== snapshot.site.id) {
              set({ trends: {}, events: [], faultLog: [] });
              void sync();
            }
            // A fault cancels whatever was last asked: an old "accepted" would read as if it
            // still held, during the fault and after it clears. A refusal's reason stays.
            const cleared = snapshot.state === 'FAULT' && get().command.phase === 'accepted';
            set(
              cleared
                ? { snapshot, snapshotAt: now(), command: { phase: 'idle' } }
                : { snapshot, snapshotAt: now() },
            );
          }),
          api.subscribe('event', (e) =>
            set((st) => ({ events: appendEvent(st.events, { ...e, seq: ++eventSeq }) })),
          ),
          api.subscribe('faultLog', (faultLog) => {
            faultLogPushes.bump();
            set({ faultLog });
          }),
          api.subscribe('history', onHistory),
          connection.subscribe((state) => {
            set({ connection: state });
            // Pushes sent while the bridge was down are lost: read everything again.
            if (state === 'connected') void sync();
          }),
        ];
        set({ connection: connection.get() });
        if (connection.get() === 'connected') void sync();
        return () => offs.forEach((off) => off());
      },
      async runCommands(label, commands) {
        const seq = ++commandSeq;
        set({ command: { phase: 'sending', label } });
        const results = [];
        for (const command of commands) {
          const r = await api
            .command({ command })
            .catch((err: unknown) => ({ ok: false as const, reason: errorText(err) }));
          results.push(r);
          if (!r.ok) break;
        }
        const status = statusFromResults(label, results);
        if (seq === commandSeq) set({ command: status });
        return status.phase === 'accepted';
      },
      setScreen: (screen) => set((st) => ({ ui: { ...st.ui, screen } })),
      setTrendWindow(window) {
        set((st) => ({ ui: withTrendWindow(st.ui, window) }));
        if (!get().trends[window]) {
          loadTrend(window).catch((err: unknown) =>
            set({ syncError: `cannot read the ${window} trend: ${errorText(err)}` }),
          );
        }
      },
      setPaused(paused) {
        const st = get();
        set({ ui: withPaused(st.ui, paused, st.trends[st.ui.trendWindow]?.closed ?? []) });
      },
      selectFault: (key) => set((st) => ({ ui: { ...st.ui, selectedFault: key } })),
    };
  });
}
