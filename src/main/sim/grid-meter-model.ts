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
}

const NOMINAL_V = 230;
/** Feeder impedance seen as volts per kW on a phase: a typical rural line sags ~0.4 V/kW. */
const SAG_V_PER_KW = 0.4;
const SALT_VOLTAGE = 61;
const SALT_FREQ = 62;

/** The simulated grid meter. */
export class GridMeterModel {
  private phases: PhasePowers = [0, 0, 0];
  private importWh = 0;
  private exportWh = 0;
  private simTimeS = 0;

  /** @param seed - seeds the small voltage and frequency noise. */
  constructor(private readonly seed: number) {}

  /**
   * Records the phase powers at simulation time `simTimeS` and adds `dtS` seconds of them
   * to the energy counters (phases netted, as a bidirectional meter counts).
   */
  update(simTimeS: number, dtS: number, phases: PhasePowers): void {
    if (!(dtS >= 0)) throw new RangeError(`meter update: dt ${dtS} must be >= 0`);
    if (!phases.every(Number.isFinite))
      throw new RangeError('meter update: phase power is not finite');
    this.phases = phases;
    this.simTimeS = simTimeS;
    const total = phases[0] + phases[1] + phases[2];
    if (total > 0) this.importWh += (total * dtS) / 3_600;
    else this.exportWh += (-total * dtS) / 3_600;
  }

  /** Total grid power, W (positive = import). */
  get gridPowerW(): number {
    return this.phases[0] + this.phases[1] + this.phases[2];
  }

  /** The meter's registers' worth of values. */
  readings(): MeterReadings {
    const bucket = Math.floor(this.simTimeS / 2);
    const volts = (phaseW: number, phase: number): number =>
      NOMINAL_V -
      (SAG_V_PER_KW * phaseW) / 1_000 +
      rangeHash(-0.5, 0.5, this.seed, SALT_VOLTAGE, phase, bucket);
    const [l1, l2, l3] = this.phases;
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
        0.02 * Math.sin((2 * Math.PI * this.simTimeS) / 600) +
        rangeHash(-0.005, 0.005, this.seed, SALT_FREQ, bucket),
      importEnergyWh: this.importWh,
      exportEnergyWh: this.exportWh,
    };
  }
}
