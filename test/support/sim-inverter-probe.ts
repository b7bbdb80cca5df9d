import {
  createInverterDriver,
  type InverterDriver,
} from '../../src/main/devices/modbus/drivers/inverter-driver';
import { loadProfile } from '../../src/main/devices/modbus/profile/profile-loader';
import { createRealTime } from '../../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/**
 * The simulated inverter's own registers, read directly (never through a fault proxy):
 * what the inverter really does, not what the EMS believes. Reads only: it never writes,
 * so it never feeds the inverter's watchdog.
 */

/** What the simulated inverter holds and delivers. */
export interface SimInverterState {
  /** When it was read, ms. */
  readonly at: number;
  /** The setpoint register: the last value written (0 after a watchdog revert), W. */
  readonly setpointW: number | null;
  /** AC power, W (positive = discharge). */
  readonly activePowerW: number;
  /** The heartbeat counter the EMS writes with every setpoint write. */
  readonly heartbeat: number | null;
  /** The watchdog revert time in force, s (the EMS writes it when it connects). */
  readonly watchdogTimeoutS: number | null;
}

/** A reader of one simulated inverter. */
export interface SimInverterProbe {
  read(): Promise<SimInverterState>;
  /**
   * Polls every `everyMs` until `match` holds; resolves with that reading. Rejects after
   * `timeoutMs` with the last reading in the message. Read failures are retried.
   */
  waitFor(
    match: (s: SimInverterState) => boolean,
    timeoutMs: number,
    everyMs?: number,
  ): Promise<SimInverterState>;
  close(): Promise<void>;
}

/** Opens a probe on the simulator's inverter port. */
export async function probeSimInverter(port: number): Promise<SimInverterProbe> {
  const driver: InverterDriver = createInverterDriver(await loadProfile('sim-inverter'), {
    clock: realTime,
    host: '127.0.0.1',
    port,
    timeoutMs: 1000,
  });
  const read = async (): Promise<SimInverterState> => {
    const r = await driver.read();
    return {
      at: Date.now(),
      setpointW: r.points['setpointW'] ?? null,
      activePowerW: r.activePowerW,
      heartbeat: r.points['heartbeat'] ?? null,
      watchdogTimeoutS: r.points['watchdogTimeoutS'] ?? null,
    };
  };
  return {
    read,
    waitFor: async (match, timeoutMs, everyMs = 100) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let last: SimInverterState | string;
        try {
          last = await read();
          if (match(last)) return last;
        } catch (err) {
          last = String(err);
        }
        if (Date.now() > deadline)
          throw new Error(
            `simulated inverter: condition not met in ${timeoutMs} ms, last: ${JSON.stringify(last)}`,
          );
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    },
    close: () => driver.close(),
  };
}
