import type { RegisterRowView, RegisterWriteEntry } from '../../shared/commissioning-views';
import type { EmsState } from '../../shared/ems-names';
import {
  describeTypedValue,
  typedRegisterWords,
  type TypedValue,
} from '../../shared/typed-register-value';
import { reasonOf } from '../devices/modbus/wire/modbus-errors';
import type { ModbusTransport, RegisterKind } from '../devices/modbus/modbus-transport';
import {
  MAX_READ_REGISTERS,
  MAX_WRITE_REGISTERS,
  checkRequestSpan,
  readRegisters,
} from '../devices/modbus/modbus-transport';
import { interpretRegisters } from './register-console-decode';

/**
 * The register console's backend: read any block of a configured device and show it every
 * way at once, and write registers under two guards: the EMS must be in STOP (a write must
 * never fight the control loop for the same register) and the caller must confirm. Every
 * write attempt, refused ones included, goes into the write log, so a commissioning record
 * shows who changed what on which device and whether it took.
 */

/** A device the console may talk to. */
export interface ConsoleDevice {
  /** Name shown in the log ("inverter", "meter"). */
  readonly id: string;
  readonly transport: ModbusTransport;
}

/** A read the technician asked for. */
export interface ConsoleReadRequest {
  readonly kind: RegisterKind;
  readonly address: number;
  readonly count: number;
  /** Multiplier applied to every numeric view (default 1). */
  readonly scale?: number;
}

/** A block read, every register interpreted. */
export interface ConsoleReadResult {
  readonly device: string;
  readonly kind: RegisterKind;
  readonly address: number;
  readonly registers: readonly number[];
  readonly views: readonly RegisterRowView[];
}

/** A write the technician asked for. */
export interface ConsoleWriteRequest {
  readonly address: number;
  /** Register values, 0..65535 each, written in one write-multiple request. */
  readonly values: readonly number[];
  /** The EMS state as the caller sees it now; only STOP allows a write. */
  readonly emsState: EmsState;
  /** Set once the technician has confirmed this exact write. */
  readonly confirmed: boolean;
  /**
   * The typed value the words stand for, when the technician typed one ("int32 −2000"): the
   * words are computed again from it and the write is refused when they differ.
   */
  readonly typed?: TypedValue;
}

/** A request the console will not make; the message names why. */
export class RegisterConsoleError extends Error {
  override readonly name = 'RegisterConsoleError';
}

/** How to build the console. */
export interface RegisterConsoleOptions {
  /** Wall clock, ms (default Date.now). */
  readonly clock?: () => number;
  /** Entries kept in memory (default 1000, oldest dropped first). */
  readonly logLimit?: number;
  /** Told about every entry as it is logged (e.g. to persist it). */
  readonly onLog?: (entry: RegisterWriteEntry) => void;
}

/** Reads and guarded writes over any device's transport. */
export class RegisterConsole {
  private readonly clock: () => number;
  private readonly logLimit: number;
  private readonly entries: RegisterWriteEntry[] = [];

  constructor(private readonly options: RegisterConsoleOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.logLimit = options.logLimit ?? 1000;
  }

  /** Every write attempt so far, oldest first. */
  get writeLog(): readonly RegisterWriteEntry[] {
    return this.entries;
  }

  /**
   * Reads `count` registers and interprets them. Rejects with RegisterConsoleError for a bad
   * span or scale, or with the transport's ModbusError when the device fails.
   */
  async read(device: ConsoleDevice, request: ConsoleReadRequest): Promise<ConsoleReadResult> {
    const { kind, address, count, scale = 1 } = request;
    if (kind !== 'holding' && kind !== 'input')
      throw new RegisterConsoleError(`kind must be "holding" or "input", got ${String(kind)}`);
    const bad = checkRequestSpan(address, count, MAX_READ_REGISTERS);
    if (bad !== null) throw new RegisterConsoleError(`${device.id}: cannot read: ${bad}`);
    if (!Number.isFinite(scale) || scale === 0)
      throw new RegisterConsoleError(`scale must be a finite non-zero number, got ${scale}`);
    const registers = await readRegisters(device.transport, kind, address, count);
    return {
      device: device.id,
      kind,
      address,
      registers,
      views: interpretRegisters(registers, address, scale),
    };
  }

