import { interpolate, type Knot } from './piecewise';

/**
 * The simulated pack's characteristic curves. The pack is a 16-cell LFP (LiFePO4) string,
 * the usual "48 V" home battery that speaks the Pylontech CAN protocol: about 48 V empty,
 * 52-53 V in the long flat middle, 55 V full. LFP's flat middle is why a real EMS cannot
 * infer SOC from voltage, and why the BMS's SOC is the one to trust.
 */

/** Cells in series. */
export const CELLS_IN_SERIES = 16;

/** Charge voltage limit the BMS announces, V (3.45 V per cell). */
export const CHARGE_VOLTAGE_LIMIT_V = 55.2;

/** Open-circuit voltage of one LFP cell over SOC (%). */
const CELL_OCV: readonly Knot[] = [
  [0, 3.0],
  [5, 3.15],
  [10, 3.2],
  [30, 3.26],
  [60, 3.3],
  [90, 3.34],
  [97, 3.38],
  [100, 3.45],
];

/**
 * Share of the rated charge current the BMS allows over SOC: full up to 90 %, then a taper so
 * the top cells are not pushed into over-voltage, zero at 100 %.
 */
const CHARGE_TAPER_SOC: readonly Knot[] = [
  [90, 1],
  [97, 0.3],
  [100, 0],
];

/** Share of the rated discharge current over SOC: a taper in the last 10 %, zero when empty. */
const DISCHARGE_TAPER_SOC: readonly Knot[] = [
  [0, 0],
  [3, 0.3],
  [10, 1],
];

/** LFP must not be charged below 0 degC (lithium plating); full current from 15 to 45 degC. */
const CHARGE_TAPER_TEMP: readonly Knot[] = [
  [0, 0],
  [5, 0.2],
  [15, 1],
  [45, 1],
  [55, 0],
];

/** Discharge tolerates cold better than charge; both stop at high temperature. */
const DISCHARGE_TAPER_TEMP: readonly Knot[] = [
  [-20, 0],
  [-10, 0.5],
  [0, 1],
  [50, 1],
  [60, 0],
];

/** Pack open-circuit voltage at `socPct`, V. */
export function packOpenCircuitV(socPct: number): number {
  return CELLS_IN_SERIES * interpolate(CELL_OCV, socPct);
}

/** Share (0..1) of the rated charge current allowed at this SOC and temperature. */
export function chargeCurrentShare(socPct: number, temperatureC: number): number {
  return Math.min(
    interpolate(CHARGE_TAPER_SOC, socPct),
    interpolate(CHARGE_TAPER_TEMP, temperatureC),
  );
}

/** Share (0..1) of the rated discharge current allowed at this SOC and temperature. */
export function dischargeCurrentShare(socPct: number, temperatureC: number): number {
  return Math.min(
    interpolate(DISCHARGE_TAPER_SOC, socPct),
    interpolate(DISCHARGE_TAPER_TEMP, temperatureC),
  );
}
