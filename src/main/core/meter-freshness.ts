import type { CoreConfig } from './core-config';
import type { Measurements } from './measurements';
import { finiteOrNull, isRecord, nonNegative } from './safe-values';

/**
 * Whether the grid meter delivered a NEW sample, and how long its value has been frozen.
 *
 * A real meter refreshes its registers on its own cadence (about once a second, sometimes
 * slower); polling it faster returns the same sample again. The self-consumption law must
 * act once per sample, not once per poll, or it adds the same grid error several times. A
 * sample is new when the meter's update counter changed (where its profile names one: a
 * counter or time stamp the meter bumps on every refresh), else when the value changed. A
 * meter that keeps answering with one frozen value for longer than `meterMaxHoldMs` is
 * faulty (METER_STALE): on a live site the grid power is never exactly constant for long.
 */
export interface MeterFreshness {
  /** The grid value of the last sample seen, W; null before one. */
  readonly value: number | null;
  /** The update counter of the last sample seen; null when the meter has none. */
  readonly counter: number | null;
  /** When the meter last showed a new sample, ms; null before one (or after the link dropped). */
  readonly changedAt: number | null;
  /** True when this step's sample is new: the law may act on it. */
  readonly newSample: boolean;
}

/** Before the first sample. */
export const INITIAL_METER_FRESHNESS: MeterFreshness = {
  value: null,
  counter: null,
  changedAt: null,
  newSample: false,
};

/** The update counter a meter sample carries, if any (a finite number). */
function counterOf(m: Measurements): number | null {
  const grid: unknown = isRecord(m) ? m.grid : null;
  return isRecord(grid) ? finiteOrNull(grid.updateCounter) : null;
}

/**
 * Freshness after this step. `gridW` is the fresh, well-formed grid value of this step (null
 * when the link gives none); the counter, when the sample has one, decides alone.
 */
export function updateMeterFreshness(
  prev: MeterFreshness,
  gridW: number | null,
  m: Measurements,
  now: number,
): MeterFreshness {
  if (gridW === null) return { ...prev, changedAt: null, newSample: false };
  const counter = counterOf(m);
  const first = prev.changedAt === null;
  const isNew = first || (counter !== null ? counter !== prev.counter : gridW !== prev.value);
  return {
    value: gridW,
    counter,
    changedAt: isNew ? now : prev.changedAt,
    newSample: isNew,
  };
}

/** The longest a meter value may stay frozen, ms (the site's `meterMaxHoldS`). */
export function meterMaxHoldMs(config: CoreConfig): number {
  return nonNegative(config.meterMaxHoldMs);
}

/**
 * Why the meter is stale (its value frozen beyond the maximum hold), in words; null while it
 * is not. Only judged while samples arrive: a meter that stops answering is a comm loss.
 */
export function meterStaleReason(
  f: MeterFreshness,
  now: number,
  config: CoreConfig,
): string | null {
  if (f.changedAt === null || f.value === null) return null;
  const frozenMs = now - f.changedAt;
  const maxMs = meterMaxHoldMs(config);
  if (!(frozenMs > maxMs)) return null;
  const what = f.counter !== null ? `update counter stuck at ${f.counter}` : `value frozen`;
  return `Meter ${what} at ${f.value} W for ${(frozenMs / 1000).toFixed(1)} s (limit ${(maxMs / 1000).toFixed(0)} s): it answers, but gives no new sample`;
}
