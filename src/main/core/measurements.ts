/**
 * Measurements as the drivers deliver them to the core. Every value carries the time
 * (ms, from the runtime's clock) at which it was read; the core decides staleness.
 */

/** A value with the time it was read. */
export interface Sample<T> {
  readonly value: T;
  /** Time of the read, ms on the runtime's clock. */
  readonly at: number;
}

/** What the inverter reports each poll. */
export interface InverterReading {
  /** Active power, W. Positive = discharge, negative = charge. */
  readonly activePowerW: number;
  /**
   * The quantity the setpoint acts on (the profile's `controlled`), W, project sign
   * (positive = discharge): battery power for SunSpec 124, which on a hybrid is AC power
   * minus PV. The control law, the grid limits and the follow check use it. Absent or null:
   * the AC power stands in (right for AC coupling only).
   */
  readonly controlledW?: number | null;
  /** PV power behind the inverter, W (>= 0); null or absent when unknown or none. */
  readonly pvW?: number | null;
  /** State of charge reported by the inverter, %; only used when the site has no CAN BMS. */
  readonly socPct?: number | null;
  /**
   * The setpoint register read back, W (same sign), where the profile allows it: the
   * runtime's follow watch compares it with what the device acknowledged. The core ignores it.
   */
  readonly setpointReadbackW?: number | null;
  /**
   * Set by the runtime when the inverter has not followed its setpoint for longer than the
   * hold time (see runtime/follow-watch.ts): why, in words. Absent or null while it follows.
   */
  readonly notFollowing?: string | null;
}

/** What the BMS reports (decoded from its CAN frames). */
export interface BmsReading {
  readonly socPct: number;
  readonly sohPct?: number | null;
  readonly voltageV: number;
  /** Pack current, A, as the BMS reports it (positive = charging). */
  readonly currentA: number;
  readonly temperatureC: number;
  /** Charge voltage limit, V. */
  readonly chargeVoltageLimitV?: number | null;
  /** Charge current limit (CCL), A, >= 0. */
  readonly chargeCurrentLimitA: number;
  /** Discharge current limit (DCL), A, >= 0. */
  readonly dischargeCurrentLimitA: number;
  readonly chargeEnabled: boolean;
  readonly dischargeEnabled: boolean;
  /** Active protection alarms, as short codes (e.g. "CELL_OVER_VOLTAGE"). Any entry faults the site. */
  readonly alarms: readonly string[];
  /** Active warnings: shown, never a fault. */
  readonly warnings: readonly string[];
}

/** A grid meter sample: power, W (positive = import), and the meter's update counter. */
export interface MeterSample extends Sample<number> {
  /**
   * The meter's own update counter (or time stamp) register, where its profile names one:
   * it changes on every refresh, so the core can tell a new sample from a repeated one even
   * when the power is unchanged. Absent or null: a changed value marks a new sample.
   */
  readonly updateCounter?: number | null;
}

/** The latest sample of each link the runtime has, passed into every step. */
export interface Measurements {
  /** Grid power at the meter, W. Positive = import. */
  readonly grid: MeterSample | null;
  readonly inverter: Sample<InverterReading> | null;
  /** Null when no BMS frame has arrived yet, or the site has no CAN BMS. */
  readonly bms: Sample<BmsReading> | null;
}

/** Measurements with no data at all: the state at start-up. */
export const NO_MEASUREMENTS: Measurements = { grid: null, inverter: null, bms: null };

/** The controlled quantity of a reading (see {@link InverterReading.controlledW}), or its AC power. */
export function controlledPowerW(reading: InverterReading): number {
  const c = reading.controlledW;
  return c === null || c === undefined ? reading.activePowerW : c;
}
