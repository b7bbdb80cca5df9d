import type { CoreState } from '../core';
import { ZERO_OUTPUT_STATES } from '../core';
import type { InverterReading, Measurements, MeterSample, Sample } from '../core/measurements';
import { controlledPowerW } from '../core/measurements';
import type { CheckHooks } from './check-hooks';
import type { CycleSample } from './cycle-sample';
import { localDay, type MeterCounters } from './energy-integrator';
import type { InverterOutput } from './inverter-output';
import type { LinkErrors } from './link-errors';
import type { MeterCadence } from './meter-cadence';
import type { EnergyTracker } from './runtime-energy';
import type { CycleStats, EmsRuntimeOptions } from './runtime-options';
import { withTimeout } from './with-timeout';

/** The runtime's core, as one cycle uses it. */
export interface CycleCore {
  /** The core's state now. */
  current(): CoreState;
  /** Steps the core on `m` at `at` (its events go out); returns the clamped setpoint, W. */
  step(m: Measurements, at: number): number;
  /** Publishes a snapshot of the state now. */
  publish(): void;
}

/** The parts a cycle drives besides the core. */
export interface CycleParts {
  readonly errors: LinkErrors;
  readonly output: InverterOutput;
  readonly energy: EnergyTracker;
  readonly hooks: CheckHooks;
  readonly cadence: MeterCadence;
}

/**
 * One poll-step-write cycle, and the samples it keeps between cycles: read meter and
 * inverter together, step the core on those fresh measurements, count the energy, write the
 * setpoint, publish.
 */
export class PollCycle {
  private grid: MeterSample | null = null;
  private gridCounters: MeterCounters | null = null;
  private inverterSample: Sample<InverterReading> | null = null;
  private stats: CycleStats = { cycles: 0, lastCycleMs: 0, lastRequests: 0 };

  constructor(
    private readonly opts: EmsRuntimeOptions,
    private readonly core: CycleCore,
    private readonly parts: CycleParts,
  ) {}

  /** Timing of the cycles so far. */
  cycleStats(): CycleStats {
    return this.stats;
  }

  /** The newest sample of each link. */
  measurements(): Measurements {
    return { grid: this.grid, inverter: this.inverterSample, bms: this.opts.bms?.latest() ?? null };
  }

  /** Runs one cycle. */
  async run(): Promise<void> {
    const { meter, inverter, clock, config, pollIntervalMs } = this.opts;
    const { errors, output, energy, hooks, cadence } = this.parts;
    const started = clock.now();
    // A device promise that never settles must not freeze the loop: past the staleness
    // timeout the answer is useless anyway, and the core must see the link go stale.
    const [m, i] = await Promise.allSettled([
      hooks.readMeter(meter, clock, config.timeouts.meterMs),
      withTimeout(clock, inverter.read(), config.timeouts.inverterMs, `${inverter.label}: read`),
    ]);
    const at = clock.now();
    if (m.status === 'fulfilled') {
      const { gridW, updateCounter, importWh, exportWh } = m.value;
      this.grid = { value: gridW, at, updateCounter: updateCounter ?? null };
      this.gridCounters =
        (importWh ?? null) === null && (exportWh ?? null) === null
          ? null
          : { at, importWh: importWh ?? null, exportWh: exportWh ?? null };
      errors.succeeded('meter', meter.label);
    } else errors.failed('meter', meter.label, m.reason);
    let inverterUp = false;
    if (i.status === 'fulfilled') {
      const notFollowing = output.following(i.value, at, this.core.current());
      this.inverterSample = { value: { ...i.value, notFollowing }, at };
      inverterUp = true;
      await output.afterRead();
    } else errors.failed('inverter', inverter.label, i.reason);

    const setpointW = this.core.step(this.measurements(), at);
    const meterUp = m.status === 'fulfilled';
    cadence.observe(at, meterUp && inverterUp, this.core.current().meter.newSample);
    energy.add({
      at,
      day: localDay(clock.wallNow()),
      core: this.core.current(),
      grid: this.grid,
      inverter: this.inverterSample,
      gridCounters: this.gridCounters,
      // A longer interval than two poll periods or a link's staleness limit is not bridged.
      maxGapMs: Math.max(2 * pollIntervalMs, config.timeouts.meterMs, config.timeouts.inverterMs),
    });
    // A failed read says nothing about writes: in the zero-output states 0 W goes out (and is
    // refreshed inside the watchdog period) whenever the transport can still carry it.
    if (inverterUp || ZERO_OUTPUT_STATES.includes(this.core.current().state))
      await output.write(setpointW, at, this.core.current());
    this.stats = {
      cycles: this.stats.cycles + 1,
      lastCycleMs: clock.now() - started,
      lastRequests: (meter.lastReadRequests ?? 0) + (inverter.lastReadRequests ?? 0),
    };
    this.core.publish();
    hooks.emit(() => this.sample(at, meterUp, inverterUp));
  }

  /** What this cycle saw and did, for the commissioning checks. */
  private sample(at: number, meterUp: boolean, inverterUp: boolean): CycleSample {
    const inv = inverterUp ? (this.inverterSample?.value ?? null) : null;
    const core = this.core.current();
    const { output } = this.parts;
    return {
      at,
      gridW: meterUp ? (this.grid?.value ?? null) : null,
      controlledW: inv === null ? null : controlledPowerW(inv),
      acW: inv === null ? null : inv.activePowerW,
      socPct: inv?.socPct ?? null,
      setpointW: core.setpointW,
      writtenW: output.written,
      writtenAt: output.writtenAt,
      state: core.state,
      holding: output.holding,
    };
  }
}
