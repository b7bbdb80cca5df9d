import { ServerTCP, type IServiceVector } from 'modbus-serial';
import { reasonOf } from '../devices/modbus/wire/modbus-errors';
import { findFreePort } from './free-port';
import { MODBUS_EXCEPTION, ModbusServerException } from './modbus-server-exception';
import type { RegisterBank } from './register-bank';

/**
 * Serves one simulated device's register bank over Modbus TCP with modbus-serial's ServerTCP.
 * Playing dead (meter silent, inverter frozen) means accepting the request and never
 * answering, exactly what makes a real client time out; closing the port instead would give
 * the client a quick "connection refused", which is a different failure.
 */

/** How to serve a device. */
export interface DeviceServerOptions {
  /** Role shown in messages ("meter", "inverter"). */
  readonly name: string;
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  readonly bank: RegisterBank;
  /** While true, requests get no answer at all. */
  readonly silent: () => boolean;
  /** Runs before every answered request, to bring the model up to date. */
  readonly beforeRequest?: () => void;
}

/** A listening device. */
export interface DeviceServer {
  readonly name: string;
  readonly host: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops listening and drops every connection; resolves once the port is free. */
  close(): Promise<void>;
}

/** The requested port is taken. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly device: string,
    readonly host: string,
    readonly port: number,
  ) {
    super(`${device} port ${port} on ${host} is already in use`);
  }
}

const EPHEMERAL_ATTEMPTS = 5;

/** A reply that never comes: one fresh promise per request, so nothing piles up on a shared one. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function illegalFunction(): never {
  throw new ModbusServerException(
    'coils and discrete inputs are not served',
    MODBUS_EXCEPTION.illegalFunction,
  );
}

function vectorFor(o: DeviceServerOptions): IServiceVector {
  const serve = <T>(run: () => T): T => {
    o.beforeRequest?.();
    return run();
  };
  // ServerTCP awaits promises found inside the array, so an array of hanging promises holds
  // a multi-register request open as surely as a single hanging promise.
  const hangingWords = (length: number): number[] => {
    const hang = never<number>();
    return Array.from({ length }, () => hang) as unknown as number[];
  };
  return {
    getHoldingRegister: (addr: number): Promise<number> | number =>
      o.silent() ? never() : serve(() => o.bank.read('holding', addr, 1)[0] ?? 0),
    getMultipleHoldingRegisters: (addr: number, length: number): number[] =>
      o.silent() ? hangingWords(length) : serve(() => o.bank.read('holding', addr, length)),
    getInputRegister: (addr: number): Promise<number> | number =>
      o.silent() ? never() : serve(() => o.bank.read('input', addr, 1)[0] ?? 0),
    getMultipleInputRegisters: (addr: number, length: number): number[] =>
      o.silent() ? hangingWords(length) : serve(() => o.bank.read('input', addr, length)),
    setRegister: (addr: number, value: number): Promise<void> | void =>
      o.silent() ? never() : serve(() => o.bank.write(addr, [value])),
    setRegisterArray: (addr: number, values: number[]): Promise<void> | void =>
      o.silent() ? never() : serve(() => o.bank.write(addr, values)),
    getCoil: illegalFunction,
    getDiscreteInput: illegalFunction,
    setCoil: illegalFunction,
  };
}

function listen(o: DeviceServerOptions, port: number): Promise<ServerTCP> {
  return new Promise((resolve, reject) => {
    const server = new ServerTCP(vectorFor(o), { host: o.host, port });
    // ServerTCP re-emits socket faults under these names; a client dropping its link is routine.
    server.on('socketError', () => undefined);
    server.on('error', () => undefined);
    server.once('initialized', () => resolve(server));
    server.once('serverError', (err: unknown) => {
      server.close(() => undefined);
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'EADDRINUSE') reject(new PortInUseError(o.name, o.host, port));
      else reject(new Error(`${o.name} cannot listen on ${o.host}:${port}: ${reasonOf(err)}`));
    });
  });
}

/**
 * Starts serving. Rejects with PortInUseError when a fixed port is taken, or an Error naming
 * the device and address for any other listen failure.
 */
export async function startDeviceServer(o: DeviceServerOptions): Promise<DeviceServer> {
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65_535) {
    throw new RangeError(`${o.name} port ${o.port} is not a TCP port (0..65535)`);
  }
  let server: ServerTCP | null = null;
  let port = o.port;
  for (let attempt = 1; server === null; attempt += 1) {
    port = o.port === 0 ? await findFreePort(o.host) : o.port;
    try {
      server = await listen(o, port);
    } catch (err) {
      // Another process may grab the probed port first; an ephemeral request simply tries again.
      if (!(err instanceof PortInUseError) || o.port !== 0 || attempt >= EPHEMERAL_ATTEMPTS)
        throw err;
    }
  }
  const running = server;
  let closing: Promise<void> | null = null;
  return {
    name: o.name,
    host: o.host,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => running.close(() => resolve()));
      return closing;
    },
  };
}
