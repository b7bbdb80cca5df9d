import type { EnergyCounters } from '../../shared/energy';
import type { CoreState } from '../core';
import type { InverterReading, MeterSample, Sample } from '../core/measurements';
import { controlledPowerW } from '../core/measurements';
import {
  createEnergyState,
  integrateEnergy,
  type EnergyState,
  type MeterCounters,
  type PowerPoint,
} from './energy-integrator';

/** Today's energy counters with the local day they belong to (what the session store keeps). */
export interface EnergyToday {
  readonly day: string;
  readonly today: EnergyCounters;
}

/** This cycle's samples, as the runtime holds them after its reads. */
export interface EnergyCycle {
  /** The cycle's time, ms: a sample read at another time is not this cycle's. */
  readonly at: number;
  /** The local day of this cycle, "YYYY-MM-DD". */
  readonly day: string;
  readonly core: CoreState;
  readonly grid: MeterSample | null;
  readonly inverter: Sample<InverterReading> | null;
  /** The meter's own energy counters from its last good read; null when it has none. */
  readonly gridCounters: MeterCounters | null;
  /** Longest interval still integrated, ms. */
  readonly maxGapMs: number;
}

/**
 * The runtime's energy counters: feeds the pure integrator with the fresh samples of each
 * cycle. A link the core does not call healthy gives no sample, so its gap is skipped rather
 * than filled.
 */
export class EnergyTracker {
  private state: EnergyState;

  /** Starts today's counters at zero, or at `restored` when it is from today. */
  constructor(day: string, restored: EnergyToday | null | undefined) {
    this.state = createEnergyState(day, restored?.day === day ? restored.today : undefined);
  }

  /** The integrator's state, for the snapshot. */
  get current(): EnergyState {
    return this.state;
  }

  /** Today's counters with their day, for the session store (saved across restarts). */
  today(): EnergyToday {
    return { day: this.state.day, today: this.state.today };
  }

  /** Adds one cycle's fresh samples to the counters. */
  add(c: EnergyCycle): void {
    const fresh = <T>(
      link: 'meter' | 'inverter',
      sample: Sample<T> | null,
      watts: (v: T) => number,
    ): PowerPoint | null =>
      c.core.links[link] === 'ok' && sample !== null && sample.at === c.at
        ? { at: c.at, watts: watts(sample.value) }
        : null;
    this.state = integrateEnergy(this.state, {
      day: c.day,
      grid: fresh('meter', c.grid, (w) => w),
      // Battery energy is the controlled quantity: the battery's own power on a hybrid
      // (whose AC power includes its PV), the AC power on an AC-coupled inverter.
      inverter: fresh('inverter', c.inverter, controlledPowerW),
      // PV only where the inverter profile measures it; null keeps pvWh unknown.
      pv: freshPv(c),
      // The meter's own counters, under the same freshness rule as its power.
      gridCounters:
        c.core.links.meter === 'ok' && c.gridCounters?.at === c.at ? c.gridCounters : null,
      maxGapMs: c.maxGapMs,
    });
  }
}

/** This cycle's PV reading, when the inverter is healthy and its profile has a PV point. */
function freshPv(c: EnergyCycle): PowerPoint | null {
  const sample = c.inverter;
  if (c.core.links.inverter !== 'ok' || sample === null || sample.at !== c.at) return null;
  const pv = sample.value.pvW;
  return pv === null || pv === undefined || !Number.isFinite(pv)
    ? null
    : { at: c.at, watts: Math.max(0, pv) };
}
