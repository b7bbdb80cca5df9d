import { clamp } from './piecewise';

/**
 * The battery inverter: it follows the written setpoint (positive = discharge) through a
 * ramp and a small first-order lag, never beyond its rating or what the battery accepts,
 * and reverts to 0 W when its watchdog expires: if neither the setpoint nor the heartbeat
 * was written within `watchdogTimeoutS`, a dead EMS must not leave the battery running.
 *
 * Time is wall-clock ms passed in (`now`); the model keeps no clock and sets no timer.
 */

/** Ratings and dynamics. */
export interface InverterOptions {
  /** Rated charge power, W (>= 0). */
  readonly ratedChargeW: number;
  /** Rated discharge power, W (>= 0). */
  readonly ratedDischargeW: number;
  /** Fastest change of the power reference, W/s. */
  readonly rampWPerS: number;
  /** Time constant of the power stage following the ramped reference, s (0 = none). */
  readonly lagS: number;
  /** Watchdog timeout at start-up, s (writable later, 1..3600). */
  readonly watchdogTimeoutS: number;
  /** Below this |power| with a zero setpoint the inverter reports standby, W. */
  readonly standbyBelowW: number;
  /** Dead time between a setpoint write and the power starting to move, s (>= 0). */
  readonly deadTimeS: number;
  /**
   * What the inverter runs when its watchdog expires, W (positive = discharge): 0 for a
   * device that stops, anything else for one that returns to its own dispatch.
   */
  readonly revertToW: number;
}

/** A 5 kW hybrid-style battery inverter. */
export const DEFAULT_INVERTER: InverterOptions = {
  ratedChargeW: 5_000,
  ratedDischargeW: 5_000,
  rampWPerS: 3_000,
  lagS: 0.3,
  watchdogTimeoutS: 10,
  standbyBelowW: 5,
  deadTimeS: 0,
  revertToW: 0,
};

/** What the battery accepts right now, W (both >= 0). */
export interface PowerBounds {
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
}

/** One watchdog revert: when it happened and the setpoint it dropped. */
export interface WatchdogRevert {
  readonly at: number;
  readonly fromW: number;
}

/** Status codes of the simulated inverter's status register. */
export const INVERTER_STATUS = { off: 0, standby: 1, running: 2, fault: 3 } as const;

function checkTimeout(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3_600) {
    throw new RangeError(
      `watchdog timeout must be a whole number of seconds in 1..3600, got ${seconds}`,
    );
  }
}

/** The simulated battery inverter. */
export class InverterModel {
  private readonly options: InverterOptions;
  private setpoint = 0;
  private heartbeatValue = 0;
  private timeoutS: number;
  private lastRefreshAt: number;
  private lastStepAt: number;
  private expired = false;
  private reference = 0;
  private power = 0;
  private readonly revertLog: WatchdogRevert[] = [];
  /** Setpoints written but still inside the dead time, oldest first. */
  private pending: { readonly at: number; readonly watts: number }[] = [];
  /** The setpoint the power stage acts on (the written one, once its dead time passed). */
  private acting = 0;

  /**
   * @param startAt - wall-clock ms of power-up; the watchdog counts from here.
   * @param options - overrides of {@link DEFAULT_INVERTER}; throws RangeError naming a bad option.
   */
  constructor(startAt: number, options: Partial<InverterOptions> = {}) {
    this.options = { ...DEFAULT_INVERTER, ...options };
    for (const key of [
      'ratedChargeW',
      'ratedDischargeW',
      'rampWPerS',
      'lagS',
      'standbyBelowW',
      'deadTimeS',
    ] as const) {
      const v = this.options[key];
      if (!Number.isFinite(v) || v < 0)
        throw new RangeError(`inverter ${key} must be >= 0, got ${v}`);
    }
    if (!Number.isFinite(this.options.revertToW))
      throw new RangeError(
        `inverter revertToW must be a number of watts, got ${this.options.revertToW}`,
      );
    checkTimeout(this.options.watchdogTimeoutS);
    this.timeoutS = this.options.watchdogTimeoutS;
    this.lastRefreshAt = startAt;
    this.lastStepAt = startAt;
  }

  /** Writes the power setpoint, W (positive = discharge); refreshes the watchdog. */
  writeSetpoint(now: number, watts: number): void {
    if (!Number.isFinite(watts))
      throw new RangeError(`setpoint ${watts} is not a finite number of watts`);
    this.setpoint = watts;
    this.pending.push({ at: now, watts });
    this.refresh(now);
  }

