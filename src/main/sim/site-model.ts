import { BatteryModel } from './battery-model';
import type { BatteryOptions } from './battery-options';
import { GridMeterModel, type PhasePowers } from './grid-meter-model';
import { InverterModel, type InverterOptions } from './inverter-model';
import { DEFAULT_LOAD_PROFILE, houseLoad, type LoadProfileOptions } from './load-profile';
import { DEFAULT_PV_PROFILE, pvPower, type PvProfileOptions } from './pv-profile';
import { INJECTED_BMS_ALARM, SIM_FAULTS, type SimFault } from './sim-faults';

/**
 * One simulated site: house load, PV, battery, inverter and the grid meter, tied by the
 * energy balance grid = load - PV - inverter (positive = import; inverter positive =
 * discharge). `advance(now)` takes wall-clock ms; the model never reads a clock itself.
 *
 * Time acceleration (`speed`) applies to the slow world only: the time of day of load and
 * PV, battery energy and temperature. The inverter's ramp, lag and watchdog stay on wall
 * time, because the EMS talking to it runs on wall time: at speed 60 a day passes in 24
 * minutes, yet a setpoint still has to be refreshed every few real seconds.
 */

/** How to build a site. */
export interface SiteModelOptions {
  /** Wall-clock ms at which the site starts. */
  readonly startAt: number;
  /** Seed of load and weather; the same seed replays the same day. Default 1. */
  readonly seed?: number;
  /** Default 50 %. */
  readonly initialSocPct?: number;
  /** Simulated seconds per wall second for load, PV and battery energy (default 1, max 10 000). */
  readonly speed?: number;
  /** Time of day the simulation starts at, s after midnight (default 12:00, so PV is up). */
  readonly startTimeOfDayS?: number;
  /**
   * 'local': this model owns battery and inverter. 'remote': the inverter runs elsewhere and
   * its power is fed in with {@link SiteModel.setRemoteInverterPowerW} (meter-only process).
   */
  readonly inverterSource?: 'local' | 'remote';
  readonly load?: Partial<LoadProfileOptions>;
  readonly pv?: Partial<PvProfileOptions>;
  readonly battery?: Partial<BatteryOptions>;
  readonly inverter?: Partial<InverterOptions>;
  /** How often the grid meter refreshes its readings, wall ms (default 0: on every update). */
  readonly meterPeriodMs?: number;
}

/** The site at a glance, for status lines and tests. */
export interface SiteSnapshot {
  /** Simulation time, s since midnight of day 0. */
  readonly simTimeS: number;
  readonly loadW: number;
  readonly pvW: number;
  /** Inverter AC power, W (positive = discharge). */
  readonly inverterW: number;
  /** Grid power, W (positive = import). */
  readonly gridW: number;
  readonly socPct: number;
  readonly setpointW: number;
  readonly faults: readonly SimFault[];
}

/** Longest integration step; longer gaps (a paused process) are cut into steps this long. */
const MAX_STEP_MS = 1_000;
const MAX_STEPS = 10_000;

/** The whole simulated site. */
export class SiteModel {
  /** The pack and its BMS (not stepped in 'remote' mode). */
  readonly battery: BatteryModel;
  /** The inverter; tests and the console may write it directly (not stepped in 'remote' mode). */
  readonly inverter: InverterModel;
  readonly meter: GridMeterModel;
  readonly seed: number;
  /** Simulated seconds per wall second. */
  readonly speed: number;
  readonly inverterSource: 'local' | 'remote';
  private readonly loadOptions: LoadProfileOptions;
  private readonly pvOptions: PvProfileOptions;
  private readonly activeFaults = new Set<SimFault>();
  private lastAt: number;
  private simTime: number;
  private load = 0;
  private pv = 0;
  private inverterPower = 0;
  private remotePower = 0;

