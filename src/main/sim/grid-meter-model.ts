import { rangeHash } from './seeded-hash';

/**
 * The grid meter at the house connection: total and per-phase power (positive = import),
 * phase voltages that sag with import and rise with export as on a real feeder, grid
 * frequency, and import/export energy counters. It integrates what the site model hands it;
 * the energy balance itself is the site model's.
 */

/** Per-phase split of the grid power, W (positive = import). */
export type PhasePowers = readonly [l1: number, l2: number, l3: number];

/** Everything the meter shows at one instant. */
export interface MeterReadings {
  /** Total grid power, W (positive = import). */
  readonly gridPowerW: number;
  readonly powerL1W: number;
  readonly powerL2W: number;
  readonly powerL3W: number;
  readonly voltageL1V: number;
  readonly voltageL2V: number;
  readonly voltageL3V: number;
  readonly frequencyHz: number;
  /** Energy imported since the meter started, Wh. */
  readonly importEnergyWh: number;
  /** Energy exported since the meter started, Wh. */
  readonly exportEnergyWh: number;
  /**
   * Refreshes of the readings since the meter started (an update counter, as some meters
   * and gateways offer): it changes exactly when the powers and voltages are new.
   */
  readonly updateCounter: number;
}

const NOMINAL_V = 230;
/** Feeder impedance seen as volts per kW on a phase: a typical rural line sags ~0.4 V/kW. */
const SAG_V_PER_KW = 0.4;
const SALT_VOLTAGE = 61;
const SALT_FREQ = 62;
const SALT_NOISE = 63;
/**
 * Measurement noise on each phase power, W (uniform, +-): a live meter's reading is never
 * exactly the same twice, so the EMS can tell a new sample from a repeated one.
 */
const NOISE_W = 1.5;

/**
 * The simulated grid meter. Like a real one it refreshes its readings on its own cadence
 * (`refreshPeriodMs` of wall time; 0 = on every update) and answers with the last refresh
 * in between; each refresh carries a little noise and bumps the update counter. The energy
 * counters are always current.
 */
export class GridMeterModel {
  private phases: PhasePowers = [0, 0, 0];
  private shown: PhasePowers = [0, 0, 0];
  private shownAtS = 0;
  private importWh = 0;
  private exportWh = 0;
  private simTimeS = 0;
  private refreshes = 0;
  private nextRefreshAt = -Infinity;

  /**
   * @param seed - seeds the small power, voltage and frequency noise.
   * @param refreshPeriodMs - how often the readings refresh, wall ms (0 = every update).
   */
  constructor(
    private readonly seed: number,
    private readonly refreshPeriodMs = 0,
  ) {
    if (!(refreshPeriodMs >= 0 && Number.isFinite(refreshPeriodMs)))
      throw new RangeError(`meter refresh period ${refreshPeriodMs} ms must be >= 0`);
  }

  /**
   * Records the phase powers at simulation time `simTimeS` (wall time `atMs`) and adds `dtS`
   * seconds of them to the energy counters (phases netted, as a bidirectional meter counts).
   * `frozen`: the readings stay as they were (a stuck meter).
   */
  update(simTimeS: number, dtS: number, phases: PhasePowers, atMs = 0, frozen = false): void {
    if (!(dtS >= 0)) throw new RangeError(`meter update: dt ${dtS} must be >= 0`);
    if (!phases.every(Number.isFinite))
      throw new RangeError('meter update: phase power is not finite');
    this.phases = phases;
    this.simTimeS = simTimeS;
    const total = phases[0] + phases[1] + phases[2];
    if (total > 0) this.importWh += (total * dtS) / 3_600;
    else this.exportWh += (-total * dtS) / 3_600;
    // A frozen meter (the injected `meterStuck` fault) keeps counting energy but never refreshes.
    if (!frozen && (this.refreshPeriodMs === 0 || atMs >= this.nextRefreshAt)) this.refresh(atMs);
  }

  private refresh(atMs: number): void {
    this.refreshes += 1;
    const noise = (phase: number): number =>
      rangeHash(-NOISE_W, NOISE_W, this.seed, SALT_NOISE, phase, this.refreshes);
    const [l1, l2, l3] = this.phases;
    this.shown = [l1 + noise(1), l2 + noise(2), l3 + noise(3)];
    this.shownAtS = this.simTimeS;
    const period = this.refreshPeriodMs;
    if (period > 0) this.nextRefreshAt = (Math.floor(atMs / period) + 1) * period;
  }

  /** Total grid power, W (positive = import). */
  get gridPowerW(): number {
    return this.phases[0] + this.phases[1] + this.phases[2];
  }

  /** The meter's registers' worth of values, as of its last refresh. */
  readings(): MeterReadings {
    const bucket = Math.floor(this.shownAtS / 2);
    const volts = (phaseW: number, phase: number): number =>
      NOMINAL_V -
      (SAG_V_PER_KW * phaseW) / 1_000 +
      rangeHash(-0.5, 0.5, this.seed, SALT_VOLTAGE, phase, bucket);
    const [l1, l2, l3] = this.shown;
    return {
      gridPowerW: l1 + l2 + l3,
      powerL1W: l1,
      powerL2W: l2,
      powerL3W: l3,
      voltageL1V: volts(l1, 1),
      voltageL2V: volts(l2, 2),
      voltageL3V: volts(l3, 3),
      frequencyHz:
        50 +
        0.02 * Math.sin((2 * Math.PI * this.shownAtS) / 600) +
        rangeHash(-0.005, 0.005, this.seed, SALT_FREQ, bucket),
      importEnergyWh: this.importWh,
      exportEnergyWh: this.exportWh,
      updateCounter: this.refreshes,
    };
  }
}
