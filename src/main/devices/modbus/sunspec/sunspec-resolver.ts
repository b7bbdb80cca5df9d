import { registerCount } from '../profile/codec';
import { ModbusConnectionError, ModbusError, reasonOf } from '../wire/modbus-errors';
import type { ModbusTransport } from '../modbus-transport';
import type { DeviceProfile } from '../profile/profile-schema';

/**
 * SunSpec discovery: a SunSpec device announces 'SunS' at a base address, followed by a chain
 * of models, each a [model id, length] header and `length` registers, ended by id 0xFFFF.
 * Where a model sits differs per device and firmware, so profiles name points by model and
 * offset and the absolute address is resolved here at connect.
 */

/** 'SunS' as two registers. */
export const SUNS_MARKER: readonly [number, number] = [0x5375, 0x6e53];
/** Model id that ends the chain. */
export const SUNSPEC_END_ID = 0xffff;
/** More models than any real device has: a chain this long is garbage, not a device. */
const MAX_MODELS = 256;

/** Where each model of a device sits. */
export interface SunSpecMap {
  /** Address the 'SunS' marker was found at. */
  readonly base: number;
  /** Model id -> address of its ID register (the first instance when a model repeats). */
  readonly models: ReadonlyMap<number, number>;
  /** Model id -> its length register (registers after the header). */
  readonly lengths: ReadonlyMap<number, number>;
}

/** One model of the chain, as its header announces it. */
export interface SunSpecModelHeader {
  readonly id: number;
  /** Address of the model's ID register. */
  readonly address: number;
  /** Registers after the header (the model's L). */
  readonly length: number;
}

/** Told about each step of the search, for a progress display. */
export interface SunSpecChainObserver {
  /** A candidate base was read: `found` when it held 'SunS', else what it held or why not. */
  readonly onBase?: (base: number, found: boolean, detail: string) => void;
  /** A model header was read (the end marker is not reported). */
  readonly onModel?: (header: SunSpecModelHeader, index: number) => void;
}

/** The whole chain: where 'SunS' was found and every model header in device order (repeats included). */
export interface SunSpecChain {
  readonly base: number;
  readonly headers: readonly SunSpecModelHeader[];
}

/**
 * Finds 'SunS' at the first of `baseAddresses` that has it and walks the model chain.
 * Errors: no marker (lists every address tried and what it held), or a chain that runs past
 * register 65535 or is implausibly long. Link failures propagate as they are.
 */
export async function discoverSunSpec(
  transport: ModbusTransport,
  baseAddresses: readonly number[],
): Promise<SunSpecMap> {
  const { base, headers } = await locateSunSpecChain(transport, baseAddresses);
  const models = new Map<number, number>();
  const lengths = new Map<number, number>();
  for (const h of headers) {
    if (models.has(h.id)) continue;
    models.set(h.id, h.address);
    lengths.set(h.id, h.length);
  }
  return { base, models, lengths };
}

/**
 * Like {@link discoverSunSpec} but keeps every header in order (a model may repeat) and
 * reports each step to `observer`. Same errors.
 */
export async function locateSunSpecChain(
  transport: ModbusTransport,
  baseAddresses: readonly number[],
  observer: SunSpecChainObserver = {},
): Promise<SunSpecChain> {
  const tried: string[] = [];
  for (const base of baseAddresses) {
    let regs: number[];
    try {
      regs = await transport.readHolding(base, 2);
    } catch (err) {
      // A device without registers at a candidate base answers an exception or, for some, nothing.
      if (err instanceof ModbusConnectionError) throw err;
      const reason = shortReason(err, transport.label);
      tried.push(`${base} (${reason})`);
      observer.onBase?.(base, false, reason);
      continue;
    }
    if (regs[0] === SUNS_MARKER[0] && regs[1] === SUNS_MARKER[1]) {
      observer.onBase?.(base, true, "'SunS'");
      return { base, headers: await walkChain(transport, base, observer) };
    }
    const held = `held ${regs.map(hex).join(' ')}`;
    tried.push(`${base} (${held})`);
    observer.onBase?.(base, false, held);
  }
  throw new ModbusError(
    `${transport.label}: no SunSpec marker 'SunS' found; tried ${tried.join(', ')}`,
  );
}

async function walkChain(
  transport: ModbusTransport,
  base: number,
  observer: SunSpecChainObserver,
): Promise<SunSpecModelHeader[]> {
  const headers: SunSpecModelHeader[] = [];
  let address = base + 2;
  // Each header moves the address forward by at least 2, so the walk cannot loop; the model
  // cap stops a device that answers an endless run of plausible-looking headers.
  for (let n = 0; n < MAX_MODELS; n += 1) {
    if (address + 2 > 0x10000)
      throw chainError(transport, base, `runs past register 65535 after ${n} models`);
    const [id, length] = await transport.readHolding(address, 2);
    if (id === undefined || length === undefined)
      throw chainError(transport, base, `short reply at ${address}`);
    if (id === SUNSPEC_END_ID) return headers;
    const header = { id, address, length };
    headers.push(header);
    observer.onModel?.(header, n);
    address += 2 + length;
  }
  throw chainError(transport, base, `has more than ${MAX_MODELS} models without an end marker`);
}

/**
 * Absolute address of every point: its model's start plus its offset (ID register = offset 0).
 * Throws one error naming every model the profile needs that the device lacks (with the
 * points that need it and the models found), or a point whose offset lies beyond its model.
 */
export function resolveSunSpecAddresses(
  profile: DeviceProfile,
  map: SunSpecMap,
  label: string,
): Map<string, number> {
  const resolved = new Map<string, number>();
  const missing = new Map<number, string[]>();
  for (const [name, point] of Object.entries(profile.points)) {
    const model = point.model;
    if (model === undefined)
      throw new ModbusError(`${label}: point ${name} has no SunSpec model id`);
    const start = map.models.get(model);
    const length = map.lengths.get(model);
    if (start === undefined || length === undefined) {
      missing.set(model, [...(missing.get(model) ?? []), name]);
      continue;
    }
    if (point.address + registerCount(point.type) > length + 2) {
      throw new ModbusError(
        `${label}: point ${name} (offset ${point.address}) lies beyond SunSpec model ${model}, which has length ${length}`,
      );
    }
    resolved.set(name, start + point.address);
  }
  if (missing.size > 0) {
    const needs = [...missing]
      .map(([model, names]) => `model ${model} (needed by ${names.join(', ')})`)
      .join('; ');
    const found = [...map.models.keys()].join(', ') || 'none';
    throw new ModbusError(
      `${label}: SunSpec ${needs} not found on the device at base ${map.base}; it has models ${found}`,
    );
  }
  return resolved;
}

function chainError(transport: ModbusTransport, base: number, what: string): ModbusError {
  return new ModbusError(`${transport.label}: SunSpec model chain from ${base} ${what}`);
}

/** The reason without the transport's own "label: " prefix, for a compact list. */
function shortReason(err: unknown, label: string): string {
  const reason = reasonOf(err);
  return reason.startsWith(`${label}: `) ? reason.slice(label.length + 2) : reason;
}

function hex(v: number): string {
  return `0x${v.toString(16).padStart(4, '0')}`;
}
