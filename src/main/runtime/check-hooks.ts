import type { Clock, Scheduler } from '../../shared/clock';
import type { CycleSample } from './cycle-sample';
import type { InverterPort, MeterPort, MeterPortReading } from './device-ports';
import { withTimeout } from './with-timeout';

/**
 * The runtime's hooks for the commissioning checks: the per-cycle samples they measure with,
 * the software meter-link drop of the commLoss check, and the watchdog-timeout read-back.
 * (The held writes of the watchdog check live with the writes, in InverterOutput.)
 */
export class CheckHooks {
  private readonly cycleListeners = new Set<(sample: CycleSample) => void>();
  private meterDropped = false;

  /** On: the meter link counts as failed without reading it; off: reads resume. */
  dropMeterLink(on: boolean): void {
    this.meterDropped = on;
  }

  /** The meter's read for this cycle (bounded by `timeoutMs`), or a failure while the link is dropped. */
  readMeter(meter: MeterPort, clock: Scheduler, timeoutMs: number): Promise<MeterPortReading> {
    if (this.meterDropped)
      return Promise.reject(
        new Error(`${meter.label}: link dropped in software by the commLoss check`),
      );
    return withTimeout(clock, meter.read(), timeoutMs, `${meter.label}: read`);
  }

  /** Subscribes to one sample per poll cycle; returns the unsubscribe function. */
  onCycle(listener: (sample: CycleSample) => void): () => void {
    this.cycleListeners.add(listener);
    return () => this.cycleListeners.delete(listener);
  }

  /** Hands the cycle's sample to every listener; builds it only when someone listens. */
  emit(sample: () => CycleSample): void {
    if (this.cycleListeners.size === 0) return;
    const s = sample();
    for (const l of this.cycleListeners) l(s);
  }
}

/** The device's watchdog timeout read back from its register, s; null where the profile has none. */
export async function readWatchdogTimeoutS(
  inverter: InverterPort,
  clock: Clock & Scheduler,
  timeoutMs: number,
): Promise<number | null> {
  if (inverter.readWatchdogTimeoutS === undefined) return null;
  return withTimeout(
    clock,
    inverter.readWatchdogTimeoutS(),
    timeoutMs,
    `${inverter.label}: watchdog timeout read`,
  );
}
