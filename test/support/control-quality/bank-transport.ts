import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
} from '../../../src/main/devices/modbus/wire/modbus-errors';
import type {
  ModbusTransport,
  RegisterKind,
} from '../../../src/main/devices/modbus/modbus-transport';
import { ModbusServerException } from '../../../src/main/sim/modbus-server-exception';
import type { RegisterBank } from '../../../src/main/sim/register-bank';
import type { Scheduler } from '../../../src/shared/clock';

/**
 * A Modbus link to a simulated device's register bank without a socket: the real profile
 * drivers read and write the simulator's registers as over TCP, with the timing of a real
 * link on the virtual clock. A request reaches the device half a round trip after it is
 * sent, is served there (the site is brought up to that instant first), and the answer
 * arrives after the other half.
 *
 * A meter does not measure at the instant it is asked: it refreshes its registers every
 * `refreshMs` and answers with the last refresh. With `refreshMs` set, the transport keeps
 * a copy of each register span it has been asked for, taken at every refresh tick.
 */

/** Timing of one simulated link. */
export interface BankLinkTiming {
  /** Request-to-answer time of one Modbus transaction, ms. */
  readonly roundTripMs: number;
  /** The device's register refresh period, ms; null = registers are live. */
  readonly refreshMs: number | null;
}

/** A register bank reached through a simulated Modbus link. */
export class BankTransport implements ModbusTransport {
  private open = false;
  /** Transactions served, for the poll-cycle statistics. */
  requests = 0;
  /** Write transactions among them. */
  writes = 0;
  private readonly held = new Map<
    string,
    { kind: RegisterKind; address: number; count: number; words: number[] }
  >();
  private cancelRefresh: (() => void) | null = null;

  constructor(
    readonly label: string,
    private readonly bank: RegisterBank,
    private readonly time: Scheduler,
    private readonly timing: BankLinkTiming,
    /** Brings the site to the current virtual time before the device answers. */
    private readonly catchUp: () => void,
  ) {
    if (!(timing.roundTripMs >= 0)) throw new RangeError(`${label}: roundTripMs must be >= 0`);
    if (timing.refreshMs !== null && !(timing.refreshMs >= 1))
      throw new RangeError(`${label}: refreshMs must be >= 1 or null`);
  }

  get isOpen(): boolean {
    return this.open;
  }

  connect(): Promise<void> {
    this.open = true;
    const every = this.timing.refreshMs;
    if (every !== null && this.cancelRefresh === null)
      this.cancelRefresh = this.time.interval(() => this.refresh(), every);
    return Promise.resolve();
  }

  readHolding(address: number, count: number): Promise<number[]> {
    return this.transact(() => this.read('holding', address, count));
  }

  readInput(address: number, count: number): Promise<number[]> {
    return this.transact(() => this.read('input', address, count));
  }

  writeRegisters(address: number, values: readonly number[]): Promise<void> {
    if (this.open) this.writes++;
    return this.transact(() => {
      this.catchUp();
      this.bank.write(address, values);
    });
  }

  close(): Promise<void> {
    this.open = false;
    this.cancelRefresh?.();
    this.cancelRefresh = null;
    return Promise.resolve();
  }

  /** A read: the held copy of the span when the device refreshes periodically, else live. */
  private read(kind: RegisterKind, address: number, count: number): number[] {
    if (this.timing.refreshMs === null) {
      this.catchUp();
      return this.bank.read(kind, address, count);
    }
    const key = `${kind}:${address}:${count}`;
    let span = this.held.get(key);
    if (span === undefined) {
      // First request for this span: the device answers with what it measures now, and keeps it refreshed.
      this.catchUp();
      span = { kind, address, count, words: this.bank.read(kind, address, count) };
      this.held.set(key, span);
    }
    return [...span.words];
  }

  private refresh(): void {
    this.catchUp();
    for (const span of this.held.values())
      span.words = this.bank.read(span.kind, span.address, span.count);
  }

  /** One transaction: half a round trip out, served at the device, half a round trip back. */
  private transact<T>(serve: () => T): Promise<T> {
    if (!this.open)
      return Promise.reject(new ModbusConnectionError(`${this.label}: not connected`));
    this.requests++;
    const half = this.timing.roundTripMs / 2;
    return new Promise<T>((resolve, reject) => {
      this.time.timeout(() => {
        let answer: T;
        try {
          answer = serve();
        } catch (err) {
          reject(toModbusError(this.label, err));
          return;
        }
        this.time.timeout(() => resolve(answer), half);
      }, half);
    });
  }
}

/** The error a driver would see from a TCP device refusing the same request. */
function toModbusError(label: string, err: unknown): ModbusError {
  if (err instanceof ModbusServerException)
    return new ModbusExceptionError(`${label}: ${err.message}`, err.modbusErrorCode);
  return new ModbusError(`${label}: ${err instanceof Error ? err.message : String(err)}`);
}
