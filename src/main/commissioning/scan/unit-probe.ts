import type { ScanProbeView, ScanSunSpecView } from '../../../shared/scan-views';
import type { ModbusTransport } from '../../devices/modbus/modbus-transport';
import { decodeSunSpecModel } from '../../devices/modbus/sunspec/sunspec-decode';
import { sunspecModel } from '../../devices/modbus/sunspec/sunspec-models';
import { locateSunSpecChain, SUNS_MARKER } from '../../devices/modbus/sunspec/sunspec-resolver';
import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
  ModbusTimeoutError,
  reasonOf,
} from '../../devices/modbus/wire/modbus-errors';
import type { ScanLibrary } from './scan-library';

/**
 * What one Modbus unit is: nothing (no answer), a SunSpec device (its models and model 1),
 * or a device without SunSpec (which of the library's register blocks it answered). Reads
 * only; the caller hands in a read-only transport.
 */

/** The outcome of probing one unit. */
export type UnitProbeResult =
  /** Connection refused or dropped: no unit on this host:port can answer. */
  | { readonly kind: 'unreachable'; readonly reason: string }
  /** The link is up but this unit id is not there (no answer, or a gateway's "no target"). */
  | { readonly kind: 'absent'; readonly reason: string }
  | {
      readonly kind: 'device';
      readonly sunspec: ScanSunSpecView | null;
      readonly probes: readonly ScanProbeView[];
    };

/** The SunSpec bases tried after 40000, in the order devices use them. */
const OTHER_BASES = [0, 50000];
/** Exception codes a gateway answers for a unit that is not behind it. */
const GATEWAY_NO_TARGET = new Set([10, 11]);
/** Probes in a row without an answer after which a unit is not read further. */
const MAX_SILENT_PROBES = 3;

/** Probes one unit. Never rejects: every failure is a result. */
export async function probeUnit(
  t: ModbusTransport,
  library: ScanLibrary,
): Promise<UnitProbeResult> {
  try {
    await t.connect();
  } catch (err) {
    return { kind: 'unreachable', reason: reasonOf(err) };
  }
  try {
    return await probeConnected(t, library);
  } catch (err) {
    if (err instanceof ModbusConnectionError) return { kind: 'unreachable', reason: reasonOf(err) };
    return { kind: 'absent', reason: reasonOf(err) };
  }
}

async function probeConnected(t: ModbusTransport, library: ScanLibrary): Promise<UnitProbeResult> {
  let marker: number[] | null = null;
  try {
    marker = await t.readHolding(40000, 2);
  } catch (err) {
    if (err instanceof ModbusTimeoutError) return { kind: 'absent', reason: reasonOf(err) };
    if (err instanceof ModbusExceptionError && GATEWAY_NO_TARGET.has(err.code))
      return { kind: 'absent', reason: reasonOf(err) };
    if (!(err instanceof ModbusExceptionError)) throw err;
    // Any other exception is a unit answering: it just has nothing at 40000.
  }
  const atFirst = marker !== null && marker[0] === SUNS_MARKER[0] && marker[1] === SUNS_MARKER[1];
  const sunspec = await readSunSpec(t, atFirst ? [40000] : OTHER_BASES);
  if (sunspec !== null) return { kind: 'device', sunspec, probes: [] };
  return { kind: 'device', sunspec: null, probes: await readProbes(t, library) };
}

/**
 * The chain and model 1 at the first of `bases` holding 'SunS'; null when none does. Also
 * the site form's connection test, so both say the same about the same device.
 */
export async function readSunSpec(
  t: ModbusTransport,
  bases: readonly number[],
): Promise<ScanSunSpecView | null> {
  let chain;
  try {
    chain = await locateSunSpecChain(t, bases);
  } catch (err) {
    if (err instanceof ModbusConnectionError || !(err instanceof ModbusError)) throw err;
    return null;
  }
  const identity = { manufacturer: null, model: null, serial: null, version: null };
  const common = chain.headers.find((h) => h.id === 1);
  const def = sunspecModel(1);
  if (common !== undefined && def !== undefined && common.length > 0) {
    try {
      const body = await t.readHolding(common.address + 2, Math.min(common.length, 125));
      const points = decodeSunSpecModel(def, [1, common.length, ...body]).points;
      const text = (name: string): string | null => {
        const v = points.find((p) => p.name === name)?.value;
        return typeof v === 'string' ? v : null;
      };
      Object.assign(identity, {
        manufacturer: text('Mn'),
        model: text('Md'),
        serial: text('SN'),
        version: text('Vr'),
      });
    } catch (err) {
      if (err instanceof ModbusConnectionError) throw err;
      // Model 1 unreadable: the chain alone still says what the device is.
    }
  }
  return { base: chain.base, models: chain.headers.map((h) => h.id), ...identity };
}

/** The library's probe blocks this unit answered with data. */
async function readProbes(t: ModbusTransport, library: ScanLibrary): Promise<ScanProbeView[]> {
  const answered: ScanProbeView[] = [];
  let silent = 0;
  for (const probe of library.probes) {
    try {
      await (probe.kind === 'holding'
        ? t.readHolding(probe.address, probe.count)
        : t.readInput(probe.address, probe.count));
      answered.push(probe);
      silent = 0;
    } catch (err) {
      if (err instanceof ModbusConnectionError) throw err;
      if (!(err instanceof ModbusTimeoutError)) continue;
      // A unit that stops answering is not read further: each silence costs a whole timeout.
      silent += 1;
      if (silent >= MAX_SILENT_PROBES) break;
    }
  }
  return answered;
}
