/**
 * The small interface every Modbus device driver talks through. The TCP implementation is
 * modbus-client.ts; memory-transport.ts serves a register map in-process for unit tests.
 */

/** Which register table a request addresses. */
export type RegisterKind = 'holding' | 'input';

/** Largest register count of one read request (Modbus FC3/FC4 limit). */
export const MAX_READ_REGISTERS = 125;
/** Largest register count of one write-multiple request (Modbus FC16 limit). */
export const MAX_WRITE_REGISTERS = 123;

/**
 * A Modbus link to one unit. Every method returns a promise that settles (never hangs past the
 * transport's timeout) and rejects only with a ModbusError; nothing throws synchronously.
 */
export interface ModbusTransport {
  /** "inverter 10.0.0.5:502 unit 1": used as the prefix of every error message. */
  readonly label: string;
  /** Whether the link is up right now. */
  readonly isOpen: boolean;
  /** Opens the link (and allows later requests to reopen it after a drop). */
  connect(): Promise<void>;
  /** Reads `count` holding registers (FC3) from `address`. */
  readHolding(address: number, count: number): Promise<number[]>;
  /** Reads `count` input registers (FC4) from `address`. */
  readInput(address: number, count: number): Promise<number[]>;
  /** Writes registers from `address` in one write-multiple request (FC16). */
  writeRegisters(address: number, values: readonly number[]): Promise<void>;
  /** Closes the link for good (until connect() is called again); pending requests are rejected. */
  close(): Promise<void>;
}

/** Reads `count` registers of the given kind. */
export function readRegisters(
  transport: ModbusTransport,
  kind: RegisterKind,
  address: number,
  count: number,
): Promise<number[]> {
  return kind === 'holding'
    ? transport.readHolding(address, count)
    : transport.readInput(address, count);
}

/** Why a request span is invalid (address 0..65535, 1..max registers, not past 65535), or null when valid. */
export function checkRequestSpan(address: number, count: number, max: number): string | null {
  if (!Number.isInteger(address) || address < 0 || address > 0xffff) {
    return `address ${address} is not 0..65535`;
  }
  if (!Number.isInteger(count) || count < 1 || count > max)
    return `count ${count} is not 1..${max}`;
  if (address + count > 0x10000) return 'the span runs past register 65535';
  return null;
}
