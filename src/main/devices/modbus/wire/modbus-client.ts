import type { Socket } from 'node:net';
import type { TimeSource } from '../../../../shared/clock';
import { InFlightRequests } from './in-flight-requests';
import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
  ModbusTimeoutError,
  describeException,
  reasonOf,
} from './modbus-errors';
import {
  MbapReader,
  decodeReadReply,
  decodeWriteReply,
  encodeReadRequest,
  encodeWriteRequest,
  type ReplyFrame,
  type ReplyOutcome,
} from './modbus-tcp-frame';
import type { ModbusTransport } from '../modbus-transport';
import { MAX_READ_REGISTERS, MAX_WRITE_REGISTERS, checkRequestSpan } from '../modbus-transport';
import type { BackoffOptions } from './reconnect-backoff';
import { ReconnectBackoff } from './reconnect-backoff';
import { connectTcp } from './tcp-connect';

/**
 * Modbus TCP client, hardened for a controller: every request has a deadline, a dropped
 * socket rejects everything in flight at once, every rejection is a ModbusError naming the
 * device and the request, a request made while the link is down reconnects (paced by a
 * backoff), and a peer that sends what cannot be Modbus TCP is disconnected rather than
 * believed. Several requests may be in flight on the one connection (matched by transaction id).
 *
 * It frames requests itself (modbus-tcp-frame.ts) instead of going through modbus-serial:
 * measured against libmodbus' C client, modbus-serial's own per-request work (a promise chain
 * per write, a CRC computed and checked on a transport that has none, buffers copied twice)
 * held the wrapper we had on it to 0.73 of libmodbus' sequential read rate (docs/benchmarks.md).
 */

/** Options of {@link ModbusTcpClient}. */
export interface ModbusTcpOptions {
  readonly host: string;
  /** TCP port, default 502. */
  readonly port?: number;
  /** Modbus unit id, default 1. */
  readonly unitId?: number;
  /** Deadline of each request, ms; default 1000. */
  readonly timeoutMs?: number;
  /** Deadline of a TCP connect, ms; default the request timeout. */
  readonly connectTimeoutMs?: number;
  /** Role shown in messages ("meter", "inverter"); default "device". */
  readonly name?: string;
  /** Reconnect pacing; default 250 ms doubling to 5 s. */
  readonly backoff?: BackoffOptions;
  /** The host's time: request and connect deadlines, and the reconnect backoff. */
  readonly clock: TimeSource;
}

/** Modbus TCP transport to one unit. */
export class ModbusTcpClient implements ModbusTransport {
  readonly label: string;
  private readonly host: string;
  private readonly port: number;
  private readonly unitId: number;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly backoff: ReconnectBackoff;
  private readonly clock: TimeSource;
  private socket: Socket | null = null;
  private reader = new MbapReader();
  /** What to do with the reply to each request sent and not yet answered, by transaction id. */
  private readonly waiting = new Map<number, (reply: ReplyFrame) => void>();
  private nextTransactionId = 0;
  private connecting: Promise<void> | null = null;
  /** True between connect() and close(): only then may a request reopen the link. */
  private wanted = false;
  private lastFailure = 'never connected';
  private readonly inFlight: InFlightRequests;

  constructor(options: ModbusTcpOptions) {
    this.host = options.host;
    this.port = options.port ?? 502;
    this.unitId = options.unitId ?? 1;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? this.timeoutMs;
    this.backoff = new ReconnectBackoff(options.backoff);
    this.clock = options.clock;
    this.label = `${options.name ?? 'device'} ${this.host}:${this.port} unit ${this.unitId}`;
    this.inFlight = new InFlightRequests(
      this.timeoutMs,
      (what) => new ModbusTimeoutError(`${this.label}: timeout after ${this.timeoutMs} ms ${what}`),
      options.clock,
      () => this.afterTimeout(),
    );
  }

