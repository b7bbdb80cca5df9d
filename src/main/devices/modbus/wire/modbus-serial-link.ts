import ModbusRTU from 'modbus-serial';
import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
  ModbusTimeoutError,
  describeException,
  reasonOf,
} from './modbus-errors';
import type { RegisterKind } from '../modbus-transport';
import type { RtuLink } from './rtu-bus';
import type { SerialLine } from './serial-line';

/**
 * The RTU link of a bus, on modbus-serial's RTU client: over serialport for a local RS-485
 * adapter, or over a TCP socket to a serial gateway that passes RTU frames through
 * ("framing": "rtu"). modbus-serial does the framing and the CRC; the bus above it does the
 * queueing and the silence.
 */

/** Where the link's frames go. */
export type RtuEndpoint =
  | { readonly kind: 'serial'; readonly line: SerialLine }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** Options of {@link ModbusSerialLink}. */
export interface ModbusSerialLinkOptions {
  readonly endpoint: RtuEndpoint;
  /**
   * modbus-serial's own deadline per request, ms. It runs on a real timer inside the library;
   * the bus applies the caller's deadline on the injected clock and keeps the bus busy until
   * this one settles, so a late reply cannot be taken for the next request's.
   */
  readonly timeoutMs: number;
}

/** modbus-serial's RTU client behind the {@link RtuLink} interface. */
export class ModbusSerialLink implements RtuLink {
  private client: ModbusRTU | null = null;

  constructor(private readonly options: ModbusSerialLinkOptions) {}

  get isOpen(): boolean {
    return this.client?.isOpen ?? false;
  }

  async open(): Promise<void> {
    // A fresh client per open: modbus-serial keeps transaction state on the client.
    const client = new ModbusRTU();
    client.setTimeout(this.options.timeoutMs);
    const ep = this.options.endpoint;
    if (ep.kind === 'serial') {
      await client.connectRTUBuffered(ep.line.device, {
        baudRate: ep.line.baudRate,
        parity: ep.line.parity,
        dataBits: ep.line.dataBits,
        stopBits: ep.line.stopBits,
      });
    } else {
      await client.connectTcpRTUBuffered(ep.host, { port: ep.port });
    }
    this.client = client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client?.isOpen) await new Promise<void>((resolve) => client.close(() => resolve()));
  }

  async read(
    unitId: number,
    kind: RegisterKind,
    address: number,
    count: number,
  ): Promise<number[]> {
    const client = this.ready(unitId);
    try {
      const reply =
        kind === 'holding'
          ? await client.readHoldingRegisters(address, count)
          : await client.readInputRegisters(address, count);
      return reply.data;
    } catch (err) {
      throw toModbusError(err);
    }
  }

  async write(unitId: number, address: number, values: readonly number[]): Promise<void> {
    const client = this.ready(unitId);
    try {
      await client.writeRegisters(address, [...values]);
    } catch (err) {
      throw toModbusError(err);
    }
  }

  private ready(unitId: number): ModbusRTU {
    const client = this.client;
    if (!client?.isOpen) throw new ModbusConnectionError('the port is not open');
    client.setID(unitId);
    return client;
  }
}

/** modbus-serial rejects with plain objects; turn them into the Modbus layer's classes. */
function toModbusError(err: unknown): ModbusError {
  if (err instanceof ModbusError) return err;
  if (typeof err === 'object' && err !== null) {
    const { modbusCode, errno } = err as { modbusCode?: unknown; errno?: unknown };
    if (typeof modbusCode === 'number')
      return new ModbusExceptionError(describeException(modbusCode), modbusCode);
    if (errno === 'ETIMEDOUT') return new ModbusTimeoutError('no reply (timed out)');
  }
  return new ModbusConnectionError(reasonOf(err));
}
