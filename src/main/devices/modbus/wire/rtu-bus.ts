import type { TimeSource } from '../../../../shared/clock';
import type { RegisterKind } from '../modbus-transport';
import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
  ModbusTimeoutError,
  reasonOf,
} from './modbus-errors';

/**
 * One Modbus RTU bus: a serial port (or a serial gateway reached over TCP) shared by every
 * device wired to it. RTU has no transaction ids, so only one request may be on the wire at a
 * time: requests from all units queue here and go out one after the other, each after the
 * inter-frame silence has passed since the previous exchange ended.
 */

/**
 * The raw link a bus drives. Each request must settle on its own (the link's own timeout),
 * because the bus stays busy until it does: a late reply to a request the caller gave up on
 * must not be read as the answer to the next one. Failures are ModbusErrors.
 */
export interface RtuLink {
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  read(unitId: number, kind: RegisterKind, address: number, count: number): Promise<number[]>;
  write(unitId: number, address: number, values: readonly number[]): Promise<void>;
}

/** Options of {@link RtuBus}. */
export interface RtuBusOptions {
  /** "serial /dev/ttyUSB0 9600 8N1": prefix of the bus's own errors. */
  readonly label: string;
  /** Silence between the end of one exchange and the next request, ms. */
  readonly silenceMs: number;
  readonly clock: TimeSource;
}

/** Serialises the requests of every unit on one RTU bus. */
export class RtuBus {
  readonly label: string;
  /** Requests sent, for tests. */
  sent = 0;
  private tail: Promise<void> = Promise.resolve();
  private opening: Promise<void> | null = null;
  private users = 0;

  constructor(
    private readonly link: RtuLink,
    private readonly options: RtuBusOptions,
  ) {
    this.label = options.label;
  }

  /** Whether the port is open. */
  get isOpen(): boolean {
    return this.link.isOpen;
  }

  /** Opens the port if it is not (concurrent callers share one attempt). */
  async open(): Promise<void> {
    if (this.link.isOpen) return;
    this.opening ??= this.link.open().finally(() => {
      this.opening = null;
    });
    try {
      await this.opening;
    } catch (err) {
      throw new ModbusConnectionError(`cannot open ${this.label}: ${reasonOf(err)}`);
    }
  }

  /** A device starts using the bus. */
  attach(): void {
    this.users += 1;
  }

  /** A device stops using the bus; the last one out closes the port. */
  async detach(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0 && this.link.isOpen) await this.link.close();
  }

  /**
   * Queues one request. `what` names it in errors; the caller's deadline is `timeoutMs`
   * from when the request reaches the wire, so time spent queued behind other units does not
   * count against it.
   */
  run<T>(what: string, timeoutMs: number, request: (link: RtuLink) => Promise<T>): Promise<T> {
    let answer: (outcome: Outcome<T>) => void = () => undefined;
    const answered = new Promise<Outcome<T>>((resolve) => {
      answer = resolve;
    });
    // The next request waits for this exchange to end on the line and the silence to pass,
    // whatever the caller was told (a caller may give up at its deadline before that).
    this.tail = this.tail.then(() => this.exchange(what, timeoutMs, request, answer));
    return answered.then((outcome) => {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    });
  }

  private async exchange<T>(
    what: string,
    timeoutMs: number,
    request: (link: RtuLink) => Promise<T>,
    answer: (outcome: Outcome<T>) => void,
  ): Promise<void> {
    try {
      await this.open();
    } catch (err) {
      answer({ ok: false, error: asModbusError(err, what) });
      return;
    }
    this.sent += 1;
    const settled = request(this.link).then(
      (value): Outcome<T> => ({ ok: true, value }),
      (err: unknown): Outcome<T> => ({ ok: false, error: asModbusError(err, what) }),
    );
    const cancel = this.options.clock.timeout(
      () =>
        answer({
          ok: false,
          error: new ModbusTimeoutError(`${what}: no reply within ${timeoutMs} ms`),
        }),
      timeoutMs,
      { background: true },
    );
    const outcome = await settled;
    cancel();
    answer(outcome);
    await new Promise<void>((resolve) => {
      this.options.clock.timeout(resolve, this.options.silenceMs, { background: true });
    });
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ModbusError };

/** The failure as a ModbusError whose message starts with what was being done. */
function asModbusError(err: unknown, what: string): ModbusError {
  if (err instanceof ModbusExceptionError)
    return new ModbusExceptionError(`${what}: ${err.message}`, err.code);
  if (err instanceof ModbusTimeoutError) return new ModbusTimeoutError(`${what}: ${err.message}`);
  if (err instanceof ModbusError) return new ModbusConnectionError(`${what}: ${err.message}`);
  return new ModbusConnectionError(`${what}: ${reasonOf(err)}`);
}
