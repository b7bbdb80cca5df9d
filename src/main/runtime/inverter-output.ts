import type { Clock, Scheduler } from '../../shared/clock';
import type { CoreState } from '../core';
import type { CoreConfig } from '../core/core-config';
import type { InverterReading } from '../core/measurements';
import { controlledPowerW } from '../core/measurements';
import type { InverterPort } from './device-ports';
import { defaultFollowCheck, FollowWatch, type FollowCheckOptions } from './follow-watch';
import type { LinkErrors } from './link-errors';
import { SetpointWriter } from './setpoint-writer';
import { withTimeout } from './with-timeout';

/**
 * Everything the runtime sends to the inverter: the prepare after each (re)connect, the
 * setpoint writes (or their deliberate hold during the watchdog check), and the judgement
 * whether the device follows what it acknowledged. Failures land on the `inverterControl`
 * link, apart from reads, so a device that reads fine but refuses writes stays reported.
 */
export class InverterOutput {
  private readonly writer: SetpointWriter;
  private readonly follow: FollowWatch;
  /** False until prepare() succeeded on the current connection. */
  private prepared = false;
  /** The setpoint being held (watchdog check), W; null when writes flow normally. */
  private heldW: number | null = null;

  constructor(
    private readonly inverter: InverterPort,
    private readonly clock: Clock & Scheduler,
    private readonly config: CoreConfig,
    private readonly errors: LinkErrors,
    followCheck: FollowCheckOptions | undefined,
  ) {
    this.writer = new SetpointWriter(inverter);
    this.follow = new FollowWatch(
      followCheck ??
        defaultFollowCheck(Math.max(config.inverterMaxChargeW, config.inverterMaxDischargeW)),
    );
  }

  /** The setpoint the device confirmed last, W; null when unknown. */
  get written(): number | null {
    return this.writer.written;
  }

  /** When the last setpoint write went out, ms; null before one. */
  get writtenAt(): number | null {
    return this.writer.writtenAt;
  }

  /** True while writes are held (see {@link hold}). */
  get holding(): boolean {
    return this.heldW !== null;
  }

  /** Forgets what the device holds, so the next write goes out whatever it is. */
  invalidate(): void {
    this.writer.invalidate();
  }

  /** On: keeps the setpoint the device holds now without refreshing it; off: writes resume. */
  hold(on: boolean): void {
    this.heldW = on ? this.writer.written : null;
    if (!on) this.writer.invalidate();
  }

  /** Writes 0 W through the writer (so it knows the device holds 0 W); rejects when the write fails. */
  writeZero(now: number): Promise<boolean> {
    return this.writer.write(0, now);
  }

  /** After a good read: prepares the device again when the link has just come (back) up. */
  async afterRead(): Promise<void> {
    if (this.errors.succeeded('inverter', this.inverter.label)) this.prepared = false;
    if (!this.prepared) await this.prepare();
  }

  /**
   * Whether the inverter follows what it was told: null when it does, else why not. Not
   * judged in STOP (the EMS has let go) nor while writes are held (the device is meant to revert).
   */
  following(reading: InverterReading, now: number, core: CoreState): string | null {
    if (core.state === 'STOP' || this.heldW !== null) {
      this.follow.reset();
      return null;
    }
    const why = this.follow.update({
      now,
      controlledW: controlledPowerW(reading),
      setpointReadbackW: reading.setpointReadbackW ?? null,
      acknowledgedW: this.inverter.lastCommandedW ?? this.writer.written,
      commandedW: core.setpointW,
    });
    // The device did not keep what it acknowledged: send the setpoint again every cycle
    // rather than waiting for the next refresh, so it takes hold as soon as writes do.
    if (why !== null) this.writer.invalidate();
    return why;
  }

  /** Sends the core's setpoint when due; a failure is recorded on the control link, not thrown. */
  async write(watts: number, now: number, core: CoreState): Promise<void> {
    // In STOP the EMS lets go of the inverter once 0 W is confirmed, so commissioning tools can use it.
    if (core.state === 'STOP' && this.writer.written === 0) return;
    // A held write (watchdog check) stays held only while the core wants exactly what the
    // device was last given for the running test; anything else goes out and ends the hold.
    if (this.heldW !== null) {
      if ((core.test ?? null) !== null && Math.abs(watts - this.heldW) < 1) return;
      this.hold(false);
    }
    const { inverter } = this;
    try {
      await withTimeout(
        this.clock,
        this.writer.write(watts, now),
        this.config.timeouts.inverterMs,
        `${inverter.label}: setpoint write`,
      );
      // A prepare that keeps failing stays reported even while plain writes go through.
      if (this.prepared) this.errors.succeeded('inverterControl', inverter.label);
    } catch (err) {
      this.errors.failed('inverterControl', inverter.label, err);
    }
  }

  private async prepare(): Promise<void> {
    const { inverter } = this;
    this.writer.invalidate();
    try {
      await withTimeout(
        this.clock,
        inverter.prepare(),
        this.config.timeouts.inverterMs,
        `${inverter.label}: prepare`,
      );
      this.prepared = true;
      this.errors.succeeded('inverterControl', inverter.label);
    } catch (err) {
      this.errors.failed('inverterControl', inverter.label, err);
    }
  }
}
