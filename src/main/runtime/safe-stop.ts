import type { Clock, Scheduler } from '../../shared/clock';
import type { BmsPort, InverterPort, MeterPort } from './device-ports';
import type { InverterOutput } from './inverter-output';
import type { PollLoop } from './poll-loop';
import type { ZeroStop } from './runtime-options';
import { withTimeout } from './with-timeout';

/** What a stop needs from the runtime. */
export interface StopSteps {
  readonly clock: Clock & Scheduler;
  readonly loop: PollLoop;
  readonly log: (line: string) => void;
  /** Puts the core in STOP through the runtime's own command (events and snapshot included). */
  stopCore(): void;
}

/**
 * Halts the loop, waits for the cycle in flight and puts the core in STOP, so no cycle's
 * write can land after the 0 W that follows. Resolves whether the loop had been running and
 * how long the 0 W write may take.
 */
async function haltInStop(
  steps: StopSteps,
  boundMs: number,
): Promise<{ wasRunning: boolean; remainingMs: number }> {
  const deadline = steps.clock.now() + boundMs;
  // At most half the bound for the cycle in flight: the 0 W write always keeps the other half.
  const wasRunning = await steps.loop.halt(boundMs / 2);
  steps.stopCore();
  return { wasRunning, remainingMs: Math.max(100, deadline - steps.clock.now()) };
}

/**
 * Stops control but keeps watching: STOP, 0 W written through the output and confirmed
 * within `boundMs`, then polling resumes. When the write fails or times out the result says
 * why, and the loop keeps sending 0 W each cycle (as STOP does until the device confirms it).
 */
export async function stopAtZero(
  steps: StopSteps,
  output: InverterOutput,
  inverterLabel: string,
  boundMs: number,
): Promise<ZeroStop> {
  const { clock } = steps;
  const { wasRunning, remainingMs } = await haltInStop(steps, boundMs);
  let reason: string | null = null;
  try {
    await withTimeout(
      clock,
      output.writeZero(clock.now()),
      remainingMs,
      `${inverterLabel} 0 W write`,
    );
  } catch (err) {
    reason = `0 W could not be confirmed: ${(err as Error).message}`;
    steps.log(`stop at 0 W: ${reason}`);
  }
  if (wasRunning) steps.loop.resume();
  return { confirmed: reason === null, reason };
}

/** The devices a safe stop lets go of. */
export interface StopDevices {
  readonly meter: MeterPort;
  readonly inverter: InverterPort;
  readonly bms: BmsPort | null;
}

/**
 * The one way out: halt the loop in STOP, write 0 W straight to the inverter and wait for it
 * (bounded by `boundMs`), close the devices. Resolves true when 0 W was confirmed.
 */
export async function safeStop(
  steps: StopSteps,
  devices: StopDevices,
  boundMs: number,
): Promise<boolean> {
  const { remainingMs } = await haltInStop(steps, boundMs);
  let confirmed = false;
  try {
    await withTimeout(
      steps.clock,
      devices.inverter.writeSetpoint(0),
      remainingMs,
      `${devices.inverter.label} 0 W write`,
    );
    confirmed = true;
  } catch (err) {
    steps.log(`safe stop: could not confirm 0 W: ${(err as Error).message}`);
  }
  await Promise.allSettled([devices.meter.close(), devices.inverter.close(), devices.bms?.close()]);
  return confirmed;
}
