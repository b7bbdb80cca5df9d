import type { TimeSource } from '../../shared/clock';
import type { CommandResult, EmsCommand } from '../../shared/commands';
import type { EmsSnapshot, SiteIdentity } from '../../shared/snapshot';
import {
  applyCommand,
  createCoreState,
  setTestOutput,
  step,
  ZERO_OUTPUT_STATES,
  type CoreEvent,
  type CoreState,
  type TestOutput,
} from '../core';
import type { CoreConfig } from '../core/core-config';
import type { InverterReading, Measurements, MeterSample, Sample } from '../core/measurements';
import { controlledPowerW } from '../core/measurements';
import type { BmsPort, InverterPort, MeterPort } from './device-ports';
import type { EnergyCounters } from '../../shared/energy';
import {
  createEnergyState,
  integrateEnergy,
  localDay,
  type EnergyState,
  type PowerPoint,
} from './energy-integrator';
import { defaultFollowCheck, FollowWatch, type FollowCheckOptions } from './follow-watch';
import { LinkErrors } from './link-errors';
import { SetpointWriter } from './setpoint-writer';
import type { CycleSample } from './cycle-sample';
import { buildSnapshot } from './snapshot-builder';
import { withTimeout } from './with-timeout';

/** What the runtime needs to run one site. */
export interface EmsRuntimeOptions {
  readonly config: CoreConfig;
  /** Which site this is, carried in every snapshot. */
  readonly site: SiteIdentity;
  readonly pollIntervalMs: number;
  readonly meter: MeterPort;
  readonly inverter: InverterPort;
  readonly bms: BmsPort | null;
  /** The host's time: every reading and every wait of the loop goes through it. */
  readonly clock: TimeSource;
  /** Operator-facing log lines (stderr in the headless host). */
  readonly log: (line: string) => void;
  /** Standing configuration warnings shown with every snapshot (unverified device profiles). */
  readonly warnings?: readonly string[];
  /** Whether the inverter follows its setpoint; defaults from the inverter's ratings. */
  readonly followCheck?: FollowCheckOptions;
  /** Today's energy counters read back from the session store, so a restart keeps them. */
  readonly energyRestored?: { readonly day: string; readonly today: EnergyCounters } | null;
}

/** Timing of the last poll cycle, for status and benchmarks. */
export interface CycleStats {
  readonly cycles: number;
  readonly lastCycleMs: number;
  readonly lastRequests: number;
}

/** How {@link EmsRuntime.stopAtZero} ended. */
export interface ZeroStop {
  /** The inverter confirmed the 0 W write. */
  readonly confirmed: boolean;
  /** Why 0 W could not be confirmed; null when it was. */
  readonly reason: string | null;
}

type Listener<T> = (value: T) => void;

/**
 * The control loop: read meter and inverter together, step the pure core on those fresh
 * measurements, write the clamped setpoint, publish a snapshot. Commands change the core's
 * intent at once; the next step turns intent into output. Every way out goes through
 * safeStop(), which drives the inverter to 0 W.
 */
export class EmsRuntime {
  private core: CoreState;
  private grid: MeterSample | null = null;
  private inverterSample: Sample<InverterReading> | null = null;
  private readonly errors: LinkErrors;
  private readonly writer: SetpointWriter;
  private readonly follow: FollowWatch;
  private running = false;
  private cancelTimer: (() => void) | null = null;
  private inFlight: Promise<void> | null = null;
  /** False until prepare() succeeded on the current connection. */
  private prepared = false;
  private stats: CycleStats = { cycles: 0, lastCycleMs: 0, lastRequests: 0 };
  private energy: EnergyState;
  private last: EmsSnapshot;
  private readonly snapshotListeners = new Set<Listener<EmsSnapshot>>();
  private readonly eventListeners = new Set<Listener<CoreEvent>>();
  // Commissioning check hooks (see setTestOutput, holdWrites, dropMeterLink).
  private readonly cycleListeners = new Set<Listener<CycleSample>>();
  private heldW: number | null = null;
  private meterDropped = false;

  constructor(private readonly opts: EmsRuntimeOptions) {
    this.core = createCoreState(opts.config);
    this.errors = new LinkErrors(opts.log);
    this.writer = new SetpointWriter(opts.inverter);
    this.follow = new FollowWatch(
      opts.followCheck ??
        defaultFollowCheck(
          Math.max(opts.config.inverterMaxChargeW, opts.config.inverterMaxDischargeW),
        ),
    );
    const day = localDay(opts.clock.wallNow());
    const restored = opts.energyRestored;
    this.energy = createEnergyState(day, restored?.day === day ? restored.today : undefined);
    this.last = this.snapshotNow();
  }

