import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordingStore } from '../src/main/recording/recording-store';
import { MIGRATIONS, migrate } from '../src/main/recording/schema-migrations';
import { eventAt, manualTime, snapshotAt, tempStorePath } from './fixtures/recording-harness';

const T0 = Date.UTC(2025, 5, 1, 8, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function open(path: string, startMs = T0) {
  const time = manualTime(startMs);
  const store = await openRecordingStore({ path, now: time.now, scheduler: time.scheduler });
  cleanups.push(() => store.close());
  expect(store.reason).toBeNull();
  return store;
}

function tempPath(): string {
  const tmp = tempStorePath();
  cleanups.push(tmp.remove);
  return tmp.path;
}

describe('recording store: trends and energy (schema 2)', () => {
  it('keeps PV and load per second and reads them back', async () => {
    const store = await open(tempPath());
    const id = store.startSession({ siteName: 'Hybrid', hostKind: 'headless' })!;
    store.recordSnapshot(snapshotAt(T0, { pvW: 3200, loadW: 1450 }));
    store.recordSnapshot(snapshotAt(T0 + 1000, { pvW: null, loadW: null }));
    store.flush();
    expect(store.sessionSnapshots(id).map((s) => [s.pvW, s.loadW])).toEqual([
      [3200, 1450],
      [null, null],
    ]);
    const csv = [...store.exportCsv('snapshots', id)].join('');
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/,pv_w,load_w$/);
    expect(lines[1]).toMatch(/,3200,1450$/);
  });

  it('upgrades a schema-1 file in place: old rows keep their values, PV and load read null', async () => {
    const path = tempPath();
    const raw = new Database(path);
    migrate(raw, MIGRATIONS.slice(0, 1));
    raw
      .prepare(
        `INSERT INTO sessions (id, started_at, ended_at, site_name, host_kind) VALUES (1, ?, ?, 'old', 'headless')`,
      )
      .run(T0, T0 + 5000);
    raw
      .prepare(
        `INSERT INTO snapshots (session_id, sec, t, state, mode, grid_w, inverter_w, soc, setpoint_w,
          limited_by, modbus_ok, can_ok, faults) VALUES (1, ?, ?, 'IDLE', 'IDLE', 10, 0, 50, 0, 'none', 1, 1, '[]')`,
      )
      .run(Math.floor(T0 / 1000), T0);
    raw.close();
    const store = await open(path, T0 + 60_000);
    expect(store.sessionSnapshots(1)).toEqual([
      expect.objectContaining({ t: T0, gridW: 10, pvW: null, loadW: null }),
    ]);
  });

  it('gives the newest events of every session, oldest first, past the current session', async () => {
    const path = tempPath();
    const first = await open(path);
    first.startSession({ siteName: 'Site', hostKind: 'headless' });
    first.recordEvent(eventAt(T0 + 100, 'old run: state -> FAULT'));
    first.recordEvent(eventAt(T0 + 200, 'old run: fault cleared'));
    first.close();
    const second = await open(path, T0 + 10_000);
    second.startSession({ siteName: 'Site', hostKind: 'headless' });
    second.recordEvent(eventAt(T0 + 10_100, 'new run: started'));
    second.flush();
    expect(second.recentEvents(2).map((e) => e.message)).toEqual([
      'old run: fault cleared',
      'new run: started',
    ]);
    expect(second.recentEvents(10)).toHaveLength(3);
    expect(() => second.recentEvents(0)).toThrow(/limit must be an integer/);
  });

  it('keeps energy counters per site and day, replacing the day on each save', async () => {
    const path = tempPath();
    const store = await open(path);
    const counters = { gridImportWh: 1, gridExportWh: 2, chargeWh: 3, dischargeWh: 4, pvWh: null };
    expect(store.saveEnergyDay({ siteId: 'plant', day: '2025-06-01', counters })).toBe(true);
    const later = { ...counters, chargeWh: 30, pvWh: 12.5 };
    store.saveEnergyDay({ siteId: 'plant', day: '2025-06-01', counters: later });
    store.saveEnergyDay({ siteId: 'other', day: '2025-06-01', counters });
    store.close();
    const reopened = await open(path, T0 + 1000);
    expect(reopened.energyDay('plant', '2025-06-01')).toEqual(later);
    expect(reopened.energyDay('other', '2025-06-01')).toEqual(counters);
    expect(reopened.energyDay('plant', '2025-06-02')).toBeNull();
    expect(() =>
      reopened.saveEnergyDay({
        siteId: 'plant',
        day: '2025-06-01',
        counters: { ...counters, chargeWh: -1 },
      }),
    ).toThrow(/chargeWh must be a finite number >= 0/);
    expect(() => reopened.saveEnergyDay({ siteId: 'plant', day: 'today', counters })).toThrow(
      /day must be YYYY-MM-DD/,
    );
    expect(reopened.energyDay('plant', '2025-06-01')).toEqual(later);
  });
});