  /**
   * Writes registers when the EMS is in STOP and the write is confirmed. Resolves with the log
   * entry (result "written"); rejects with RegisterConsoleError when refused, or with the
   * transport's error when the device fails; both are logged too.
   */
  async write(device: ConsoleDevice, request: ConsoleWriteRequest): Promise<RegisterWriteEntry> {
    // The request may come straight from an API body: a non-array is refused below, not spread.
    const values: number[] = Array.isArray(request.values)
      ? (request.values as readonly number[]).slice()
      : [];
    const typed = request.typed === undefined ? undefined : describeTyped(request.typed);
    const log = (result: RegisterWriteEntry['result'], reason?: string): RegisterWriteEntry =>
      this.log(device, request.address, values, result, reason, typed);
    const refusal = refusalOf(request, values);
    if (refusal !== null) {
      log('refused', refusal);
      throw new RegisterConsoleError(`${device.id}: write refused: ${refusal}`);
    }
    try {
      await device.transport.writeRegisters(request.address, values);
    } catch (err) {
      log('failed', reasonOf(err));
      throw err;
    }
    return log('written');
  }

  private log(
    device: ConsoleDevice,
    address: number,
    values: readonly number[],
    result: RegisterWriteEntry['result'],
    reason: string | undefined,
    typed: string | undefined,
  ): RegisterWriteEntry {
    const entry: RegisterWriteEntry = {
      at: new Date(this.clock()).toISOString(),
      device: device.id,
      address,
      values: [...values],
      result,
      ...(typed !== undefined ? { typed } : {}),
      ...(reason !== undefined ? { reason } : {}),
    };
    this.entries.push(entry);
    if (this.entries.length > this.logLimit)
      this.entries.splice(0, this.entries.length - this.logLimit);
    this.options.onLog?.(entry);
    return entry;
  }
}

/** Why a write must not be made, or null when it may. */
function refusalOf(request: ConsoleWriteRequest, values: readonly number[]): string | null {
  if (request.emsState !== 'STOP')
    return `the EMS is in ${String(request.emsState)}; registers are written only in STOP, so a write never fights the control loop`;
  if (request.confirmed !== true) return 'not confirmed; confirm this write first';
  const bad = checkRequestSpan(request.address, values.length, MAX_WRITE_REGISTERS);
  if (bad !== null) return bad;
  const index = values.findIndex((v) => !Number.isInteger(v) || v < 0 || v > 0xffff);
  if (index >= 0)
    return `value ${String(values[index])} at position ${index} is not a register value 0..65535`;
  return request.typed === undefined ? null : typedMismatch(request.typed, values);
}

/** A typed value in words for the log; a malformed one (from an API body) is named as such. */
function describeTyped(typed: TypedValue): string {
  const check = typedRegisterWords(typed);
  return check.ok ? describeTypedValue(typed) : 'a typed value that does not encode';
}

/** Why the words sent are not the typed value's words, or null when they are. */
function typedMismatch(typed: TypedValue, values: readonly number[]): string | null {
  const check = typedRegisterWords(typed);
  if (!check.ok) return `the typed value cannot be written: ${check.error}`;
  const hex = (w: readonly number[]): string =>
    w.map((x) => `0x${x.toString(16).padStart(4, '0').toUpperCase()}`).join(' ');
  if (check.words.length !== values.length || check.words.some((w, i) => w !== values[i]))
    return `the words sent (${hex(values)}) are not ${describeTypedValue(typed)}, which is ${hex(check.words)}`;
  return null;
}