  /** Whether the TCP link is up. */
  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed;
  }

  /** Opens the link now (ignoring the backoff); later requests reopen it after a drop. */
  connect(): Promise<void> {
    this.wanted = true;
    return this.isOpen ? Promise.resolve() : this.open();
  }

  /** Reads holding registers (FC3). */
  readHolding(address: number, count: number): Promise<number[]> {
    return this.read('holding', address, count);
  }

  /** Reads input registers (FC4). */
  readInput(address: number, count: number): Promise<number[]> {
    return this.read('input', address, count);
  }

  /** Writes registers with one write-multiple request (FC16). */
  writeRegisters(address: number, values: readonly number[]): Promise<void> {
    const what = (): string => `writing ${address}+${values.length}`;
    const bad =
      checkRequestSpan(address, values.length, MAX_WRITE_REGISTERS) ??
      (values.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffff)
        ? null
        : 'a value is not a 16-bit word');
    if (bad !== null)
      return Promise.reject(new ModbusError(`${this.label}: invalid request ${what()}: ${bad}`));
    const words = [...values];
    return this.request(
      what,
      (tid) => encodeWriteRequest(tid, this.unitId, address, words),
      (pdu) => decodeWriteReply(pdu, address, words.length),
    );
  }

  /** Closes the link; pending requests are rejected and no request reopens it until connect(). */
  close(): Promise<void> {
    this.wanted = false;
    if (this.socket) this.dropLink(this.socket, 'transport closed');
    return Promise.resolve();
  }

  private read(kind: 'holding' | 'input', address: number, count: number): Promise<number[]> {
    const what = (): string => `reading ${kind} ${address}+${count}`;
    const bad = checkRequestSpan(address, count, MAX_READ_REGISTERS);
    if (bad !== null)
      return Promise.reject(new ModbusError(`${this.label}: invalid request ${what()}: ${bad}`));
    const fc = kind === 'holding' ? 3 : 4;
    return this.request(
      what,
      (tid) => encodeReadRequest(tid, this.unitId, fc, address, count),
      (pdu) => decodeReadReply(pdu, fc, count),
    );
  }

  /** Runs one request with a deadline, rejecting it early if the link drops meanwhile. */
  private request<T>(
    what: () => string,
    frame: (transactionId: number) => Buffer,
    decode: (pdu: Uint8Array) => ReplyOutcome<T>,
  ): Promise<T> {
    // The open link is the common case: no extra promise hop on the way to the socket.
    if (this.isOpen) return this.dispatch(what, frame, decode);
    return this.ensureOpen().then(() => this.dispatch(what, frame, decode));
  }

  private dispatch<T>(
    what: () => string,
    frame: (transactionId: number) => Buffer,
    decode: (pdu: Uint8Array) => ReplyOutcome<T>,
  ): Promise<T> {
    const socket = this.socket;
    if (socket === null || socket.destroyed)
      return Promise.reject(new ModbusConnectionError(`${this.label}: link lost before ${what()}`));
    const tid = this.transactionId();
    return new Promise<T>((resolve, reject) => {
      const entry = this.inFlight.add(what, (err) => {
        this.waiting.delete(tid);
        reject(err);
      });
      const onReply = (reply: ReplyFrame): void => {
        if (!this.inFlight.settle(entry)) return;
        const outcome: ReplyOutcome<T> =
          reply.unitId === this.unitId
            ? decode(reply.pdu)
            : { kind: 'malformed', reason: `reply from unit ${reply.unitId}` };
        if (outcome.kind === 'value') resolve(outcome.value);
        else if (outcome.kind === 'exception')
          reject(
            new ModbusExceptionError(
              `${this.label}: ${describeException(outcome.code)} ${what()}`,
              outcome.code,
            ),
          );
        else reject(new ModbusError(`${this.label}: ${outcome.reason}, ${what()}`));
      };
      this.waiting.set(tid, onReply);
      socket.write(frame(tid));
    });
  }

  /** The next transaction id not in flight (16-bit, wrapping). */
  private transactionId(): number {
    do this.nextTransactionId = (this.nextTransactionId + 1) & 0xffff;
    while (this.waiting.has(this.nextTransactionId));
    return this.nextTransactionId;
  }

  /** Hands each reply to the request with its transaction id; a broken stream drops the link. */
  private onData(socket: Socket, chunk: Buffer): void {
    if (this.socket !== socket) return;
    const { frames, error } = this.reader.push(chunk);
    for (const reply of frames) {
      const onReply = this.waiting.get(reply.transactionId);
      // No one waiting: a late reply to a request that already timed out.
      if (onReply === undefined) continue;
      this.waiting.delete(reply.transactionId);
      onReply(reply);
    }
    if (error !== null) this.dropLink(socket, `garbage from the device: ${error}`);
  }

  /**
   * Half a frame still buffered when a request times out means the stream is out of step:
   * the rest would be read as the start of the next reply. Reconnecting puts it back in step.
   */
  private afterTimeout(): void {
    if (this.socket !== null && this.reader.buffered > 0)
      this.dropLink(this.socket, 'a reply stopped midway, the stream is out of step');
  }

  private ensureOpen(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    if (this.socket) this.dropLink(this.socket, 'connection lost');
    if (!this.wanted)
      return Promise.reject(
        new ModbusConnectionError(
          `${this.label}: not connected (connect() not called or transport closed)`,
        ),
      );
    if (this.connecting) return this.connecting;
    // The monotonic clock has sub-millisecond resolution; the message names whole ms.
    const waitMs = Math.ceil(this.backoff.waitMs(this.clock.now()));
    if (waitMs > 0) {
      return Promise.reject(
        new ModbusConnectionError(
          `${this.label}: not connected (${this.lastFailure}), next attempt in ${waitMs} ms`,
        ),
      );
    }
    return this.open();
  }

  private open(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = connectTcp(this.host, this.port, this.connectTimeoutMs, this.clock)
      .then(
        (socket) => this.adopt(socket),
        (err: unknown) => {
          this.lastFailure = `cannot connect (${reasonOf(err)})`;
          this.backoff.failed(this.clock.now());
          throw new ModbusConnectionError(`${this.label}: ${this.lastFailure}`);
        },
      )
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  /** Takes a connected socket and watches it. */
  private adopt(socket: Socket): void {
    const lost = (reason: string) => (): void => this.dropLink(socket, reason);
    socket.on('error', (err) => this.dropLink(socket, reasonOf(err)));
    socket.on('end', lost('connection closed by the device'));
    socket.on('close', lost('connection closed'));
    if (!this.wanted) {
      socket.destroy();
      throw new ModbusConnectionError(`${this.label}: transport closed while connecting`);
    }
    socket.setKeepAlive(true, 5000);
    // A request written while another is in flight must not wait for the previous reply's ACK.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    this.socket = socket;
    this.reader = new MbapReader();
    this.backoff.succeeded();
    this.lastFailure = 'connection lost';
  }

  /** Forgets a link and rejects everything in flight on it at once. */
  private dropLink(socket: Socket, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.lastFailure = `link lost: ${reason}`;
    socket.destroy();
    this.waiting.clear();
    this.inFlight.failAll(() => new ModbusConnectionError(`${this.label}: link lost (${reason})`));
  }
}