  /** Starts polling. The EMS itself stays in STOP until a start command. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Applies an already validated command to the core; the result says accepted or why not. */
  command(command: EmsCommand): CommandResult {
    const r = applyCommand(this.core, command, this.opts.clock.now(), this.opts.config);
    this.core = r.state;
    this.emitEvents(r.events);
    if (command.type === 'stop' && r.result.ok) this.writer.invalidate();
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
    return this.stats;
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
  async stopAtZero(boundMs = 2000): Promise<ZeroStop> {
    const resume = this.running;
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const { clock, inverter } = this.opts;
    const deadline = clock.now() + boundMs;
    if (this.inFlight)
      await withTimeout(clock, this.inFlight, boundMs / 2, 'last poll cycle').catch(
        () => undefined,
      );
    this.command({ type: 'stop' });
    let reason: string | null = null;
    try {
      const remaining = Math.max(100, deadline - clock.now());
      await withTimeout(
        clock,
        this.writer.write(0, clock.now()),
        remaining,
        `${inverter.label} 0 W write`,
      );
    } catch (err) {
      reason = `0 W could not be confirmed: ${(err as Error).message}`;
      this.opts.log(`stop at 0 W: ${reason}`);
    }
    if (resume) {
      this.running = true;
      // A cycle still stuck in flight schedules the next one itself when it settles.
      if (this.inFlight === null) this.schedule(this.opts.pollIntervalMs);
    }
    return { confirmed: reason === null, reason };
  }

  /**
   * Sets (null: clears) a commissioning check's output. The core accepts it only in STANDBY,
   * mode IDLE, clamps it by every limit and drops it on any fault, stop or mode change.
   */
  setTestOutput(test: TestOutput | null): CommandResult {
    const r = setTestOutput(this.core, test, this.opts.clock.now(), this.opts.config);
    this.core = r.state;
    this.emitEvents(r.events);
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
    this.heldW = on ? this.writer.written : null;
    if (!on) this.writer.invalidate();
  }

  /** True while writes are held (see holdWrites). */
  get holdingWrites(): boolean {
    return this.heldW !== null;
  }

  /** On: the meter link counts as failed without reading it (the commLoss check); off: reads resume. */
  dropMeterLink(on: boolean): void {
    this.meterDropped = on;
  }

  /** The device's watchdog timeout read back from its register, s; null where the profile has none. */
  async readWatchdogTimeoutS(): Promise<number | null> {
    const { inverter, clock, config } = this.opts;
    if (inverter.readWatchdogTimeoutS === undefined) return null;
    return withTimeout(
      clock,
      inverter.readWatchdogTimeoutS(),
      config.timeouts.inverterMs,
      `${inverter.label}: watchdog timeout read`,
    );
  }

  /** Subscribes to one sample per poll cycle (the checks measure with them); returns the unsubscribe function. */
  onCycle(listener: Listener<CycleSample>): () => void {
    this.cycleListeners.add(listener);
    return () => this.cycleListeners.delete(listener);
  }

  /**
   * The one way out: stop the loop, put the core in STOP, write 0 W and wait for the
   * write (bounded by `boundMs`), close the devices. Resolves true when 0 W was confirmed.
   */
  async safeStop(boundMs = 2000): Promise<boolean> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const deadline = this.opts.clock.now() + boundMs;
    // At most half the bound for the cycle in flight: the 0 W write always keeps the other half.
    if (this.inFlight)
      await withTimeout(this.opts.clock, this.inFlight, boundMs / 2, 'last poll cycle').catch(
        () => undefined,
      );
    this.command({ type: 'stop' });
    let confirmed = false;
    const remaining = Math.max(100, deadline - this.opts.clock.now());
    try {
      await withTimeout(
        this.opts.clock,
        this.opts.inverter.writeSetpoint(0),
        remaining,
        `${this.opts.inverter.label} 0 W write`,
      );
      confirmed = true;
    } catch (err) {
      this.opts.log(`safe stop: could not confirm 0 W: ${(err as Error).message}`);
    }
    await Promise.allSettled([
      this.opts.meter.close(),
      this.opts.inverter.close(),
      this.opts.bms?.close(),
    ]);
    return confirmed;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.cancelTimer = this.opts.clock.timeout(() => {
      this.cancelTimer = null;
      const started = this.opts.clock.now();
      this.inFlight = this.cycle()
        .catch((err: unknown) => this.opts.log(`control cycle failed: ${String(err)}`))
        .finally(() => {
          this.inFlight = null;
          const spent = this.opts.clock.now() - started;
          this.schedule(Math.max(0, this.opts.pollIntervalMs - spent));
        });
    }, delayMs);
  }

