/**
 * Errors of the Modbus layer. modbus-serial rejects with plain objects that are not Error
 * instances and carry no stack; every failure leaving this folder is one of these classes
 * instead, with a one-line message naming the device, the peer and what was being done.
 */

/** Base class of every Modbus failure. */
export class ModbusError extends Error {
  override readonly name: string = 'ModbusError';
}

/** The device did not answer within the configured timeout. */
export class ModbusTimeoutError extends ModbusError {
  override readonly name = 'ModbusTimeoutError';
}

/** No usable TCP link: connect failed, the link dropped, or the transport is closed. */
export class ModbusConnectionError extends ModbusError {
  override readonly name = 'ModbusConnectionError';
}

/** The device answered with a Modbus exception reply. */
export class ModbusExceptionError extends ModbusError {
  override readonly name = 'ModbusExceptionError';

  /** @param code - the exception code from the reply (1 = illegal function, 2 = illegal data address, ...). */
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** A value read from or written to the device that makes no sense (sentinel where a value is required, out of range). */
export class ModbusValueError extends ModbusError {
  override readonly name = 'ModbusValueError';
}

const EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  8: 'memory parity error',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};

/** "Modbus exception 2 (illegal data address)" for an exception code. */
export function describeException(code: number): string {
  return `Modbus exception ${code} (${EXCEPTION_NAMES[code] ?? 'unknown code'})`;
}

/** The message of anything thrown, including modbus-serial's non-Error objects and Node's errno errors. */
export function reasonOf(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' && message !== '' ? message : undefined;
    if (typeof code === 'string' && text !== undefined && !text.includes(code))
      return `${code}: ${text}`;
    if (text !== undefined) return text;
    if (typeof code === 'string') return code;
  }
  return String(err);
}
