import type { InverterPort } from './device-ports';

/** Writes are re-sent at least this often even when the setpoint is unchanged, ms. */
const MAX_REFRESH_MS = 5000;

/**
 * Decides when the inverter's setpoint is written. A changed setpoint goes out at once;
 * an unchanged one is re-sent well inside the device's revert time (a third of it), so
 * the watchdog never trips while the EMS runs, without writing every cycle (flash wear on
 * devices that persist their registers).
 */
export class SetpointWriter {
  private lastWrittenW: number | null = null;
  private lastWriteAt = -Infinity;
  private readonly refreshMs: number;

  constructor(private readonly inverter: InverterPort) {
    const timeoutS = inverter.watchdogTimeoutS;
    this.refreshMs =
      timeoutS === null ? MAX_REFRESH_MS : Math.min(MAX_REFRESH_MS, (timeoutS * 1000) / 3);
  }

  /** Forgets what was written, so the next call writes (after a reconnect the device may have reverted). */
  invalidate(): void {
    this.lastWrittenW = null;
  }

  /** True when `watts` differs from what the device holds or the refresh is due. */
  isDue(watts: number, now: number): boolean {
    return (
      this.lastWrittenW === null ||
      Math.abs(watts - this.lastWrittenW) >= 1 ||
      now - this.lastWriteAt >= this.refreshMs
    );
  }

  /** Writes when due. Resolves true when a write went out; rejects when the write failed. */
  async write(watts: number, now: number): Promise<boolean> {
    if (!this.isDue(watts, now)) return false;
    const rounded = Math.round(watts);
    this.lastWrittenW = null; // unknown until the device confirms
    // The driver feeds a heartbeat-style watchdog with every setpoint write.
    await this.inverter.writeSetpoint(rounded);
    this.lastWrittenW = rounded;
    this.lastWriteAt = now;
    return true;
  }

  /** When the last write went out (the cycle's time, ms); null before one. */
  get writtenAt(): number | null {
    return Number.isFinite(this.lastWriteAt) ? this.lastWriteAt : null;
  }

  /** The setpoint the device confirmed last, W; null when unknown. */
  get written(): number | null {
    return this.lastWrittenW;
  }
}
