import { ZERO_ENERGY, type EnergyCounters } from '../../shared/energy';

/**
 * Integrates power samples into energy counters by the trapezoid rule. Pure: the caller passes
 * every sample with its time and the local day it belongs to; nothing here reads a clock.
 * Only fresh samples count: a null (stale or missing) sample ends the segment, and a gap
 * longer than `maxGapMs` between two samples is skipped, not bridged.
 */

/** A power reading and when it was taken, ms on the runtime's clock. */
export interface PowerPoint {
  readonly at: number;
  readonly watts: number;
}

/** The meter's own energy counters at one read, Wh; null for a counter the meter does not have. */
export interface MeterCounters {
  readonly at: number;
  readonly importWh: number | null;
  readonly exportWh: number | null;
}

/** Everything the integrator carries from one step to the next. */
export interface EnergyState {
  /** Local day the `today` counters belong to, "YYYY-MM-DD". */
  readonly day: string;
  readonly today: EnergyCounters;
  readonly session: EnergyCounters;
  readonly lastGrid: PowerPoint | null;
  readonly lastInverter: PowerPoint | null;
  readonly lastPv: PowerPoint | null;
  readonly lastGridCounters: MeterCounters | null;
}

/** One step's fresh samples; null for a link that is stale or has no value. */
export interface EnergyInputs {
  /** Local day of this step, "YYYY-MM-DD": a new day starts the `today` counters at zero. */
  readonly day: string;
  /** Grid power, W (positive = import). */
  readonly grid: PowerPoint | null;
  /** Inverter power, W (positive = discharge). */
  readonly inverter: PowerPoint | null;
  /** PV power, W (>= 0); null where the site does not measure PV. */
  readonly pv: PowerPoint | null;
  /**
   * The meter's own counters read with `grid`, where its profile has them: grid import and
   * export then come from their increase rather than from the integrated power. Null or
   * absent: no counters this step.
   */
  readonly gridCounters?: MeterCounters | null;
  /** Longest interval between two samples that is still integrated, ms. */
  readonly maxGapMs: number;
}

/** The integrator's state at start: today's counters may be restored from the session store. */
export function createEnergyState(day: string, today: EnergyCounters = ZERO_ENERGY): EnergyState {
  return {
    day,
    today,
    session: ZERO_ENERGY,
    lastGrid: null,
    lastInverter: null,
    lastPv: null,
    lastGridCounters: null,
  };
}

/** The local calendar day of a wall-clock time, "YYYY-MM-DD". */
export function localDay(wallMs: number): string {
  const d = new Date(wallMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Energy of a straight segment from `a` W to `b` W over `hours`, split into its positive and
 * negative parts (both >= 0, Wh). A segment crossing zero is split at the crossing.
 */
export function splitTrapezoid(a: number, b: number, hours: number): { pos: number; neg: number } {
  if (a >= 0 && b >= 0) return { pos: ((a + b) / 2) * hours, neg: 0 };
  if (a <= 0 && b <= 0) return { pos: 0, neg: (-(a + b) / 2) * hours };
  const span = Math.abs(a) + Math.abs(b);
  const high = Math.max(a, b);
  const low = Math.min(a, b);
  return { pos: ((high * high) / span / 2) * hours, neg: ((low * low) / span / 2) * hours };
}

interface Segment {
  readonly pos: number;
  readonly neg: number;
}

const NONE: Segment = { pos: 0, neg: 0 };

/** The energy since `last`, or nothing when there is no usable pair of samples. */
function segment(last: PowerPoint | null, next: PowerPoint | null, maxGapMs: number): Segment {
  if (last === null || next === null) return NONE;
  const dt = next.at - last.at;
  if (!(dt > 0) || dt > maxGapMs) return NONE;
  if (!Number.isFinite(last.watts) || !Number.isFinite(next.watts)) return NONE;
  return splitTrapezoid(last.watts, next.watts, dt / 3_600_000);
}

/**
 * One counter's increase since `last`, Wh, under the same rules as a power segment: nothing
 * without a usable pair or across a gap longer than `maxGapMs`. A counter that went back was
 * reset or replaced, so that step counts nothing rather than a negative or a jump.
 */
function counterIncrease(
  last: MeterCounters | null,
  next: MeterCounters,
  pick: (c: MeterCounters) => number | null,
  maxGapMs: number,
): number {
  const a = last === null ? null : pick(last);
  const b = pick(next);
  if (last === null || a === null || b === null) return 0;
  const dt = next.at - last.at;
  if (!(dt > 0) || dt > maxGapMs) return 0;
  return b > a ? b - a : 0;
}

/**
 * The grid's energy this step: from the meter's own counter where it has one (it measures
 * continuously, between our polls too), else from the integrated power.
 */
function gridSegment(state: EnergyState, inputs: EnergyInputs): Segment {
  const power = segment(state.lastGrid, inputs.grid, inputs.maxGapMs);
  const next = inputs.gridCounters ?? null;
  if (next === null) return power;
  const last = state.lastGridCounters;
  return {
    pos:
      next.importWh === null
        ? power.pos
        : counterIncrease(last, next, (c) => c.importWh, inputs.maxGapMs),
    neg:
      next.exportWh === null
        ? power.neg
        : counterIncrease(last, next, (c) => c.exportWh, inputs.maxGapMs),
  };
}

/** The sample to keep for the next step: a repeated sample keeps the older one. */
function keep<T extends { readonly at: number }>(last: T | null, next: T | null): T | null {
  if (next === null) return null;
  if (last !== null && next.at <= last.at) return last;
  return next;
}

function add(
  c: EnergyCounters,
  grid: Segment,
  inverter: Segment,
  pv: Segment,
  pvSeen: boolean,
): EnergyCounters {
  return {
    gridImportWh: c.gridImportWh + grid.pos,
    gridExportWh: c.gridExportWh + grid.neg,
    dischargeWh: c.dischargeWh + inverter.pos,
    chargeWh: c.chargeWh + inverter.neg,
    pvWh: pvSeen ? (c.pvWh ?? 0) + pv.pos : c.pvWh,
  };
}

/** Adds one step's samples to the counters. */
export function integrateEnergy(state: EnergyState, inputs: EnergyInputs): EnergyState {
  const grid = gridSegment(state, inputs);
  const inverter = segment(state.lastInverter, inputs.inverter, inputs.maxGapMs);
  const pv = segment(state.lastPv, inputs.pv, inputs.maxGapMs);
  const pvSeen = inputs.pv !== null;
  // The segment that crosses midnight counts for the new day.
  const today = inputs.day === state.day ? state.today : ZERO_ENERGY;
  return {
    day: inputs.day,
    today: add(today, grid, inverter, pv, pvSeen),
    session: add(state.session, grid, inverter, pv, pvSeen),
    lastGrid: keep(state.lastGrid, inputs.grid),
    lastInverter: keep(state.lastInverter, inputs.inverter),
    lastPv: keep(state.lastPv, inputs.pv),
    lastGridCounters: keep(state.lastGridCounters, inputs.gridCounters ?? null),
  };
}
