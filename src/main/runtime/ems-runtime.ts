import type { CommandResult, EmsCommand } from '../../shared/commands';
import type { EmsSnapshot } from '../../shared/snapshot';
import {
  applyCommand,
  createCoreState,
  setTestOutput,
  step,
  type CoreEvent,
  type CoreState,
  type TestOutput,
} from '../core';
import { CheckHooks, readWatchdogTimeoutS } from './check-hooks';
import type { CycleSample } from './cycle-sample';
import { localDay } from './energy-integrator';
import { InverterOutput } from './inverter-output';
import { LinkErrors } from './link-errors';
import { MeterCadence } from './meter-cadence';
import { PollCycle } from './poll-cycle';
import { PollLoop } from './poll-loop';
import { EnergyTracker, type EnergyToday } from './runtime-energy';
import type { CycleStats, EmsRuntimeOptions, ZeroStop } from './runtime-options';
import { safeStop, stopAtZero, type StopSteps } from './safe-stop';
import { buildSnapshot } from './snapshot-builder';

export type { CycleStats, EmsRuntimeOptions, ZeroStop } from './runtime-options';

type Listener<T> = (value: T) => void;

/**
 * The control loop: read meter and inverter together, step the pure core on those fresh
 * measurements, write the clamped setpoint, publish a snapshot. Commands change the core's
 * intent at once; the next step turns intent into output. Every way out goes through
 * safeStop(), which drives the inverter to 0 W. This class holds the core and wires the
 * parts: the loop (poll-loop), one cycle (poll-cycle), the writes (inverter-output), the
 * stops (safe-stop), the energy counters (runtime-energy) and the check hooks (check-hooks).
 */
export class EmsRuntime {
  private core: CoreState;
  private readonly errors: LinkErrors;
  private readonly output: InverterOutput;
  private readonly hooks = new CheckHooks();
  private readonly energy: EnergyTracker;
  private readonly cycle: PollCycle;
  private readonly loop: PollLoop;
  private readonly stopSteps: StopSteps;
  private last: EmsSnapshot;
  private readonly snapshotListeners = new Set<Listener<EmsSnapshot>>();
  private readonly eventListeners = new Set<Listener<CoreEvent>>();

  constructor(private readonly opts: EmsRuntimeOptions) {
    const { clock, config, log } = opts;
    this.core = createCoreState(config);
    this.errors = new LinkErrors(log);
    this.output = new InverterOutput(opts.inverter, clock, config, this.errors, opts.followCheck);
    this.energy = new EnergyTracker(localDay(clock.wallNow()), opts.energyRestored);
    const cadence = new MeterCadence(opts.pollIntervalMs);
    this.cycle = new PollCycle(
      opts,
      {
        current: () => this.core,
        step: (m, at) => this.apply(step(this.core, m, at, config)).setpointW,
        publish: () => this.publish(),
      },
      { errors: this.errors, output: this.output, energy: this.energy, hooks: this.hooks, cadence },
    );
    this.loop = new PollLoop(
      clock,
      opts.pollIntervalMs,
      () => this.cycle.run(),
      log,
      (at, spent) => cadence.delayAfter(at, spent),
    );
    this.stopSteps = {
      clock,
      loop: this.loop,
      log,
      stopCore: () => this.command({ type: 'stop' }),
    };
    this.last = this.snapshotNow();
  }

  /** Starts polling. The EMS itself stays in STOP until a start command. */
  start(): void {
    this.loop.start();
  }

  /** Applies an already validated command to the core; the result says accepted or why not. */
  command(command: EmsCommand): CommandResult {
    const r = this.apply(applyCommand(this.core, command, this.opts.clock.now(), this.opts.config));
    if (command.type === 'stop' && r.result.ok) this.output.invalidate();
    this.publish();
    return r.result;
  }

  /** The newest snapshot. */
  snapshot(): EmsSnapshot {
    return this.last;
  }

  /** The core's state (fault log, guards) for hosts that show more than the snapshot. */
  coreState(): CoreState {
    return this.core;
  }

  /** Timing of the poll cycles. */
  cycleStats(): CycleStats {
    return this.cycle.cycleStats();
  }

