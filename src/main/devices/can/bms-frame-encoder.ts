import type { BmsReading } from '../../core/measurements';
import type { BmsCanProfile } from './bms-can-profile';
import { fieldExtent } from './bms-can-profile';
import { writeAscii, writeBitGroup, writeNumeric } from './can-field-codec';
import type { FieldValue } from './can-field-codec';
import type { CanFrame } from './can-transport';
import { DEFAULT_BMS_CAN_PROFILE } from './pylontech-protocol';

/**
 * Encodes a BmsReading into the frames a battery would send: the simulator's side of the
 * profile table, the exact inverse of the decoder (same table, same field codec).
 */

/** Options of {@link encodeBmsFrames}. */
export interface BmsEncodeOptions {
  /** Profile to encode with. Default DEFAULT_BMS_CAN_PROFILE. */
  readonly table?: BmsCanProfile;
  /**
   * Values for fields a BmsReading does not carry (e.g. dischargeVoltageLimitV, forceCharge);
   * they override the defaults below. A field with no value is sent as zero bytes.
   */
  readonly extras?: Readonly<Record<string, FieldValue>>;
}

/** What a single healthy Pylontech pack puts in the fields a reading does not cover. */
const DEFAULT_EXTRAS: Readonly<Record<string, FieldValue>> = {
  moduleCount: 1,
  protocolTag: 'PN',
  productType: 'LI',
};

function readingValues(reading: BmsReading, manufacturer: string): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {
    socPct: reading.socPct,
    // Profiles with a 0.01 % SOC field (v1.3) carry the same SOC at full resolution.
    socHiResPct: reading.socPct,
    voltageV: reading.voltageV,
    currentA: reading.currentA,
    temperatureC: reading.temperatureC,
    chargeCurrentLimitA: reading.chargeCurrentLimitA,
    dischargeCurrentLimitA: reading.dischargeCurrentLimitA,
    chargeEnabled: reading.chargeEnabled,
    dischargeEnabled: reading.dischargeEnabled,
    manufacturer,
  };
  if (reading.sohPct != null) values.sohPct = reading.sohPct;
  if (reading.chargeVoltageLimitV != null) values.chargeVoltageLimitV = reading.chargeVoltageLimitV;
  return values;
}

/**
 * Encodes one reading into every frame of the profile, in table order. Each frame has the
 * profile's nominal length; fields past that length (optional variants) are not sent.
 * @param manufacturer Name for the manufacturer frame, space-padded. Default `PYLON`.
 */
export function encodeBmsFrames(
  reading: BmsReading,
  manufacturer = 'PYLON',
  options: BmsEncodeOptions = {},
): CanFrame[] {
  const table = options.table ?? DEFAULT_BMS_CAN_PROFILE;
  const values = { ...DEFAULT_EXTRAS, ...options.extras, ...readingValues(reading, manufacturer) };
  const alarms = new Set(reading.alarms);
  const warnings = new Set(reading.warnings);

  return table.frames.map((spec) => {
    const data = new Uint8Array(spec.length);
    for (const field of spec.fields) {
      if (fieldExtent(field).end > spec.length) continue;
      if (field.type === 'bits') {
        let byte = data[field.offset] ?? 0;
        for (const bit of field.bits) {
          const active =
            bit.role === 'flag'
              ? values[bit.name] === true
              : (bit.role === 'alarm' ? alarms : warnings).has(bit.name);
          byte = writeBitGroup(byte, bit, active);
        }
        data[field.offset] = byte;
        continue;
      }
      const value = values[field.name];
      if (field.type === 'ascii') {
        if (typeof value === 'string') writeAscii(data, field, value);
      } else if (typeof value === 'number') {
        writeNumeric(data, field, value);
      }
    }
    return spec.extended === true ? { id: spec.id, data, extended: true } : { id: spec.id, data };
  });
}
