import type { ModbusTransport } from '../../devices/modbus/modbus-transport';
import { ModbusError } from '../../devices/modbus/wire/modbus-errors';

/**
 * A scan reads devices nobody has identified yet, on a site whose owner asked for nothing
 * to change. The scan's probes only read; this wrapper makes that a property of the link
 * rather than of today's probe code: a write is refused before it reaches the wire, and
 * counted, so a test can show none was even attempted.
 */

/** A transport that refuses every write. */
export interface ReadOnlyTransport extends ModbusTransport {
  /** Writes refused so far. */
  readonly refusedWrites: number;
}

/** Wraps `transport` so that reads pass through and every write rejects without being sent. */
export function readOnlyTransport(transport: ModbusTransport): ReadOnlyTransport {
  let refused = 0;
  return {
    get label() {
      return transport.label;
    },
    get isOpen() {
      return transport.isOpen;
    },
    get refusedWrites() {
      return refused;
    },
    connect: () => transport.connect(),
    readHolding: (address, count) => transport.readHolding(address, count),
    readInput: (address, count) => transport.readInput(address, count),
    writeRegisters: (address) => {
      refused += 1;
      return Promise.reject(
        new ModbusError(`${transport.label}: a scan never writes (refused a write at ${address})`),
      );
    },
    close: () => transport.close(),
  };
}
