import { describe, expect, it } from 'vitest';
import type { HistoryBucket } from '../../../shared/history';
import { BridgeError } from '../bridge/request-tracker';
import { createConnectionSignal, type ConnectionState } from '../bridge/connection-signal';
import { createEmsStore } from './ems-store';
import { EVENT_LIMIT } from './mirror';
import { flush, makeFaultEntry, makeSnapshot, ScriptedApi } from './store-fixtures.test-kit';

const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
const bucket = (t: number, w: number): HistoryBucket => ({
  t,
  gridW: [w, w],
  inverterW: [0, 0],
  soc: [50, 50],
  setpointW: [0, 0],
  pvW: null,
  loadW: null,
});

function setup(initial: ConnectionState = 'connected') {
  const api = new ScriptedApi();
  const connection = createConnectionSignal(initial);
  let now = 1000;
  const store = createEmsStore(api, connection, () => now);
  return { api, connection, store, setNow: (n: number) => (now = n) };
}

/** Starts the store and answers the first sync. */
async function started() {
  const s = setup();
  s.store.getState().start();
  s.api.snapshots[0]?.resolve(makeSnapshot({ time: 'from-get' }));
  s.api.faultLogs[0]?.resolve([makeFaultEntry('2026-11-29T09:00:00Z')]);
  await flush();
  s.api.answerHistory('5m', [bucket(T0, 1), bucket(T0 + 1000, 2)]);
  await flush();
  return s;
}

