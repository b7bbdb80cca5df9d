import { encodeRaw, toRaw } from '../devices/modbus/profile/codec';
import type { PointSpec, RegisterType, WordOrder } from '../devices/modbus/profile/profile-schema';

/**
 * Turning a model's engineering value into the registers of one profile point, the way a
 * device does it: through the shared codec, with the "not implemented" sentinel when the
 * model has no value, and pinned at the register's range rather than wrapped.
 */

/** Words of the codec's "not implemented" sentinel for a type. */
export function sentinel(type: RegisterType, wordOrder: WordOrder): number[] {
  switch (type) {
    case 'int16':
      return [0x8000];
    case 'uint16':
      return [0xffff];
    case 'int32':
      return wordOrder === 'big' ? [0x8000, 0] : [0, 0x8000];
    case 'uint32':
      return [0xffff, 0xffff];
    case 'float32':
      return wordOrder === 'big' ? [0x7fc0, 0] : [0, 0x7fc0];
  }
}

/** Integer range a raw value is clamped to before encoding (a model value may exceed it). */
const RAW_RANGE: Record<Exclude<RegisterType, 'float32'>, readonly [number, number]> = {
  int16: [-0x7fff, 0x7fff],
  uint16: [0, 0xfffe],
  int32: [-0x7fffffff, 0x7fffffff],
  uint32: [0, 0xfffffffe],
};

/**
 * Registers for `value` at point `spec`. `scaleFactor` is the SunSpec exponent (0 when the
 * point has none, null when its scale-factor point has no value: then the point reads as
 * "not implemented" too, since no honest raw value exists).
 */
export function encodePoint(
  spec: PointSpec,
  wordOrder: WordOrder,
  value: number | null | undefined,
  scaleFactor: number | null,
): number[] {
  if (typeof value !== 'number' || !Number.isFinite(value) || scaleFactor === null) {
    return sentinel(spec.type, wordOrder);
  }
  let raw = toRaw(value, spec.type, spec.scale, scaleFactor);
  if (spec.type !== 'float32') {
    // A model value beyond the register's range pins at the edge rather than wrapping or
    // landing on the sentinel, as a real device's saturated reading does.
    const [min, max] = RAW_RANGE[spec.type];
    raw = Math.min(max, Math.max(min, raw));
  }
  return encodeRaw(raw, spec.type, wordOrder);
}
