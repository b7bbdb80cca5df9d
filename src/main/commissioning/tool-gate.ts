import type { TimeSource } from '../../shared/clock';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';

/**
 * Device traffic from the commissioning tools (register console, connection test, SunSpec
 * discovery) shares the link with the control loop. Unbounded, eight parallel connection
 * tests made thousands of reads a second and could starve the loop's own polls. The gate
 * lets one tool request per device be in flight and starts at most 20 a second; requests
 * beyond wait their turn, in order. The control loop uses the device's transport directly,
 * so its requests never queue behind a tool's.
 */

/** Tool requests a device may have in flight at once. */
export const TOOL_REQUESTS_IN_FLIGHT = 1;
/** Tool requests a device may start per second. */
export const TOOL_REQUESTS_PER_S = 20;

/**
 * `transport` for the tools: the same link, its requests run one at a time and at least
 * 1000 / TOOL_REQUESTS_PER_S ms apart (start to start) on `time`.
 */
export function gateToolTraffic(
  transport: ModbusTransport,
  time: Pick<TimeSource, 'now' | 'timeout'>,
): ModbusTransport {
  const spacingMs = 1000 / TOOL_REQUESTS_PER_S;
  let lastStart = Number.NEGATIVE_INFINITY;
  // The tail of the queue: each request starts after the previous one settled.
  let tail: Promise<unknown> = Promise.resolve();
  const waitTurn = (): Promise<void> => {
    const wait = lastStart + spacingMs - time.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => void time.timeout(resolve, wait));
  };
  const gated = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(async () => {
      await waitTurn();
      lastStart = time.now();
      return run();
    });
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    get label() {
      return transport.label;
    },
    get isOpen() {
      return transport.isOpen;
    },
    connect: () => transport.connect(),
    readHolding: (address, count) => gated(() => transport.readHolding(address, count)),
    readInput: (address, count) => gated(() => transport.readInput(address, count)),
    writeRegisters: (address, values) => gated(() => transport.writeRegisters(address, values)),
    // The tools never own the link: closing it is the host's.
    close: () => Promise.resolve(),
  };
}