describe('createEmsStore: mirroring main', () => {
  it('reads snapshot, fault log and the 5 min trend on start, then follows pushes', async () => {
    const { api, store } = await started();
    const st = store.getState();
    expect(st.snapshot?.time).toBe('from-get');
    expect(st.snapshotAt).toBe(1000);
    expect(st.faultLog).toHaveLength(1);
    expect(st.trends['5m']?.closed.map((b) => b.t)).toEqual([T0]);
    expect(st.syncError).toBeNull();
    api.push('snapshot', makeSnapshot({ time: 'pushed', state: 'FAULT' }));
    expect(store.getState().snapshot?.state).toBe('FAULT');
  });

  it('keeps a pushed snapshot over an older answer to getSnapshot', async () => {
    const { api, store } = setup();
    store.getState().start();
    api.push('snapshot', makeSnapshot({ time: 'pushed' }));
    api.snapshots[0]?.resolve(makeSnapshot({ time: 'stale answer' }));
    api.faultLogs[0]?.resolve([]);
    await flush();
    expect(store.getState().snapshot?.time).toBe('pushed');
  });

  it('keeps a pushed fault log over an older answer to getFaultLog', async () => {
    const { api, store } = setup();
    store.getState().start();
    api.push('faultLog', [makeFaultEntry('a'), makeFaultEntry('b')]);
    api.snapshots[0]?.resolve(makeSnapshot());
    api.faultLogs[0]?.resolve([makeFaultEntry('a')]);
    await flush();
    expect(store.getState().faultLog.map((e) => e.time)).toEqual(['a', 'b']);
  });

  it('keeps only the last events', async () => {
    const { api, store } = await started();
    for (let i = 0; i < EVENT_LIMIT + 5; i++)
      api.push('event', { time: 'x', kind: 'state', message: `m${i}` });
    const events = store.getState().events;
    expect(events).toHaveLength(EVENT_LIMIT);
    expect(events[events.length - 1]?.message).toBe(`m${EVENT_LIMIT + 4}`);
    expect(new Set(events.map((e) => e.seq)).size).toBe(EVENT_LIMIT);
  });

  it('adds pushed history to every loaded window; long windows change only when a bucket closes', async () => {
    const { api, store } = await started();
    store.getState().setTrendWindow('1h');
    api.answerHistory('1h', [bucket(T0, 1)]);
    await flush();
    const closed1h = store.getState().trends['1h']?.closed;
    api.push('history', {
      t: T0 + 3000,
      gridW: 5,
      inverterW: 0,
      soc: 50,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    expect(store.getState().trends['1h']?.closed).toBe(closed1h);
    expect(store.getState().trends['5m']?.closed.map((b) => b.t)).toEqual([T0, T0 + 1000]);
    api.push('history', {
      t: T0 + 10_000,
      gridW: 6,
      inverterW: 0,
      soc: 50,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    expect(store.getState().trends['1h']?.closed).not.toBe(closed1h);
    expect(store.getState().trends['1h']?.closed[0]?.gridW).toEqual([1, 5]);
  });

  it('replays samples that arrived while a window was loading', async () => {
    const { api, store } = await started();
    store.getState().setTrendWindow('24h');
    api.push('history', {
      t: T0 + 200_000,
      gridW: 9,
      inverterW: 0,
      soc: 50,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    api.answerHistory('24h', [bucket(T0, 1)]);
    await flush();
    const t = store.getState().trends['24h'];
    expect(t?.closed.map((b) => b.t)).toEqual([T0]);
    expect(t?.open).toMatchObject({ t: T0 + 120_000, gridW: [9, 9] });
  });

  it('syncs again after the bridge reconnects, and reports a failed sync', async () => {
    const { api, connection, store } = await started();
    connection.set('reconnecting');
    expect(store.getState().connection).toBe('reconnecting');
    connection.set('connected');
    expect(api.snapshots).toHaveLength(2);
    api.snapshots[1]?.reject(new BridgeError('timeout', 'no reply'));
    await flush();
    expect(store.getState().syncError).toContain('no reply');
  });

  it('waits for the first connection before reading (WebSocket case)', () => {
    const { api, connection, store } = setup('connecting');
    store.getState().start();
    expect(api.snapshots).toHaveLength(0);
    connection.set('connected');
    expect(api.snapshots).toHaveLength(1);
  });

  it('unsubscribes everything on stop', () => {
    const { api, store } = setup();
    const stop = store.getState().start();
    expect(api.subscribers('snapshot')).toBe(1);
    stop();
    expect(api.subscribers('snapshot') + api.subscribers('history')).toBe(0);
  });
});

describe('createEmsStore: commands', () => {
  it('shows sending, then accepted with the pending reason', async () => {
    const { api, store } = await started();
    const done = store
      .getState()
      .runCommands('Mode', [{ type: 'setMode', mode: 'SELF_CONSUMPTION' }]);
    expect(store.getState().command).toEqual({ phase: 'sending', label: 'Mode' });
    api.commands[0]?.d.resolve({ ok: true, pending: 'waiting for links: meter' });
    await expect(done).resolves.toBe(true);
    expect(store.getState().command).toEqual({
      phase: 'accepted',
      label: 'Mode',
      pending: 'waiting for links: meter',
    });
  });

  it('forgets an accepted command when a fault arrives, also after the fault clears', async () => {
    const { api, store } = await started();
    const done = store
      .getState()
      .runCommands('Mode', [{ type: 'setMode', mode: 'SELF_CONSUMPTION' }]);
    api.commands[0]?.d.resolve({ ok: true });
    await done;
    expect(store.getState().command.phase).toBe('accepted');
    api.push('snapshot', makeSnapshot({ state: 'FAULT' }));
    expect(store.getState().command).toEqual({ phase: 'idle' });
    api.push('snapshot', makeSnapshot({ state: 'STANDBY' }));
    expect(store.getState().command).toEqual({ phase: 'idle' });
  });

  it('stops at the first rejection and shows its reason', async () => {
    const { api, store } = await started();
    const done = store.getState().runCommands('Charge', [
      { type: 'setOverridePower', watts: 2000 },
      { type: 'setMode', mode: 'CHARGE_ONLY' },
    ]);
    api.commands[0]?.d.resolve({ ok: false, reason: 'above rating' });
    await expect(done).resolves.toBe(false);
    expect(api.commands).toHaveLength(1);
    expect(store.getState().command).toEqual({
      phase: 'rejected',
      label: 'Charge',
      reason: 'above rating',
    });
  });

  it('shows a transport failure as a rejection with its reason', async () => {
    const { api, store } = await started();
    const done = store.getState().runCommands('Stop', [{ type: 'stop' }]);
    api.commands[0]?.d.reject(new BridgeError('disconnected', 'not connected to the EMS'));
    await done;
    expect(store.getState().command).toMatchObject({
      phase: 'rejected',
      reason: 'not connected to the EMS',
    });
  });

  it('lets only the newest command set the status', async () => {
    const { api, store } = await started();
    const first = store.getState().runCommands('Start', [{ type: 'start' }]);
    const second = store.getState().runCommands('Stop', [{ type: 'stop' }]);
    api.commands[1]?.d.resolve({ ok: true });
    await second;
    api.commands[0]?.d.resolve({ ok: false, reason: 'late' });
    await first;
    expect(store.getState().command).toMatchObject({ phase: 'accepted', label: 'Stop' });
  });
});

describe('createEmsStore: UI state', () => {
  it('freezes the trend view on pause while data keeps arriving', async () => {
    const { api, store } = await started();
    store.getState().setPaused(true);
    const frozen = store.getState().ui.frozen;
    expect(frozen?.map((b) => b.t)).toEqual([T0]);
    api.push('history', {
      t: T0 + 5000,
      gridW: 1,
      inverterW: 0,
      soc: 50,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    expect(store.getState().ui.frozen).toBe(frozen);
    expect(store.getState().trends['5m']?.closed.length).toBe(2);
    store.getState().setPaused(false);
    expect(store.getState().ui.frozen).toBeNull();
  });

  it('switching window loads it once and starts live', async () => {
    const { api, store } = await started();
    store.getState().setPaused(true);
    store.getState().setTrendWindow('1h');
    expect(store.getState().ui).toMatchObject({ trendWindow: '1h', paused: false, frozen: null });
    store.getState().setTrendWindow('5m');
    store.getState().setTrendWindow('1h');
    expect(api.histories.filter((h) => h.window === '1h')).toHaveLength(1);
  });

  it('switches screens and selects fault entries', () => {
    const { store } = setup();
    store.getState().setScreen('faults');
    store.getState().selectFault('k');
    expect(store.getState().ui).toMatchObject({ screen: 'faults', selectedFault: 'k' });
  });
});

describe('createEmsStore: a site switch', () => {
  it('drops the old site’s trends, events and fault log and reads the new site’s', async () => {
    const { api, store } = await started();
    api.push('event', { kind: 'mode', message: 'old site', time: '2026-11-29T10:00:00Z' });
    expect(store.getState().events).toHaveLength(1);
    const reads = api.snapshots.length;
    api.push('snapshot', makeSnapshot({ site: { id: 'roof-rig-0001', name: 'Roof rig' } }));
    const st = store.getState();
    expect(st.snapshot?.site.name).toBe('Roof rig');
    expect(st.trends).toEqual({});
    expect(st.events).toEqual([]);
    expect(st.faultLog).toEqual([]);
    // Read again from the new site's service.
    expect(api.snapshots.length).toBe(reads + 1);
    expect(api.histories.map((h) => h.window)).toContain('5m');
  });
});
