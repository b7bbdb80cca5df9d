import type { SunSpecPointView } from '../../../../shared/sunspec-views';
import type { ModbusTransport } from '../modbus-transport';
import { decodeSunSpecModel } from './sunspec-decode';
import { MODEL_1 } from './sunspec-models-common';
import type { SunSpecMap } from './sunspec-resolver';

/** Who made a device and which unit it is, from SunSpec model 1 (common). */
export interface DeviceIdentity {
  /** Mn. */
  readonly manufacturer: string | null;
  /** Md. */
  readonly model: string | null;
  /** SN. */
  readonly serial: string | null;
  /** Vr (the firmware version). */
  readonly version: string | null;
}

/** The identity in model 1's decoded points; a point that is absent or blank gives null. */
export function identityFromPoints(points: readonly SunSpecPointView[]): DeviceIdentity {
  const text = (name: string): string | null => {
    const v = points.find((p) => p.name === name)?.value;
    return v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();
  };
  return { manufacturer: text('Mn'), model: text('Md'), serial: text('SN'), version: text('Vr') };
}

/**
 * Reads model 1 where the walked chain has it (one request: the header and the 66 registers
 * of the fixed block fit in 125); null when the device has no model 1. Read errors propagate.
 */
export async function readSunSpecIdentity(
  transport: ModbusTransport,
  map: SunSpecMap,
): Promise<DeviceIdentity | null> {
  const address = map.models.get(MODEL_1.id);
  const length = map.lengths.get(MODEL_1.id);
  if (address === undefined || length === undefined) return null;
  const regs = await transport.readHolding(address, Math.min(length, MODEL_1.length) + 2);
  return identityFromPoints(decodeSunSpecModel(MODEL_1, regs).points);
}
