import type { ModbusTransport } from '../modbus-transport';
import { MAX_READ_REGISTERS, MAX_WRITE_REGISTERS, checkRequestSpan } from '../modbus-transport';
import { ModbusConnectionError, ModbusValueError } from './modbus-errors';
import type { RtuBus } from './rtu-bus';

/** Options of {@link ModbusRtuClient}. */
export interface ModbusRtuOptions {
  /** The bus the unit is wired to (shared with the other units on it). */
  readonly bus: RtuBus;
  readonly unitId: number;
  /** Deadline of each request once it is on the wire, ms. */
  readonly timeoutMs: number;
  /** Role shown in messages ("meter", "inverter"). */
  readonly name: string;
}

/**
 * Modbus RTU transport to one unit on a shared bus (a serial port, or a serial gateway
 * reached over TCP). Requests go through the bus's queue, so units on one bus never talk over
 * each other. Every failure is a ModbusError naming the unit, the bus and the request.
 */
export class ModbusRtuClient implements ModbusTransport {
  readonly label: string;
  private wanted = false;

  constructor(private readonly options: ModbusRtuOptions) {
    this.label = `${options.name} ${options.bus.label} unit ${options.unitId}`;
  }

  get isOpen(): boolean {
    return this.wanted && this.options.bus.isOpen;
  }

  async connect(): Promise<void> {
    if (!this.wanted) this.options.bus.attach();
    this.wanted = true;
    await this.options.bus.open();
  }

  readHolding(address: number, count: number): Promise<number[]> {
    return this.read('holding', address, count);
  }

  readInput(address: number, count: number): Promise<number[]> {
    return this.read('input', address, count);
  }

  writeRegisters(address: number, values: readonly number[]): Promise<void> {
    const what = `${this.label}: write ${values.length} registers at ${address}`;
    const bad =
      checkRequestSpan(address, values.length, MAX_WRITE_REGISTERS) ??
      (values.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffff)
        ? null
        : 'a value is not a 16-bit word');
    if (bad !== null) return Promise.reject(new ModbusValueError(`${what}: ${bad}`));
    if (!this.wanted) return Promise.reject(new ModbusConnectionError(`${what}: closed`));
    return this.options.bus.run(what, this.options.timeoutMs, (link) =>
      link.write(this.options.unitId, address, values),
    );
  }

  async close(): Promise<void> {
    if (!this.wanted) return;
    this.wanted = false;
    await this.options.bus.detach();
  }

  private read(kind: 'holding' | 'input', address: number, count: number): Promise<number[]> {
    const what = `${this.label}: read ${count} ${kind} registers at ${address}`;
    const bad = checkRequestSpan(address, count, MAX_READ_REGISTERS);
    if (bad !== null) return Promise.reject(new ModbusValueError(`${what}: ${bad}`));
    if (!this.wanted) return Promise.reject(new ModbusConnectionError(`${what}: closed`));
    return this.options.bus
      .run(what, this.options.timeoutMs, (link) =>
        link.read(this.options.unitId, kind, address, count),
      )
      .then((data) => {
        if (data.length !== count)
          throw new ModbusValueError(`${what}: the reply carries ${data.length} registers`);
        return data;
      });
  }
}
