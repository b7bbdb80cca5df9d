import type { BmsCanProfile, FrameSpec } from './bms-can-profile';
import { describeValue, formatCanId } from './can-frame';
import { readAscii, readBitGroup, readNumeric, requiredLength } from './can-field-codec';
import type { FieldValue } from './can-field-codec';
import type { CanFrame } from './can-transport';
import { DEFAULT_BMS_CAN_PROFILE } from './pylontech-protocol';

/**
 * Decodes one BMS frame with a profile table. It never throws, whatever the bytes: a bus
 * carries other devices' traffic and noise, and one odd frame must not take the EMS down.
 */

/** A frame the profile knows, decoded. */
export interface DecodedBmsFrame {
  readonly ok: true;
  readonly id: number;
  /** Numeric, flag and text fields by name (only optional fields the frame holds). */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Active alarm codes carried by this frame. */
  readonly alarms: readonly string[];
  /** Active warning codes carried by this frame. */
  readonly warnings: readonly string[];
}

/** A frame that could not be decoded: unknown to the profile, or malformed. */
export interface RejectedBmsFrame {
  readonly ok: false;
  /** The frame's id (NaN when the frame had none). */
  readonly id: number;
  /** unknown: not in the profile (other traffic, not an error); malformed: known but unreadable. */
  readonly kind: 'unknown' | 'malformed';
  readonly reason: string;
}

/** Result of {@link decodeBmsFrame}. */
export type BmsDecodeResult = DecodedBmsFrame | RejectedBmsFrame;

/** The profile's entry for a frame, or undefined when the profile does not know it. */
export function findFrameSpec(
  table: BmsCanProfile,
  id: number,
  extended: boolean,
): FrameSpec | undefined {
  return table.frames.find((spec) => spec.id === id && (spec.extended === true) === extended);
}

/** Bytes a frame needs for all its required fields. */
export function minimumFrameLength(spec: FrameSpec): number {
  return spec.fields.reduce(
    (max, f) => (f.optional === true ? max : Math.max(max, requiredLength(f))),
    0,
  );
}

function malformed(id: number, reason: string): RejectedBmsFrame {
  return { ok: false, id, kind: 'malformed', reason };
}

/**
 * Decodes a frame. Longer frames than the profile needs are fine (extra bytes are ignored);
 * shorter ones are rejected with a reason naming the id and both lengths.
 */
export function decodeBmsFrame(
  frame: CanFrame,
  table: BmsCanProfile = DEFAULT_BMS_CAN_PROFILE,
): BmsDecodeResult {
  // Frames may come from untyped native code or log files: check the shape before reading.
  const candidate = frame as Partial<CanFrame> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null)
    return malformed(NaN, 'not a CAN frame object');
  const { id, data } = candidate;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
    return malformed(NaN, `frame id ${describeValue(id)} is not a non-negative integer`);
  }
  if (!(data instanceof Uint8Array))
    return malformed(id, `frame ${formatCanId(id)} has no byte data`);

  const spec = findFrameSpec(table, id, candidate.extended === true);
  if (spec === undefined) {
    return {
      ok: false,
      id,
      kind: 'unknown',
      reason: `id ${formatCanId(id)} is not in profile ${table.name}`,
    };
  }
  const needed = minimumFrameLength(spec);
  if (data.length < needed) {
    return malformed(
      id,
      `frame ${formatCanId(id)} (${spec.label}) has ${data.length} byte(s); its fields need at least ${needed}`,
    );
  }

  const fields: Record<string, FieldValue> = {};
  const alarms: string[] = [];
  const warnings: string[] = [];
  for (const field of spec.fields) {
    if (data.length < requiredLength(field)) continue; // an optional field this frame does not carry
    if (field.type === 'ascii') {
      fields[field.name] = readAscii(data, field);
    } else if (field.type === 'bits') {
      const byte = data[field.offset] ?? 0;
      for (const bit of field.bits) {
        const active = readBitGroup(byte, bit);
        if (bit.role === 'flag') fields[bit.name] = active;
        else if (active) (bit.role === 'alarm' ? alarms : warnings).push(bit.name);
      }
    } else {
      fields[field.name] = readNumeric(data, field);
    }
  }
  // Two bits may carry one code (a profile that reads a disputed bit from either place).
  return { ok: true, id, fields, alarms: [...new Set(alarms)], warnings: [...new Set(warnings)] };
}