  /** Throws RangeError naming the first bad option. */
  constructor(options: SiteModelOptions) {
    if (!Number.isFinite(options.startAt))
      throw new RangeError(`site startAt ${options.startAt} is not a time`);
    this.seed = options.seed ?? 1;
    if (!Number.isInteger(this.seed))
      throw new RangeError(`site seed must be an integer, got ${this.seed}`);
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0 && this.speed <= 10_000))
      throw new RangeError(`site speed must be in (0, 10000], got ${this.speed}`);
    const startTod = options.startTimeOfDayS ?? 12 * 3_600;
    if (!(startTod >= 0 && startTod < 86_400))
      throw new RangeError(`site startTimeOfDayS must be in [0, 86400), got ${startTod}`);
    this.inverterSource = options.inverterSource ?? 'local';
    this.loadOptions = { ...DEFAULT_LOAD_PROFILE, ...options.load };
    this.pvOptions = { ...DEFAULT_PV_PROFILE, ...options.pv };
    this.battery = new BatteryModel({
      ...options.battery,
      initialSocPct: options.initialSocPct ?? options.battery?.initialSocPct ?? 50,
    });
    this.inverter = new InverterModel(options.startAt, options.inverter);
    this.meter = new GridMeterModel(this.seed, options.meterPeriodMs ?? 0);
    this.lastAt = options.startAt;
    this.simTime = startTod;
    this.integrate(0, options.startAt);
  }

  /** Brings the whole site to wall-clock time `now` (ms). An earlier `now` changes nothing. */
  advance(now: number): void {
    if (!Number.isFinite(now)) throw new RangeError(`site advance: ${now} is not a time`);
    const gap = now - this.lastAt;
    if (gap <= 0) return;
    const steps = Math.min(MAX_STEPS, Math.ceil(gap / MAX_STEP_MS));
    for (let i = 1; i <= steps; i += 1) {
      const at = this.lastAt + (gap * i) / steps;
      this.integrate(gap / steps / 1_000, at);
    }
    this.lastAt = now;
  }

  private integrate(wallDtS: number, at: number): void {
    const dtS = wallDtS * this.speed;
    this.simTime += dtS;
    const load = houseLoad(this.simTime, this.seed, this.loadOptions);
    this.load = load.totalW;
    this.pv = pvPower(this.simTime, this.seed, this.pvOptions).powerW;
    if (this.inverterSource === 'local') {
      this.inverterPower = this.inverter.step(at, this.battery.powerBounds());
      this.battery.step(dtS, this.inverterPower);
    } else {
      this.inverterPower = this.remotePower;
    }
    // Appliances sit on fixed phases (unbalance is realistic); PV and inverter are three-phase.
    const even = (load.baseW + load.routineW - this.pv - this.inverterPower) / 3;
    const phases: PhasePowers = [even + load.kettleW, even + load.ovenW, even + load.fridgeW];
    this.meter.update(this.simTime, dtS, phases, at, this.activeFaults.has('meterStuck'));
  }

  /** Inverter power measured by the remote inverter process, W; null (unreachable) counts as 0 W. */
  setRemoteInverterPowerW(watts: number | null): void {
    this.remotePower = watts !== null && Number.isFinite(watts) ? watts : 0;
  }

  /** Injects or clears a fault. */
  setFault(fault: SimFault, active: boolean): void {
    if (!SIM_FAULTS.includes(fault))
      throw new RangeError(`unknown fault "${String(fault)}" (known: ${SIM_FAULTS.join(', ')})`);
    if (active) this.activeFaults.add(fault);
    else this.activeFaults.delete(fault);
    if (fault === 'bmsAlarm') this.battery.setAlarm(INJECTED_BMS_ALARM, active);
    if (fault === 'bmsNoDischarge') this.battery.setDischargeBlocked(active);
  }

  /** Whether a fault is injected. */
  hasFault(fault: SimFault): boolean {
    return this.activeFaults.has(fault);
  }

  /** Simulation time, s since midnight of day 0. */
  get simTimeS(): number {
    return this.simTime;
  }

  /** House load, W. */
  get loadW(): number {
    return this.load;
  }

  /** PV production, W. */
  get pvW(): number {
    return this.pv;
  }

  /** Inverter AC power in the balance, W (positive = discharge). */
  get inverterW(): number {
    return this.inverterPower;
  }

  /** Grid power, W (positive = import): load - PV - inverter. */
  get gridW(): number {
    return this.meter.gridPowerW;
  }

  /** The site at a glance. */
  snapshot(): SiteSnapshot {
    return {
      simTimeS: this.simTime,
      loadW: this.load,
      pvW: this.pv,
      inverterW: this.inverterPower,
      gridW: this.gridW,
      socPct: this.battery.socPct,
      setpointW: this.inverter.setpointW,
      faults: [...this.activeFaults],
    };
  }
}