  /** One poll-step-write cycle. */
  private async cycle(): Promise<void> {
    const { meter, inverter, clock, config } = this.opts;
    const started = clock.now();
    // A device promise that never settles must not freeze the loop: past the staleness
    // timeout the answer is useless anyway, and the core must see the link go stale.
    const [m, i] = await Promise.allSettled([
      this.meterDropped
        ? Promise.reject(
            new Error(`${meter.label}: link dropped in software by the commLoss check`),
          )
        : withTimeout(
            this.opts.clock,
            meter.read(),
            config.timeouts.meterMs,
            `${meter.label}: read`,
          ),
      withTimeout(
        this.opts.clock,
        inverter.read(),
        config.timeouts.inverterMs,
        `${inverter.label}: read`,
      ),
    ]);
    const at = clock.now();
    if (m.status === 'fulfilled') {
      this.grid = { value: m.value.gridW, at, updateCounter: m.value.updateCounter ?? null };
      this.errors.succeeded('meter', meter.label);
    } else this.errors.failed('meter', meter.label, m.reason);
    let inverterUp = false;
    if (i.status === 'fulfilled') {
      this.inverterSample = {
        value: { ...i.value, notFollowing: this.following(i.value, at) },
        at,
      };
      inverterUp = true;
      if (this.errors.succeeded('inverter', inverter.label)) this.prepared = false;
      if (!this.prepared) await this.prepareInverter();
    } else this.errors.failed('inverter', inverter.label, i.reason);

    const r = step(this.core, this.measurements(), at, this.opts.config);
    this.core = r.state;
    this.emitEvents(r.events);
    this.integrateEnergy(at);
    // A failed read says nothing about writes: in the zero-output states 0 W goes out (and is
    // refreshed inside the watchdog period) whenever the transport can still carry it.
    if (inverterUp || ZERO_OUTPUT_STATES.includes(this.core.state))
      await this.writeSetpoint(r.setpointW, at);
    this.stats = {
      cycles: this.stats.cycles + 1,
      lastCycleMs: clock.now() - started,
      lastRequests: (meter.lastReadRequests ?? 0) + (inverter.lastReadRequests ?? 0),
    };
    this.publish();
    this.emitCycle(at, m.status === 'fulfilled', inverterUp);
  }

  private emitCycle(at: number, meterUp: boolean, inverterUp: boolean): void {
    if (this.cycleListeners.size === 0) return;
    const inv = inverterUp ? (this.inverterSample?.value ?? null) : null;
    const sample: CycleSample = {
      at,
      gridW: meterUp ? (this.grid?.value ?? null) : null,
      controlledW: inv === null ? null : controlledPowerW(inv),
      acW: inv === null ? null : inv.activePowerW,
      socPct: inv?.socPct ?? null,
      setpointW: this.core.setpointW,
      writtenW: this.writer.written,
      writtenAt: this.writer.writtenAt,
      state: this.core.state,
      holding: this.heldW !== null,
    };
    for (const l of this.cycleListeners) l(sample);
  }

  /** Whether the inverter follows what it was told (not judged in STOP: the EMS has let go). */
  private following(
    reading: Awaited<ReturnType<InverterPort['read']>>,
    now: number,
  ): string | null {
    if (this.core.state === 'STOP' || this.heldW !== null) {
      this.follow.reset();
      return null;
    }
    const why = this.follow.update({
      now,
      controlledW: controlledPowerW(reading),
      setpointReadbackW: reading.setpointReadbackW ?? null,
      acknowledgedW: this.opts.inverter.lastCommandedW ?? this.writer.written,
      commandedW: this.core.setpointW,
    });
    // The device did not keep what it acknowledged: send the setpoint again every cycle
    // rather than waiting for the next refresh, so it takes hold as soon as writes do.
    if (why !== null) this.writer.invalidate();
    return why;
  }

  private async prepareInverter(): Promise<void> {
    const { inverter, config } = this.opts;
    this.writer.invalidate();
    try {
      await withTimeout(
        this.opts.clock,
        inverter.prepare(),
        config.timeouts.inverterMs,
        `${inverter.label}: prepare`,
      );
      this.prepared = true;
      this.errors.succeeded('inverterControl', inverter.label);
    } catch (err) {
      this.errors.failed('inverterControl', inverter.label, err);
    }
  }

