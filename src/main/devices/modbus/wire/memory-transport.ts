import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
  describeException,
} from './modbus-errors';
import type { ModbusTransport, RegisterKind } from '../modbus-transport';

/**
 * An in-process register map behind the ModbusTransport interface: the device drivers run
 * against it in unit tests exactly as against a TCP peer, without sockets. Like a strict real
 * device it answers exception 2 for a register nobody defined.
 */
export class MemoryTransport implements ModbusTransport {
  readonly label: string;
  /** Requests served (reads and writes), for tests that count round trips. */
  requests = 0;
  /** Every write, in order, as [address, values]. */
  readonly writes: [number, number[]][] = [];
  private open = false;
  private readonly tables: Record<RegisterKind, Map<number, number>> = {
    holding: new Map(),
    input: new Map(),
  };

  /** @param label - prefix of error messages. */
  constructor(label = 'memory device') {
    this.label = label;
  }

  /** Whether connect() was called and close() was not. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Defines registers from `address` on. */
  set(kind: RegisterKind, address: number, values: readonly number[]): void {
    values.forEach((v, i) => this.tables[kind].set(address + i, v));
  }

  /** Registers as stored (undefined where none is defined). */
  get(kind: RegisterKind, address: number, count: number): (number | undefined)[] {
    return Array.from({ length: count }, (_, i) => this.tables[kind].get(address + i));
  }

  /** Marks the link open. */
  connect(): Promise<void> {
    this.open = true;
    return Promise.resolve();
  }

  /** Reads holding registers. */
  readHolding(address: number, count: number): Promise<number[]> {
    return this.read('holding', address, count);
  }

  /** Reads input registers. */
  readInput(address: number, count: number): Promise<number[]> {
    return this.read('input', address, count);
  }

  /** Writes holding registers that exist. */
  writeRegisters(address: number, values: readonly number[]): Promise<void> {
    return this.serve(`writing ${address}+${values.length}`, () => {
      this.check('holding', address, values.length);
      if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 0xffff))
        throw new ModbusError(`${this.label}: a value is not a 16-bit word`);
      this.set('holding', address, values);
      this.writes.push([address, [...values]]);
    });
  }

  /** Marks the link closed. */
  close(): Promise<void> {
    this.open = false;
    return Promise.resolve();
  }

  private read(kind: RegisterKind, address: number, count: number): Promise<number[]> {
    return this.serve(`reading ${kind} ${address}+${count}`, () => {
      this.check(kind, address, count);
      return this.get(kind, address, count).map((v) => v ?? 0);
    });
  }

  private check(kind: RegisterKind, address: number, count: number): void {
    const missing = this.get(kind, address, count).some((v) => v === undefined);
    if (missing)
      throw new ModbusExceptionError(
        `${this.label}: ${describeException(2)} ${kind} ${address}+${count}`,
        2,
      );
  }

  private serve<T>(what: string, run: () => T): Promise<T> {
    if (!this.open)
      return Promise.reject(new ModbusConnectionError(`${this.label}: not connected ${what}`));
    this.requests += 1;
    try {
      return Promise.resolve(run());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new ModbusError(String(err)));
    }
  }
}
