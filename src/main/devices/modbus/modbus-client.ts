import type { Socket } from 'node:net';
import ModbusRTU from 'modbus-serial';
import {
  ModbusConnectionError,
  ModbusError,
  ModbusTimeoutError,
  fromModbusSerial,
  reasonOf,
} from './modbus-errors';
import type { ModbusTransport } from './modbus-transport';
import { MAX_READ_REGISTERS, MAX_WRITE_REGISTERS, checkRequestSpan } from './modbus-transport';
import type { BackoffOptions } from './reconnect-backoff';
import { ReconnectBackoff } from './reconnect-backoff';
import { connectTcp } from './tcp-connect';

/**
 * Modbus TCP client over modbus-serial, hardened where that library is soft (measured, see
 * environment.md): it has no default timeout, leaves a request hanging when the link dies,
 * rejects with non-Error objects and never reconnects. Here every request has a deadline, a
 * dropped socket rejects everything in flight at once, every rejection is a ModbusError, and
 * a request made while the link is down reconnects, paced by a backoff.
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
  /** Clock for the backoff, ms; default Date.now. */
  readonly now?: () => number;
}

interface Pending {
  readonly fail: (err: ModbusError) => void;
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
  private readonly now: () => number;
  private socket: Socket | null = null;
  private client: ModbusRTU | null = null;
  private connecting: Promise<void> | null = null;
  /** True between connect() and close(): only then may a request reopen the link. */
  private wanted = false;
  private lastFailure = 'never connected';
  private readonly pending = new Set<Pending>();

  constructor(options: ModbusTcpOptions) {
    this.host = options.host;
    this.port = options.port ?? 502;
    this.unitId = options.unitId ?? 1;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? this.timeoutMs;
    this.backoff = new ReconnectBackoff(options.backoff);
    this.now = options.now ?? Date.now;
    this.label = `${options.name ?? 'device'} ${this.host}:${this.port} unit ${this.unitId}`;
  }

  /** Whether the TCP link is up. */
  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed && this.client?.isOpen === true;
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
    const what = `writing ${address}+${values.length}`;
    const bad =
      checkRequestSpan(address, values.length, MAX_WRITE_REGISTERS) ??
      (values.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffff)
        ? null
        : 'a value is not a 16-bit word');
    if (bad !== null)
      return Promise.reject(new ModbusError(`${this.label}: invalid request ${what}: ${bad}`));
    return this.request(what, async (client) => {
      await client.writeRegisters(address, [...values]);
    });
  }

  /** Closes the link; pending requests are rejected and no request reopens it until connect(). */
  close(): Promise<void> {
    this.wanted = false;
    if (this.socket) this.dropLink(this.socket, 'transport closed');
    return Promise.resolve();
  }

  private read(kind: 'holding' | 'input', address: number, count: number): Promise<number[]> {
    const what = `reading ${kind} ${address}+${count}`;
    const bad = checkRequestSpan(address, count, MAX_READ_REGISTERS);
    if (bad !== null)
      return Promise.reject(new ModbusError(`${this.label}: invalid request ${what}: ${bad}`));
    return this.request(what, async (client) => {
      const reply =
        kind === 'holding'
          ? await client.readHoldingRegisters(address, count)
          : await client.readInputRegisters(address, count);
      if (reply.data.length !== count) {
        throw new ModbusError(
          `${this.label}: reply has ${reply.data.length} registers, expected ${count}, ${what}`,
        );
      }
      return reply.data;
    });
  }

  /** Runs one request with a deadline, rejecting it early if the link drops meanwhile. */
  private async request<T>(what: string, run: (client: ModbusRTU) => Promise<T>): Promise<T> {
    await this.ensureOpen();
    const client = this.client;
    if (client === null || !this.isOpen)
      throw new ModbusConnectionError(`${this.label}: link lost before ${what}`);
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        this.pending.delete(entry);
        return true;
      };
      const entry: Pending = {
        fail: (err) => {
          if (finish()) reject(err);
        },
      };
      const timer = setTimeout(
        () =>
          entry.fail(
            new ModbusTimeoutError(`${this.label}: timeout after ${this.timeoutMs} ms ${what}`),
          ),
        this.timeoutMs,
      );
      this.pending.add(entry);
      run(client).then(
        (value) => {
          if (finish()) resolve(value);
        },
        (err: unknown) => entry.fail(fromModbusSerial(err, this.label, what, this.timeoutMs)),
      );
    });
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
    const waitMs = this.backoff.waitMs(this.now());
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
    this.connecting = connectTcp(this.host, this.port, this.connectTimeoutMs)
      .then(
        (socket) => this.adopt(socket),
        (err: unknown) => {
          this.lastFailure = `cannot connect (${reasonOf(err)})`;
          this.backoff.failed(this.now());
          throw new ModbusConnectionError(`${this.label}: ${this.lastFailure}`);
        },
      )
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  /** Hands a connected socket to modbus-serial and watches it ourselves. */
  private async adopt(socket: Socket): Promise<void> {
    const lost = (reason: string) => (): void => this.dropLink(socket, reason);
    socket.on('error', (err) => this.dropLink(socket, reasonOf(err)));
    socket.on('end', lost('connection closed by the device'));
    socket.on('close', lost('connection closed'));
    if (!this.wanted) {
      socket.destroy();
      throw new ModbusConnectionError(`${this.label}: transport closed while connecting`);
    }
    socket.setKeepAlive(true, 5000);
    const client = new ModbusRTU();
    // Port errors are reported through the socket listeners above; this only keeps an
    // unexpected 'error' event from crashing the process.
    client.on('error', () => undefined);
    await client.linkTCP(socket, { port: this.port });
    client.setID(this.unitId);
    client.setTimeout(this.timeoutMs);
    this.socket = socket;
    this.client = client;
    this.backoff.succeeded();
    this.lastFailure = 'connection lost';
  }

  /** Forgets a link and rejects everything in flight on it at once. */
  private dropLink(socket: Socket, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.client = null;
    this.lastFailure = `link lost: ${reason}`;
    socket.destroy();
    for (const entry of [...this.pending])
      entry.fail(new ModbusConnectionError(`${this.label}: link lost (${reason})`));
  }
}
