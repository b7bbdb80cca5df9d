import { describe, expect, it } from 'vitest';
import { createConnectionSignal } from '../bridge/connection-signal';
import { createEmsStore } from './ems-store';
import {
  faultKey,
  isSnapshotCurrent,
  selectSelectedFault,
  selectTrendView,
  SNAPSHOT_MAX_AGE_MS,
} from './selectors';
import { flush, makeFaultEntry, ScriptedApi } from './store-fixtures.test-kit';

describe('isSnapshotCurrent', () => {
  it('is true only while connected and a snapshot arrived recently', () => {
    expect(
      isSnapshotCurrent({ connection: 'connected', snapshotAt: 1000 }, 1000 + SNAPSHOT_MAX_AGE_MS),
    ).toBe(true);
    expect(
      isSnapshotCurrent({ connection: 'connected', snapshotAt: 1000 }, 1001 + SNAPSHOT_MAX_AGE_MS),
    ).toBe(false);
    expect(isSnapshotCurrent({ connection: 'reconnecting', snapshotAt: 1000 }, 1000)).toBe(false);
    expect(isSnapshotCurrent({ connection: 'connected', snapshotAt: null }, 1000)).toBe(false);
  });
});

describe('selectors over the store', () => {
  it('selectTrendView keeps its identity while nothing closed and shows the frozen view when paused', async () => {
    const api = new ScriptedApi();
    const store = createEmsStore(api, createConnectionSignal('connected'));
    store.getState().start();
    api.answerHistory('5m', []);
    await flush();
    api.push('history', {
      t: 1000,
      gridW: 1,
      inverterW: 0,
      soc: 50,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    api.push('history', {
      t: 2000,
      gridW: 1,
      inverterW: 0,
      soc: 50,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    const view = selectTrendView(store.getState());
    expect(view).toHaveLength(1);
    store.getState().selectFault(null);
    expect(selectTrendView(store.getState())).toBe(view);
    store.getState().setPaused(true);
    api.push('history', {
      t: 3000,
      gridW: 1,
      inverterW: 0,
      soc: 50,
      setpointW: 0,
      pvW: null,
      loadW: null,
    });
    expect(selectTrendView(store.getState())).toBe(view);
  });

  it('selectSelectedFault finds the entry by key, or null once it left the log', () => {
    const api = new ScriptedApi();
    const store = createEmsStore(api, createConnectionSignal('connected'));
    store.getState().start();
    const a = makeFaultEntry('2026-11-29T10:00:00Z');
    const b = makeFaultEntry('2026-11-29T10:00:05Z', { kind: 'cleared' });
    api.push('faultLog', [a, b]);
    store.getState().selectFault(faultKey(b));
    expect(selectSelectedFault(store.getState())).toBe(b);
    api.push('faultLog', [a]);
    expect(selectSelectedFault(store.getState())).toBeNull();
  });
});
