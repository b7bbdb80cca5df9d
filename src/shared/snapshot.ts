import type { EnergyCounters } from './energy';
import type { EmsState, FaultCode, LimitedBy, LinkHealth, RunMode } from './ems-names';

/** Health of one watched link as the operator sees it. */
export interface LinkStatus {
  readonly health: LinkHealth;
  /** Age of the newest sample, ms; null before the first one. */
  readonly ageMs: number | null;
  /** Last error of the driver (e.g. "connection refused"), null while it works. */
  readonly lastError: string | null;
}

/** BMS values as shown; null fields are unknown or stale. */
export interface BmsStatus {
  readonly socPct: number | null;
  readonly sohPct: number | null;
  readonly voltageV: number | null;
  readonly currentA: number | null;
  readonly temperatureC: number | null;
  readonly chargeCurrentLimitA: number | null;
  readonly dischargeCurrentLimitA: number | null;
  readonly chargeEnabled: boolean | null;
  readonly dischargeEnabled: boolean | null;
  readonly alarms: readonly string[];
  readonly warnings: readonly string[];
}

/** An active fault. */
export interface ActiveFaultStatus {
  readonly code: FaultCode;
  readonly message: string;
  /** ISO 8601. */
  readonly since: string;
}

/** Which site the EMS runs: shown in the top bar and the page title. */
export interface SiteIdentity {
  /** The site file's name without its folder and extension ("plant-room"), or "built-in". */
  readonly id: string;
  /** The site file's `name`, or "Built-in simulated site". */
  readonly name: string;
}

/**
 * Everything the operator sees at one moment, pushed by main after every control step.
 * A stale or unknown measurement is null, never a last-known value shown as live.
 */
export interface EmsSnapshot {
  /** ISO 8601 wall-clock time of the step. */
  readonly time: string;
  readonly site: SiteIdentity;
  readonly state: EmsState;
  readonly mode: RunMode;
  /** A requested mode waiting for every link to deliver fresh data. */
  readonly pendingMode: RunMode | null;
  /** Grid power, W (positive = import). */
  readonly gridW: number | null;
  /** Inverter power, W (positive = discharge). */
  readonly inverterW: number | null;
  readonly soc: number | null;
  /** Setpoint sent to the inverter, W (positive = discharge); 0 in STOP, STANDBY and FAULT. */
  readonly setpointW: number;
  readonly limitedBy: LimitedBy;
  /**
   * What the output may be right now (inverter sign): from -maxCharge to +maxDischarge after
   * every limit, with the limit that sets each edge. Shown even while the output is 0.
   */
  readonly band: {
    readonly lowerW: number;
    readonly upperW: number;
    readonly lowerBy: LimitedBy;
    readonly upperBy: LimitedBy;
  };
  /** The inverter's rated powers from the site file, W (both positive). */
  readonly ratings: { readonly maxChargeW: number; readonly maxDischargeW: number };
  /** SOC window from the site file, %. */
  readonly socWindow: { readonly minPct: number; readonly maxPct: number };
  readonly gridTargetW: number;
  readonly overrideW: number;
  readonly external: {
    readonly watts: number;
    readonly remainingS: number;
    readonly source: string;
  } | null;
  readonly modbusOk: boolean;
  /** Null when the site has no CAN BMS. */
  readonly canOk: boolean | null;
  readonly links: {
    readonly meter: LinkStatus;
    readonly inverter: LinkStatus;
    readonly bms: LinkStatus | null;
  };
  readonly bms: BmsStatus | null;
  readonly faults: readonly ActiveFaultStatus[];
  /** A latched protection fault waits for the operator's acknowledgement. */
  readonly needsAck: boolean;
  /** Standing warnings about the configuration (e.g. an inverter without a watchdog). */
  readonly warnings: readonly string[];
  /** Energy since local midnight, integrated in main from fresh measurements (survives a restart). */
  readonly energyToday: EnergyCounters;
  /** Energy since this run of the EMS started. */
  readonly energySession: EnergyCounters;
  /** PV power, W (>= 0), where the inverter profile measures it (hybrid); null otherwise or stale. */
  readonly pvW: number | null;
  /**
   * House load, W, from the power balance (src/shared/power-balance.ts): grid + inverter AC
   * (+ PV on its own feed). Where PV is not measured it is the load net of that PV. Null when stale.
   */
  readonly loadW: number | null;
}
