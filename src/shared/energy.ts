/**
 * Energy counters as the operator sees them: what flowed through the grid connection and the
 * battery inverter since midnight (or since the session started), integrated in main from
 * fresh measurements only. A gap in the data is not filled, so a counter may read low after a
 * link was lost, never high.
 */
export interface EnergyCounters {
  /** Energy taken from the grid, Wh (>= 0). */
  readonly gridImportWh: number;
  /** Energy fed into the grid, Wh (>= 0). */
  readonly gridExportWh: number;
  /** Energy the inverter put into the battery (AC side), Wh (>= 0). */
  readonly chargeWh: number;
  /** Energy the inverter took out of the battery (AC side), Wh (>= 0). */
  readonly dischargeWh: number;
  /** PV production, Wh; null while the site has no PV measurement. */
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
