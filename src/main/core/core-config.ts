/**
 * Settings of the pure core: limits, timeouts and control tuning. Validated by the site
 * file's schema before they reach here; the core still treats non-finite numbers as 0.
 */
export interface CoreConfig {
  /** Inverter's rated charge power, W (>= 0). */
  readonly inverterMaxChargeW: number;
  /** Inverter's rated discharge power, W (>= 0). */
  readonly inverterMaxDischargeW: number;
  /** Grid exchange the self-consumption law steers to, W (positive = import). */
  readonly gridTargetW: number;
  /** No discharge at or below this SOC, %. */
  readonly socMinPct: number;
  /** No charge at or above this SOC, %. */
  readonly socMaxPct: number;
  /** SOC must move this far back inside the window before a blocked direction is allowed again, %. */
  readonly socHysteresisPct: number;
  /** Maximum grid import, W; null when the site sets none. */
  readonly gridImportLimitW: number | null;
  /** Maximum grid export, W (a positive number); null when the site sets none. */
  readonly gridExportLimitW: number | null;
  /** Maximum setpoint change for ordinary moves, W per second. */
  readonly rampWPerS: number;
  /**
   * The ramp's step, ms: a setpoint that stood still this long may move rampWPerS x
   * rampStepMs at once, however soon after the last step (default 250, the default poll
   * interval). So a move starts as it would on the regular 250 ms grid, whatever the poll
   * interval or an extra cycle of the meter cadence (runtime/meter-cadence.ts).
   */
  readonly rampStepMs: number;
  /** Self-consumption holds the setpoint while |grid - target| is within this band, W. */
  readonly deadbandW: number;
  /** A measurement older than this is stale, ms. */
  readonly timeouts: {
    readonly meterMs: number;
    readonly inverterMs: number;
    readonly bmsMs: number;
  };
  /**
   * Consecutive failed polls (one poll = one step) a meter or inverter link survives; it is
   * lost once this many failed AND its data is older than its timeout.
   */
  readonly commLossPolls: number;
  /** A lost link is ok again after this many new, fresh samples in a row... */
  readonly recoverSamples: number;
  /** ...or after fresh samples without a break for this long, ms. */
  readonly recoverHoldMs: number;
  /** A link still "connecting" this long after start becomes a comm fault, ms. */
  readonly connectGraceMs: number;
  /** True when the site has a CAN BMS: its link is watched and its limits apply. */
  readonly hasBms: boolean;
  /** Default lifetime of an external command, s. */
  readonly externalDefaultTtlS: number;
  /** Longest allowed lifetime of an external command, s. */
  readonly externalMaxTtlS: number;
  /** Return to the mode active before a comm-loss fault once links recover (default false). */
  readonly autoResume: boolean;
  /**
   * Inverter efficiency (0..1]: discharge AC <= DCL x V x efficiency; charge AC <= CCL x V
   * (the DC side then gets less than the AC draw, so the plain product is already safe).
   */
  readonly inverterEfficiency: number;
  /**
   * The longest a meter may keep answering with the same sample (value, or update counter
   * where it has one) before it is METER_STALE, ms. A live grid is never exactly constant.
   */
  readonly meterMaxHoldMs: number;
  /** Operator override power for CHARGE_ONLY / DISCHARGE_ONLY before one is set, W (>= 0). */
  readonly defaultOverrideW: number;
}

/** Defaults a site file may override. */
export const DEFAULT_CORE_CONFIG: CoreConfig = {
  inverterMaxChargeW: 5000,
  inverterMaxDischargeW: 5000,
  gridTargetW: 0,
  socMinPct: 10,
  socMaxPct: 95,
  socHysteresisPct: 2,
  gridImportLimitW: null,
  gridExportLimitW: null,
  rampWPerS: 2000,
  rampStepMs: 250,
  deadbandW: 50,
  timeouts: { meterMs: 750, inverterMs: 750, bmsMs: 3000 },
  commLossPolls: 3,
  recoverSamples: 3,
  recoverHoldMs: 10_000,
  connectGraceMs: 15_000,
  hasBms: true,
  externalDefaultTtlS: 10,
  externalMaxTtlS: 300,
  autoResume: false,
  inverterEfficiency: 0.95,
  defaultOverrideW: 1000,
  meterMaxHoldMs: 30_000,
};