  private async writeSetpoint(watts: number, now: number): Promise<void> {
    // In STOP the EMS lets go of the inverter once 0 W is confirmed, so commissioning tools can use it.
    if (this.core.state === 'STOP' && this.writer.written === 0) return;
    // A held write (watchdog check) stays held only while the core wants exactly what the
    // device was last given for the running test; anything else goes out and ends the hold.
    if (this.heldW !== null) {
      if ((this.core.test ?? null) !== null && Math.abs(watts - this.heldW) < 1) return;
      this.holdWrites(false);
    }
    const { inverter, config } = this.opts;
    try {
      await withTimeout(
        this.opts.clock,
        this.writer.write(watts, now),
        config.timeouts.inverterMs,
        `${inverter.label}: setpoint write`,
      );
      // A prepare that keeps failing stays reported even while plain writes go through.
      if (this.prepared) this.errors.succeeded('inverterControl', inverter.label);
    } catch (err) {
      this.errors.failed('inverterControl', inverter.label, err);
    }
  }

  /**
   * Adds this cycle's fresh samples to the energy counters. A link the core does not call
   * healthy gives no sample, so its gap is skipped rather than filled; so is an interval
   * longer than two poll periods or the link's staleness limit, whichever is longer.
   */
  private integrateEnergy(at: number): void {
    const { config, pollIntervalMs, clock } = this.opts;
    const fresh = <T>(
      link: 'meter' | 'inverter',
      sample: Sample<T> | null,
      watts: (v: T) => number,
    ): PowerPoint | null =>
      this.core.links[link] === 'ok' && sample !== null && sample.at === at
        ? { at, watts: watts(sample.value) }
        : null;
    this.energy = integrateEnergy(this.energy, {
      day: localDay(clock.wallNow()),
      grid: fresh('meter', this.grid, (w) => w),
      // Battery energy is the controlled quantity: the battery's own power on a hybrid
      // (whose AC power includes its PV), the AC power on an AC-coupled inverter.
      inverter: fresh('inverter', this.inverterSample, controlledPowerW),
      // PV only where the inverter profile measures it; null keeps pvWh unknown.
      pv: this.freshPv(at),
      maxGapMs: Math.max(2 * pollIntervalMs, config.timeouts.meterMs, config.timeouts.inverterMs),
    });
  }

  /** This cycle's PV reading, when the inverter is healthy and its profile has a PV point. */
  private freshPv(at: number): PowerPoint | null {
    const sample = this.inverterSample;
    if (this.core.links.inverter !== 'ok' || sample === null || sample.at !== at) return null;
    const pv = sample.value.pvW;
    return pv === null || pv === undefined || !Number.isFinite(pv)
      ? null
      : { at, watts: Math.max(0, pv) };
  }

  /** Today's energy counters with their day, for the session store (saved across restarts). */
  energyToday(): { readonly day: string; readonly today: EnergyCounters } {
    return { day: this.energy.day, today: this.energy.today };
  }

  private measurements(): Measurements {
    return { grid: this.grid, inverter: this.inverterSample, bms: this.opts.bms?.latest() ?? null };
  }

  private snapshotNow(): EmsSnapshot {
    return buildSnapshot({
      core: this.core,
      measurements: this.measurements(),
      config: this.opts.config,
      site: this.opts.site,
      now: this.opts.clock.now(),
      wallNow: this.opts.clock.wallNow(),
      linkErrors: (link) => {
        if (link === 'bms') return this.opts.bms?.lastError() ?? null;
        if (link === 'meter') return this.errors.lastError('meter');
        return this.errors.lastError('inverter') ?? this.errors.lastError('inverterControl');
      },
      hasWatchdog: this.opts.inverter.watchdogTimeoutS !== null,
      extraWarnings: this.opts.warnings ?? [],
      onWatchdogExpiry: this.opts.inverter.onWatchdogExpiry ?? 'zero',
      energy: this.energy,
    });
  }

  private publish(): void {
    this.last = this.snapshotNow();
    for (const l of this.snapshotListeners) l(this.last);
  }

  private emitEvents(events: readonly CoreEvent[]): void {
    for (const e of events) {
      this.opts.log(`event ${e.kind}: ${e.message}`);
      for (const l of this.eventListeners) l(e);
    }
  }
}
