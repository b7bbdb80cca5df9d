import type { SiteModel } from '../../../src/main/sim/site-model';

/**
 * What the control-quality bench measures on a simulated day, the same way for the EMS, the
 * oracle and the site without a battery: grid energy from the simulated meter's counters,
 * charge/discharge reversals and the overshoot after each load step, both from the truth of
 * the site model sampled on a fixed tick.
 */

/** A reversal: the inverter's power crosses from beyond -this to beyond +this or back, W. */
export const REVERSAL_THRESHOLD_W = 50;
/** A load change at least this large from one sample to the next is a step, W. */
export const STEP_MIN_W = 500;
/** How long after a step its overshoot is looked for, ms. */
export const OVERSHOOT_WINDOW_MS = 10_000;

/** Counts charge/discharge reversals with a hysteresis of ±threshold. */
export class ReversalCounter {
  private direction: -1 | 0 | 1 = 0;
  count = 0;

  constructor(private readonly thresholdW: number = REVERSAL_THRESHOLD_W) {}

  /** Feeds one sample of inverter power, W (positive = discharge). */
  feed(powerW: number): void {
    const now = powerW > this.thresholdW ? 1 : powerW < -this.thresholdW ? -1 : 0;
    if (now === 0) return;
    if (this.direction !== 0 && now !== this.direction) this.count++;
    this.direction = now;
  }
}

/** The worst overshoot seen: how far the grid went past its target against the step. */
export interface Overshoot {
  readonly overshootW: number;
  /** The step that caused it, W (positive = load went up). */
  readonly stepW: number;
  /** Time of the step, s after midnight. */
  readonly atS: number;
}

/**
 * Finds load steps and the overshoot after each: a load going up pushes the grid to import,
 * the battery answers by discharging more; if it answers too much the grid swings to export.
 * That swing past the target, within {@link OVERSHOOT_WINDOW_MS}, beyond where the grid
 * already stood on that side before the step, is the overshoot. (With the battery full
 * and the house exporting, a kettle only lowers the export: no overshoot.)
 */
export class OvershootTracker {
  private lastLoadW: number | null = null;
  private lastErrorW = 0;
  private open: {
    sign: 1 | -1;
    stepW: number;
    atS: number;
    untilMs: number;
    /** How far past the target against the step the grid already was before it, W (>= 0). */
    before: number;
    worst: number;
  } | null = null;
  /** Steps seen. */
  steps = 0;
  worst: Overshoot = { overshootW: 0, stepW: 0, atS: 0 };

  /** Feeds one sample: time, house load and grid error (grid - target), all in W. */
  feed(nowMs: number, simTimeS: number, loadW: number, gridErrorW: number): void {
    const previous = this.lastLoadW;
    const errorBefore = this.lastErrorW;
    this.lastLoadW = loadW;
    this.lastErrorW = gridErrorW;
    if (this.open !== null && nowMs > this.open.untilMs) this.close();
    if (previous !== null && Math.abs(loadW - previous) >= STEP_MIN_W) {
      this.close();
      this.steps++;
      const stepW = loadW - previous;
      const sign = stepW > 0 ? 1 : -1;
      this.open = {
        sign,
        stepW,
        atS: simTimeS,
        untilMs: nowMs + OVERSHOOT_WINDOW_MS,
        before: Math.max(0, -sign * errorBefore),
        worst: 0,
      };
      return;
    }
    if (this.open !== null)
      this.open.worst = Math.max(this.open.worst, -this.open.sign * gridErrorW - this.open.before);
  }

  /** Ends the open window, if any. */
  close(): void {
    const o = this.open;
    this.open = null;
    if (o !== null && o.worst > this.worst.overshootW)
      this.worst = { overshootW: o.worst, stepW: o.stepW, atS: o.atS };
  }
}

/** One day's figures for one way of running the battery. */
export interface DayFigures {
  readonly importKwh: number;
  readonly exportKwh: number;
  /** Import + export. */
  readonly exchangeKwh: number;
  readonly reversals: number;
  readonly reversalsPerHour: number;
  readonly loadSteps: number;
  readonly worstOvershoot: Overshoot;
  /** Energy through the inverter, either way, kWh. */
  readonly throughputKwh: number;
  readonly endSocPct: number;
  /** Simulated hours covered. */
  readonly hours: number;
}

/** Samples a site model on a fixed tick and turns the samples into {@link DayFigures}. */
export class DayRecorder {
  private readonly reversals = new ReversalCounter();
  private readonly overshoot = new OvershootTracker();
  private readonly startImportWh: number;
  private readonly startExportWh: number;
  private readonly startMs: number;
  private lastMs: number;
  private throughputWh = 0;

  constructor(
    private readonly model: SiteModel,
    nowMs: number,
    private readonly gridTargetW: number,
  ) {
    const r = model.meter.readings();
    this.startImportWh = r.importEnergyWh;
    this.startExportWh = r.exportEnergyWh;
    this.startMs = nowMs;
    this.lastMs = nowMs;
  }

  /** Takes one sample at `nowMs`; the model must already be advanced to it. */
  sample(nowMs: number): void {
    const m = this.model;
    this.throughputWh += (Math.abs(m.inverterW) * (nowMs - this.lastMs)) / 3_600_000;
    this.lastMs = nowMs;
    this.reversals.feed(m.inverterW);
    this.overshoot.feed(nowMs, m.simTimeS, m.loadW, m.gridW - this.gridTargetW);
  }

  /** The figures so far. */
  figures(): DayFigures {
    this.overshoot.close();
    const r = this.model.meter.readings();
    const importKwh = (r.importEnergyWh - this.startImportWh) / 1000;
    const exportKwh = (r.exportEnergyWh - this.startExportWh) / 1000;
    const hours = (this.lastMs - this.startMs) / 3_600_000;
    return {
      importKwh,
      exportKwh,
      exchangeKwh: importKwh + exportKwh,
      reversals: this.reversals.count,
      reversalsPerHour: hours > 0 ? this.reversals.count / hours : 0,
      loadSteps: this.overshoot.steps,
      worstOvershoot: this.overshoot.worst,
      throughputKwh: this.throughputWh / 1000,
      endSocPct: this.model.battery.socPct,
      hours,
    };
  }
}
