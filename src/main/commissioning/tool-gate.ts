import type { TimeSource } from '../../shared/clock';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';

/**
 * Device traffic from the commissioning tools (register console, connection test, SunSpec
 * discovery) shares the link with the control loop. Unbounded, eight parallel connection
 * tests made thousands of reads a second and could starve the loop's own polls. The gate
 * lets one tool request per device be in flight and starts at most 20 a second; requests
 * beyond wait their turn, in order. The control loop's requests go first: they never queue
 * behind the gate, and a tool request waits until the loop has none in flight on that link
 * (watchLoopTraffic), so a tool takes only the gaps between the loop's polls.
 */

/** Tool requests a device may have in flight at once. */
export const TOOL_REQUESTS_IN_FLIGHT = 1;
/** Tool requests a device may start per second. */
export const TOOL_REQUESTS_PER_S = 20;

/**
/** The control loop's side of a shared link: its transport, and when it has nothing in flight. */
export interface LoopTraffic {
  /** The link for the control loop's drivers: the same link, its requests counted. */
  readonly transport: ModbusTransport;
  /** Whether the loop has a request in flight now. */
  busy(): boolean;
  /** Resolves at once when the loop has no request in flight, else when its last one settles. */
  idle(): Promise<void>;
}

/** Wraps the link the control loop's driver uses, so the tools can give way to it. */
export function watchLoopTraffic(transport: ModbusTransport): LoopTraffic {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const counted = <T>(run: () => Promise<T>): Promise<T> => {
    inFlight++;
    const settle = (): void => {
      inFlight--;
      if (inFlight > 0) return;
      const ready = waiters;
      waiters = [];
      for (const w of ready) w();
    };
    const request = run();
    request.then(settle, settle);
    return request;
  };
  return {
    transport: {
      get label() {
        return transport.label;
      },
      get isOpen() {
        return transport.isOpen;
      },
      connect: () => transport.connect(),
      readHolding: (address, count) => counted(() => transport.readHolding(address, count)),
      readInput: (address, count) => counted(() => transport.readInput(address, count)),
      writeRegisters: (address, values) => counted(() => transport.writeRegisters(address, values)),
      close: () => transport.close(),
    },
    busy: () => inFlight > 0,
    idle: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

/**
 * `transport` for the tools: the same link, its requests run one at a time and at least
 * 1000 / TOOL_REQUESTS_PER_S ms apart (start to start) on `time`, each once `loop` (the
 * control loop's traffic on that link, when given) has nothing in flight.
 */
export function gateToolTraffic(
  transport: ModbusTransport,
  time: Pick<TimeSource, 'now' | 'timeout'>,
  loop?: Pick<LoopTraffic, 'busy' | 'idle'>,
): ModbusTransport {
  const spacingMs = 1000 / TOOL_REQUESTS_PER_S;
  let lastStart = Number.NEGATIVE_INFINITY;
  // The tail of the queue: each request starts after the previous one settled.
  let tail: Promise<unknown> = Promise.resolve();
  const waitTurn = async (): Promise<void> => {
    // Node may fire a timer a millisecond or so early (it counts from its loop's cached
    // millisecond clock), so the spacing is checked again after each wait.
    for (let wait = lastStart + spacingMs - time.now(); wait > 0;) {
      await new Promise<void>((resolve) => void time.timeout(resolve, wait));
      wait = lastStart + spacingMs - time.now();
    }
  };
  const gated = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(async () => {
      await waitTurn();
      // Checked again after each wait: the loop may have started another poll meanwhile.
      while (loop?.busy() === true) await loop.idle();
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
