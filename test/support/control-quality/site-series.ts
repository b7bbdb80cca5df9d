import { InverterModel } from '../../../src/main/sim/inverter-model';
import { clamp } from '../../../src/main/sim/piecewise';
import { ReversalCounter } from './metrics';

/**
 * Control quality over a site's own recorded time series (the pymodbus site's "samples"):
 * the same measures as the simulated days (grid exchange against no battery, reversals with
 * the {@link ReversalCounter}), and the ramp-limited oracle replayed over the same load and
 * PV. The oracle knows load and PV one sample ahead and commands exactly what puts the grid
 * at 0 W, within the battery's rating; its inverter is the simulator's model with the site's
 * ramp and no lag, so it moves as fast as the ramp allows and no faster.
 */

/** The recorded samples: times in s, powers in W (battery positive = discharge, grid positive = import). */
export interface SiteSeries {
  readonly t: readonly number[];
  readonly load: readonly number[];
  readonly pv: readonly number[];
  readonly battery: readonly number[];
  readonly grid: readonly number[];
  /** The battery power the device controls commanded (before ramp and lag). */
  readonly target: readonly number[];
}

const FIELDS = ['t', 'load', 'pv', 'battery', 'grid', 'target'] as const;

/** Parses the site's JSON samples line; throws naming the field that is wrong. */
export function parseSeries(json: string): SiteSeries {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const n = Array.isArray(raw['t']) ? raw['t'].length : -1;
  for (const f of FIELDS) {
    const v = raw[f];
    if (!Array.isArray(v) || v.length !== n || !v.every((x) => typeof x === 'number'))
      throw new Error(`samples: "${f}" is not a list of ${n} numbers`);
  }
  return raw as unknown as SiteSeries;
}

/** One way of running the battery over the series. */
export interface SeriesFigures {
  /** Time-weighted mean |grid|, W. */
  readonly meanAbsGridW: number;
  /** 1 - mean |grid| / mean |grid without battery|. */
  readonly reduction: number;
  readonly reversals: number;
}

/** The site's physics the oracle is held to. */
export interface OracleLimits {
  readonly rampWPerS: number;
  /** The battery's charge and discharge rating, W. */
  readonly ratedW: number;
  /**
   * Time constant after the ramp, s (default 0: the oracle proper). The device's own lag
   * here gives what a controller knowing load and PV ahead could reach through this device.
   */
  readonly lagS?: number;
}

/** Time-weighted mean |x| over the intervals (t[i-1], t[i]], taking x at the interval's end. */
function meanAbs(t: readonly number[], x: (i: number) => number): number {
  let sum = 0;
  for (let i = 1; i < t.length; i++) sum += Math.abs(x(i)) * ((t[i] ?? 0) - (t[i - 1] ?? 0));
  const span = (t.at(-1) ?? 0) - (t[0] ?? 0);
  return span > 0 ? sum / span : Number.NaN;
}

function figures(s: SiteSeries, grid: (i: number) => number, battery: number[]): SeriesFigures {
  const none = noBatteryMeanAbsW(s);
  const meanAbsGridW = meanAbs(s.t, grid);
  const reversals = new ReversalCounter();
  for (const w of battery.slice(1)) reversals.feed(w);
  return { meanAbsGridW, reduction: 1 - meanAbsGridW / none, reversals: reversals.count };
}

/** Mean |grid| with no battery at all, W. */
export function noBatteryMeanAbsW(s: SiteSeries): number {
  return meanAbs(s.t, (i) => (s.load[i] ?? 0) - (s.pv[i] ?? 0));
}

/** The figures of the battery as it ran (the EMS through the device). */
export function measuredFigures(s: SiteSeries): SeriesFigures {
  return figures(s, (i) => s.grid[i] ?? 0, [...s.battery]);
}

/**
 * The oracle over the same load and PV: it starts where the battery stood at the first
 * sample (ramped there beforehand), then at each sample commands the next sample's
 * load - PV, clamped to the rating, through a lag-free inverter with the site's ramp.
 */
export function oracleFigures(s: SiteSeries, limits: OracleLimits): SeriesFigures {
  const ms = (i: number): number => (s.t[i] ?? 0) * 1000;
  const bounds = { maxChargeW: limits.ratedW, maxDischargeW: limits.ratedW };
  const warmUpMs = ms(0) - 60_000;
  const inverter = new InverterModel(warmUpMs, {
    ratedChargeW: limits.ratedW,
    ratedDischargeW: limits.ratedW,
    rampWPerS: limits.rampWPerS,
    lagS: limits.lagS ?? 0,
    watchdogTimeoutS: 3600,
  });
  inverter.writeSetpoint(warmUpMs, s.battery[0] ?? 0);
  const battery = [inverter.step(ms(0), bounds)];
  for (let i = 1; i < s.t.length; i++) {
    const wanted = (s.load[i] ?? 0) - (s.pv[i] ?? 0);
    inverter.writeSetpoint(ms(i - 1), clamp(wanted, -limits.ratedW, limits.ratedW));
    battery.push(inverter.step(ms(i), bounds));
  }
  return figures(s, (i) => (s.load[i] ?? 0) - (s.pv[i] ?? 0) - (battery[i] ?? 0), battery);
}
