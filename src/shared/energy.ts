/**
 * Energy counters as the operator sees them: what flowed through the grid connection and the
 * battery inverter since midnight (or since the session started), counted in main from fresh
 * measurements only (grid energy from the meter's own counters where its profile has them).
 * A gap in the data is not filled, so a counter may read low after a link was lost, never high.
 */
export interface EnergyCounters {
  /** Energy taken from the grid, Wh (>= 0). */
  readonly gridImportWh: number;
  /** Energy fed into the grid, Wh (>= 0). */
  readonly gridExportWh: number;
  /**
   * Energy put into the battery, Wh (>= 0): the inverter's AC power on an AC-coupled inverter,
   * the battery's own power (the profile's controlled quantity) on a hybrid.
   */
  readonly chargeWh: number;
  /** Energy taken out of the battery, Wh (>= 0), measured as `chargeWh` is. */
  readonly dischargeWh: number;
  /** PV production, Wh; null while the site has no PV measurement (the inverter profile's PV point, hybrids). */
  readonly pvWh: number | null;
}

/** Counters at zero, PV unknown. */
export const ZERO_ENERGY: EnergyCounters = {
  gridImportWh: 0,
  gridExportWh: 0,
  chargeWh: 0,
  dischargeWh: 0,
  pvWh: null,
};

/**
 * Share of the house's consumption not taken from the grid, %. The house's consumption is
 * import - export + discharge - charge + PV, so it is known only when PV is measured (or the
 * site has none measured and reports 0); null when PV is unknown or nothing was consumed.
 */
export function selfSufficiencyPct(e: EnergyCounters): number | null {
  if (e.pvWh === null) return null;
  const consumedWh = e.gridImportWh - e.gridExportWh + e.dischargeWh - e.chargeWh + e.pvWh;
  if (!(consumedWh > 0)) return null;
  const pct = ((consumedWh - e.gridImportWh) / consumedWh) * 100;
  return Math.min(100, Math.max(0, pct));
}
