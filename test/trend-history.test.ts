import { afterEach, describe, expect, it } from 'vitest';
import { openRecordingStore } from '../src/main/recording/recording-store';
import { HistoryRing } from '../src/main/runtime/history-ring';
import {
  keepEnergySaved,
  restoredEnergy,
  restoreHistory,
  ENERGY_SAVE_INTERVAL_MS,
} from '../src/main/hosts/host-history';
import { recentEventViews, sessionHistoryView } from '../src/main/service/trend-handlers';
import { VirtualTime } from '../src/shared/virtual-time.test-kit';
import { eventAt, manualTime, snapshotAt, tempStorePath } from './fixtures/recording-harness';

const T0 = Date.UTC(2025, 5, 1, 8, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function open(path: string, startMs: number) {
  const time = manualTime(startMs);
  const store = await openRecordingStore({ path, now: time.now, scheduler: time.scheduler });
  cleanups.push(() => store.close());
  return store;
}

function tempPath(): string {
  const tmp = tempStorePath();
  cleanups.push(tmp.remove);
  return tmp.path;
}

/** Records `seconds` snapshots from `from`, grid W = the second's index. */
function recordRun(store: Awaited<ReturnType<typeof open>>, from: number, seconds: number) {
  const id = store.startSession({ siteName: 'Site', hostKind: 'headless', startedAt: from })!;
  for (let i = 0; i < seconds; i++)
    store.recordSnapshot(snapshotAt(from + i * 1000, { gridW: i, pvW: 100 + i, loadW: 50 }));
  store.flush();
  return id;
}

describe('trends from the session store', () => {
  it('a restart fills the 24 h ring from the recorded runs (older seconds left out)', async () => {
    const path = tempPath();
    const first = await open(path, T0);
    recordRun(first, T0 - 25 * 3_600_000, 10); // more than 24 h before the restart
    recordRun(first, T0, 120);
    first.close();

    const later = T0 + 600_000;
    const store = await open(path, later);
    const ring = new HistoryRing();
    expect(restoreHistory(store, ring, later, () => undefined)).toBe(120);
    expect(ring.latest()).toMatchObject({ t: T0 + 119_000, gridW: 119, pvW: 219, loadW: 50 });
    const hour = ring.series('1h', later);
    expect(hour.buckets[0]).toMatchObject({ t: T0, gridW: [0, 9], pvW: [100, 109] });
  });

  it('restores nothing, and says why, when the store is unavailable or a read fails', async () => {
    const store = await open(tempPath(), T0);
    store.close();
    const lines: string[] = [];
    expect(restoreHistory(store, new HistoryRing(), T0, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/trend history not restored.*closed/);
  });

  it('a recorded session opens as min/max buckets sized to its length', async () => {
    const store = await open(tempPath(), T0);
    const id = recordRun(store, T0, 3600);
    const view = sessionHistoryView(store, { sessionId: id, toT: T0 + 3_599_000 }, T0 + 3_600_000);
    expect(view.bucketMs).toBe(10_000);
    expect(view.samples).toBe(3600);
    expect(view.buckets).toHaveLength(360);
    expect(view.buckets[1]).toMatchObject({ t: T0 + 10_000, gridW: [10, 19], loadW: [50, 50] });
    expect(() => sessionHistoryView(store, { sessionId: 99 }, T0)).toThrow(/no session 99/);
  });

  it('latest events include earlier runs and the unflushed last second', async () => {
    const path = tempPath();
    const first = await open(path, T0);
    first.startSession({ siteName: 'Site', hostKind: 'headless' });
    first.recordEvent(
      eventAt(T0 + 1, 'FAULT: meter silent', { kind: 'fault', code: 'METER_COMM_LOSS' }),
    );
    first.close();
    const store = await open(path, T0 + 5000);
    store.startSession({ siteName: 'Site', hostKind: 'headless' });
    store.recordEvent(eventAt(T0 + 5001, 'started'));
    expect(recentEventViews(store, 10)).toEqual([
      {
        time: new Date(T0 + 1).toISOString(),
        kind: 'fault',
        message: 'FAULT: meter silent',
        code: 'METER_COMM_LOSS',
      },
      { time: new Date(T0 + 5001).toISOString(), kind: 'info', message: 'started' },
    ]);
    expect(recentEventViews(null)).toEqual([]);
  });

  it("today's energy counters are saved every minute and at a stop, and read back", async () => {
    const path = tempPath();
    const store = await open(path, T0);
    const time = new VirtualTime({ wallEpochMs: T0 });
    let chargeWh = 10;
    const energy = () => ({
      day: '2025-06-01',
      today: { gridImportWh: 1, gridExportWh: 0, chargeWh, dischargeWh: 0, pvWh: null },
    });
    const stop = keepEnergySaved(store, 'plant', energy, time, () => undefined);
    expect(restoredEnergy(store, 'plant', '2025-06-01', () => undefined)).toBeNull();
    time.advance(ENERGY_SAVE_INTERVAL_MS);
    expect(store.energyDay('plant', '2025-06-01')?.chargeWh).toBe(10);
    chargeWh = 25;
    stop();
    expect(restoredEnergy(store, 'plant', '2025-06-01', () => undefined)).toEqual(energy());
    expect(restoredEnergy(store, 'plant', '2025-06-02', () => undefined)).toBeNull();
  });
});
