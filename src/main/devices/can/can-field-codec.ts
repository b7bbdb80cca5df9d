import { fieldExtent } from './bms-can-profile';
import type { AsciiFieldSpec, BitSpec, FieldSpec, NumericFieldSpec } from './bms-can-profile';

/**
 * Reading and writing single profile fields in CAN data bytes: the one place that knows
 * byte order, sign, scale and bit groups, shared by the decoder and the encoder so the two
 * cannot disagree.
 */

/** A decoded field value. */
export type FieldValue = number | boolean | string;

const RANGES = { u8: [0, 0xff], u16: [0, 0xffff], s16: [-0x8000, 0x7fff] } as const;

/**
 * Bytes a frame must have for a decoder to read this field. Text is the exception: names
 * are often sent short, so one byte is enough and the rest is read as far as it goes.
 */
export function requiredLength(field: FieldSpec): number {
  return field.type === 'ascii' ? field.offset + 1 : fieldExtent(field).end;
}

/**
 * The integer that 1/scale is, when it is one (0.1 -> 10). Dividing by it instead of
 * multiplying by the scale keeps 523 x 0.1 from printing as 52.300000000000004.
 */
function inverseScale(scale: number): number | null {
  const inverse = 1 / scale;
  const rounded = Math.round(inverse);
  return rounded !== 0 && Math.abs(inverse - rounded) < 1e-9 ? rounded : null;
}

/** Reads a numeric field; the caller has checked the frame holds it. */
export function readNumeric(data: Uint8Array, field: NumericFieldSpec): number {
  let raw: number;
  if (field.type === 'u8') {
    raw = data[field.offset] ?? 0;
  } else {
    const first = data[field.offset] ?? 0;
    const second = data[field.offset + 1] ?? 0;
    raw = field.endian === 'big' ? (first << 8) | second : (second << 8) | first;
    if (field.type === 's16' && raw >= 0x8000) raw -= 0x10000;
  }
  const scale = field.scale ?? 1;
  const inverse = inverseScale(scale);
  return inverse !== null ? raw / inverse : raw * scale;
}

/** Writes a numeric field, rounding to the field's resolution and saturating at its range. */
export function writeNumeric(data: Uint8Array, field: NumericFieldSpec, value: number): void {
  const scale = field.scale ?? 1;
  const inverse = inverseScale(scale);
  const scaled = inverse !== null ? value * inverse : value / scale;
  const [min, max] = RANGES[field.type];
  // A non-finite value has no honest encoding; 0 is the quietest thing to put on the wire.
  const raw = Number.isFinite(scaled) ? Math.min(max, Math.max(min, Math.round(scaled))) : 0;
  const unsigned = raw < 0 ? raw + 0x10000 : raw;
  if (field.type === 'u8') {
    data[field.offset] = unsigned & 0xff;
    return;
  }
  const low = unsigned & 0xff;
  const high = (unsigned >> 8) & 0xff;
  data[field.offset] = field.endian === 'big' ? high : low;
  data[field.offset + 1] = field.endian === 'big' ? low : high;
}

/** Reads text up to the field's length or the frame's end, dropping NUL and space padding. */
export function readAscii(data: Uint8Array, field: AsciiFieldSpec): string {
  const end = Math.min(data.length, field.offset + field.length);
  let text = '';
  for (let i = field.offset; i < end; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0) break;
    // Non-printable bytes would corrupt logs and the UI: show them as '?'.
    text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '?';
  }
  return text.trimEnd();
}

/** Writes text, padded with spaces (as Pylontech pads its name) and cut to the field's length. */
export function writeAscii(data: Uint8Array, field: AsciiFieldSpec, text: string): void {
  for (let i = 0; i < field.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x20;
    data[field.offset + i] = code >= 0x20 && code < 0x7f ? code : 0x3f;
  }
}

function groupMask(spec: BitSpec): number {
  return (1 << (spec.width ?? 1)) - 1;
}

/** Whether a bit group is active in its byte. */
export function readBitGroup(byte: number, spec: BitSpec): boolean {
  const mask = groupMask(spec);
  return ((byte >> spec.bit) & mask) === (spec.activeValue ?? mask);
}

/** Sets a bit group in a byte to its active or inactive value; returns the new byte. */
export function writeBitGroup(byte: number, spec: BitSpec, active: boolean): number {
  const mask = groupMask(spec);
  const value = active ? (spec.activeValue ?? mask) : (spec.inactiveValue ?? 0);
  return ((byte & ~(mask << spec.bit)) | ((value & mask) << spec.bit)) & 0xff;
}