  /** Today's energy counters with their day, for the session store (saved across restarts). */
  energyToday(): EnergyToday {
    return this.energy.today();
  }

  /** Subscribes to snapshots (one per control step); returns the unsubscribe function. */
  onSnapshot(listener: Listener<EmsSnapshot>): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: Listener<CoreEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * Stops control but keeps watching: the core goes to STOP and 0 W is written and confirmed
   * (bounded by `boundMs`) while the loop is paused, so no cycle's write can land after the
   * 0 W; then polling resumes. A site switch calls it before it lets go of the devices. When
   * the write fails or times out, the result says why, and the loop keeps sending 0 W each
   * cycle (as STOP does until the device confirms it).
   */
  stopAtZero(boundMs = 2000): Promise<ZeroStop> {
    return stopAtZero(this.stopSteps, this.output, this.opts.inverter.label, boundMs);
  }

  /**
   * The one way out: stop the loop, put the core in STOP, write 0 W and wait for the
   * write (bounded by `boundMs`), close the devices. Resolves true when 0 W was confirmed.
   */
  safeStop(boundMs = 2000): Promise<boolean> {
    return safeStop(this.stopSteps, this.opts, boundMs);
  }

  /**
   * Sets (null: clears) a commissioning check's output. The core accepts it only in STANDBY,
   * mode IDLE, clamps it by every limit and drops it on any fault, stop or mode change.
   */
  setTestOutput(test: TestOutput | null): CommandResult {
    const r = this.apply(setTestOutput(this.core, test, this.opts.clock.now(), this.opts.config));
    if (test === null) this.holdWrites(false);
    this.publish();
    return r.result;
  }

  /**
   * On: stops refreshing the setpoint the device holds now, so a check can watch the device's
   * watchdog expire. Limits and faults are still evaluated every cycle: as soon as the core
   * wants anything else (a clamp, a fault, the test ended) the write goes out and the hold
   * ends by itself. The follow watch is paused meanwhile, since the device is meant to revert.
   */
  holdWrites(on: boolean): void {
    this.output.hold(on);
  }

  /** True while writes are held (see holdWrites). */
  get holdingWrites(): boolean {
    return this.output.holding;
  }

  /** On: the meter link counts as failed without reading it (the commLoss check); off: reads resume. */
  dropMeterLink(on: boolean): void {
    this.hooks.dropMeterLink(on);
  }

  /** The device's watchdog timeout read back from its register, s; null where the profile has none. */
  readWatchdogTimeoutS(): Promise<number | null> {
    const { inverter, clock, config } = this.opts;
    return readWatchdogTimeoutS(inverter, clock, config.timeouts.inverterMs);
  }

  /** Subscribes to one sample per poll cycle (the checks measure with them); returns the unsubscribe function. */
  onCycle(listener: Listener<CycleSample>): () => void {
    return this.hooks.onCycle(listener);
  }

  private snapshotNow(): EmsSnapshot {
    const { opts, errors } = this;
    return buildSnapshot({
      core: this.core,
      measurements: this.cycle.measurements(),
      config: opts.config,
      site: opts.site,
      now: opts.clock.now(),
      wallNow: opts.clock.wallNow(),
      linkErrors: (link) => (link === 'bms' ? (opts.bms?.lastError() ?? null) : errors.shown(link)),
      hasWatchdog: opts.inverter.watchdogTimeoutS !== null,
      extraWarnings: opts.warnings ?? [],
      onWatchdogExpiry: opts.inverter.onWatchdogExpiry ?? 'zero',
      energy: this.energy.current,
    });
  }

  private publish(): void {
    this.last = this.snapshotNow();
    for (const l of this.snapshotListeners) l(this.last);
  }

  /** Takes the core's new state from a step or command and sends out its events. */
  private apply<R extends { state: CoreState; events: readonly CoreEvent[] }>(r: R): R {
    this.core = r.state;
    for (const e of r.events) {
      this.opts.log(`event ${e.kind}: ${e.message}`);
      for (const l of this.eventListeners) l(e);
    }
    return r;
  }
}
