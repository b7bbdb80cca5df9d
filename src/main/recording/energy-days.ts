/**
 * Today's energy counters per site and day (table energy_days): saved by the host every minute
 * and at a stop, read back at start so a restart continues the day's counters instead of
 * starting them at zero. One row per site and day, overwritten in place.
 */
import type { EnergyCounters } from '../../shared/energy';
import type { SqliteDatabase } from './native-loader';
import type { EnergyDayRecord } from './recording-types';

interface RawEnergyDay {
  grid_import_wh: number;
  grid_export_wh: number;
  charge_wh: number;
  discharge_wh: number;
  pv_wh: number | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Throws unless the record holds a site id, a "YYYY-MM-DD" day and finite counters >= 0. */
function checkRecord(r: EnergyDayRecord): void {
  if (typeof r.siteId !== 'string' || r.siteId.length === 0)
    throw new RangeError('energy day: siteId must be a non-empty string');
  if (!DAY.test(r.day)) throw new RangeError(`energy day: day must be YYYY-MM-DD, got ${r.day}`);
  const c = r.counters;
  for (const [name, v] of Object.entries(c)) {
    if (v === null && name === 'pvWh') continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new RangeError(`energy day: ${name} must be a finite number >= 0, got ${String(v)}`);
  }
}

/** Prepared statements over energy_days. */
export class EnergyDays {
  private readonly upsert;
  private readonly select;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare<
      [string, string, number, number, number, number, number | null, number],
      unknown
    >(
      `INSERT OR REPLACE INTO energy_days (site_id, day, grid_import_wh, grid_export_wh,
        charge_wh, discharge_wh, pv_wh, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.select = db.prepare<[string, string], RawEnergyDay>(
      'SELECT * FROM energy_days WHERE site_id = ? AND day = ?',
    );
  }

  /** Stores a site's counters for a day (replacing that day's earlier row). */
  save(record: EnergyDayRecord, now: number): void {
    checkRecord(record);
    const c = record.counters;
    this.upsert.run(
      record.siteId,
      record.day,
      c.gridImportWh,
      c.gridExportWh,
      c.chargeWh,
      c.dischargeWh,
      c.pvWh,
      now,
    );
  }

  /** A site's counters for a day, or null when none were saved. */
  read(siteId: string, day: string): EnergyCounters | null {
    const r = this.select.get(siteId, day);
    if (!r) return null;
    return {
      gridImportWh: r.grid_import_wh,
      gridExportWh: r.grid_export_wh,
      chargeWh: r.charge_wh,
      dischargeWh: r.discharge_wh,
      pvWh: r.pv_wh,
    };
  }
}