  /** Writes the heartbeat counter; any write refreshes the watchdog. */
  writeHeartbeat(now: number, value: number): void {
    if (!Number.isInteger(value)) throw new RangeError(`heartbeat ${value} is not an integer`);
    this.heartbeatValue = value;
    this.refresh(now);
  }

  /** Sets the watchdog timeout, s (1..3600). Does not refresh the watchdog by itself. */
  writeWatchdogTimeout(seconds: number): void {
    checkTimeout(seconds);
    this.timeoutS = seconds;
  }

  private refresh(now: number): void {
    this.lastRefreshAt = Math.max(this.lastRefreshAt, now);
    this.expired = false;
  }

  /** Last setpoint written, W (the revert power after a watchdog revert). */
  get setpointW(): number {
    return this.setpoint;
  }

  /** Last heartbeat counter value written. */
  get heartbeat(): number {
    return this.heartbeatValue;
  }

  /** Watchdog timeout in force, s. */
  get watchdogTimeoutS(): number {
    return this.timeoutS;
  }

  /** True from the watchdog's expiry until the next setpoint or heartbeat write. */
  get watchdogExpired(): boolean {
    return this.expired;
  }

  /** Every revert so far, oldest first (a revert is logged only when a non-zero setpoint is dropped). */
  get reverts(): readonly WatchdogRevert[] {
    return this.revertLog;
  }

  /** AC active power, W (positive = discharge). */
  get activePowerW(): number {
    return this.power;
  }

  /** Rated charge power, W. */
  get ratedChargeW(): number {
    return this.options.ratedChargeW;
  }

  /** Rated discharge power, W. */
  get ratedDischargeW(): number {
    return this.options.ratedDischargeW;
  }

  /** Status register value: fault when the battery refuses both directions by alarm. */
  statusCode(batteryAlarm: boolean): number {
    if (batteryAlarm) return INVERTER_STATUS.fault;
    const idle = this.setpoint === 0 && Math.abs(this.power) < this.options.standbyBelowW;
    return idle ? INVERTER_STATUS.standby : INVERTER_STATUS.running;
  }

  /**
   * Advances to `now` within the battery's `bounds` and returns the new active power.
   * A `now` earlier than the previous step changes nothing.
   */
  step(now: number, bounds: PowerBounds): number {
    if (!this.expired && now - this.lastRefreshAt >= this.timeoutS * 1_000) {
      this.expired = true;
      const revertTo = this.options.revertToW;
      if (this.setpoint !== revertTo) {
        this.revertLog.push({ at: now, fromW: this.setpoint });
        this.setpoint = revertTo;
      }
      // The device's own dispatch takes over at once; nothing written before still counts.
      this.pending = [];
      this.acting = revertTo;
    }
    // A setpoint whose dead time ends inside this step acts only from that moment on.
    const dead = this.options.deadTimeS * 1_000;
    for (
      let next = this.pending[0];
      next !== undefined && next.at + dead <= now;
      next = this.pending[0]
    ) {
      this.integrate(next.at + dead, bounds);
      this.acting = next.watts;
      this.pending.shift();
    }
    this.integrate(now, bounds);
    return this.power;
  }

  /** Ramp and lag toward the acting setpoint from the last step to `until`. */
  private integrate(until: number, bounds: PowerBounds): void {
    const dtS = Math.max(0, until - this.lastStepAt) / 1_000;
    this.lastStepAt = Math.max(this.lastStepAt, until);
    const low = 0 - Math.min(this.options.ratedChargeW, Math.max(0, bounds.maxChargeW));
    const high = Math.min(this.options.ratedDischargeW, Math.max(0, bounds.maxDischargeW));
    const target = clamp(this.acting, low, high);
    const maxMove = this.options.rampWPerS * dtS;
    // The ramp applies to commanded moves; a shrinking battery limit binds at once (clamp after the ramp).
    this.reference = clamp(
      clamp(target, this.reference - maxMove, this.reference + maxMove),
      low,
      high,
    );
    const follow = this.options.lagS > 0 ? 1 - Math.exp(-dtS / this.options.lagS) : 1;
    // + 0 turns a -0 into 0, so a stopped inverter reads as plain 0 W.
    this.power = clamp(this.power + (this.reference - this.power) * follow, low, high) + 0;
  }
}
