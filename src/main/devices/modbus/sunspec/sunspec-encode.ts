import type { SunSpecModelDef, SunSpecPointType } from './sunspec-model-def';
import { fixedSize } from './sunspec-model-def';

/**
 * The inverse of sunspec-decode: raw point values into registers, with each type's "not
 * implemented" value for null. The simulator uses it for the constant parts of its SunSpec
 * image (model 1's strings, headers) and tests use it to build devices to discover.
 */

function sentinel(type: SunSpecPointType, size: number): number[] {
  const words = (first: number, rest: number): number[] =>
    Array.from({ length: size }, (_, i) => (i === 0 ? first : rest));
  switch (type) {
    case 'int16':
    case 'int32':
    case 'int64':
    case 'sunssf':
    case 'pad':
      return words(0x8000, 0);
    case 'acc16':
    case 'acc32':
    case 'acc64':
    case 'string':
      return words(0, 0);
    case 'float32':
      return [0x7fc0, 0];
    default:
      return words(0xffff, 0xffff);
  }
}

const SIGNED: readonly SunSpecPointType[] = ['int16', 'int32', 'int64', 'sunssf', 'float32'];

/**
 * Registers of one point. `size` is needed for strings (registers the string occupies).
 * Throws RangeError naming the type for a value that does not fit.
 */
export function encodeSunSpecRaw(
  type: SunSpecPointType,
  raw: number | string | null,
  size = fixedSize(type) ?? 1,
): number[] {
  if (raw === null) return sentinel(type, size);
  if (type === 'string') {
    if (typeof raw !== 'string') throw new RangeError(`string: ${String(raw)} is not text`);
    const bytes = [...raw].map((c) => c.charCodeAt(0));
    if (bytes.length > size * 2 || bytes.some((b) => b > 0x7e || b < 0x20))
      throw new RangeError(
        `string: "${raw}" is not printable ASCII of at most ${size * 2} characters`,
      );
    return Array.from(
      { length: size },
      (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0),
    );
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw))
    throw new RangeError(`${type}: ${String(raw)} is not a finite number`);
  if (type === 'float32') {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, raw);
    return [view.getUint16(0), view.getUint16(2)];
  }
  const bits = BigInt(size * 16);
  const signed = SIGNED.includes(type);
  const min = signed ? -(1n << (bits - 1n)) : 0n;
  const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  if (!Number.isInteger(raw) || BigInt(raw) < min || BigInt(raw) > max)
    throw new RangeError(`${type}: ${raw} is not a whole number in ${min}..${max}`);
  let v = BigInt(raw) < 0n ? BigInt(raw) + (1n << bits) : BigInt(raw);
  const out: number[] = [];
  for (let i = 0; i < size; i += 1) {
    out.unshift(Number(v & 0xffffn));
    v >>= 16n;
  }
  return out;
}

/**
 * Register values by offset (the form buildSunSpecImage takes) for the named points of a
 * model, raw values. Throws Error naming an unknown point.
 */
export function sunspecModelValues(
  def: SunSpecModelDef,
  raws: Readonly<Record<string, number | string | null>>,
): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [name, raw] of Object.entries(raws)) {
    const p = def.points.find((x) => x.name === name);
    if (p === undefined) throw new Error(`model ${def.id} has no point ${name}`);
    encodeSunSpecRaw(p.type, raw, p.size).forEach((w, i) => (out[p.offset + i] = w));
  }
  return out;
}
