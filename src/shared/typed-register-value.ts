/**
 * Typed register writes: the technician types an engineering value with a type ("−2000 W as
 * int32, high word first"), and this turns it into the 16-bit words that go on the wire. The
 * renderer shows those words before the write is confirmed; main computes them again from the
 * same description and refuses a write whose words differ, so what was shown is what is written.
 * Pure: no I/O, no clock.
 */

/** The types a value can be written as. */
export const TYPED_VALUE_TYPES = ['int16', 'uint16', 'int32', 'uint32', 'float32'] as const;
/** A type a value can be written as. */
export type TypedValueType = (typeof TYPED_VALUE_TYPES)[number];

/** Word orders of 32-bit types: big = high word first (the Modbus norm), little = low word first. */
export const TYPED_WORD_ORDERS = ['big', 'little'] as const;
/** A word order of 32-bit types. */
export type TypedWordOrder = (typeof TYPED_WORD_ORDERS)[number];

/** A typed write as the technician describes it. */
export interface TypedValue {
  readonly type: TypedValueType;
  /** Only matters for 32-bit types. */
  readonly wordOrder: TypedWordOrder;
  /** Engineering value = register value x scale (e.g. 0.1 for a register in 0.1 V). */
  readonly scale: number;
  /** Engineering values, written one after the other. */
  readonly values: readonly number[];
}

/** The words of a typed write, or what is wrong with it. */
export type TypedWords =
  | {
      readonly ok: true;
      /** The registers to write, 0..65535 each, in order. */
      readonly words: readonly number[];
      /** The engineering values the device will hold (float32 rounds, e.g. 0.1 -> 0.100000001). */
      readonly stored: readonly number[];
    }
  | { readonly ok: false; readonly error: string };

/** Registers one value of `type` occupies. */
export function wordsPerValue(type: TypedValueType): 1 | 2 {
  return type === 'int16' || type === 'uint16' ? 1 : 2;
}

const INT_RANGES: Readonly<Record<Exclude<TypedValueType, 'float32'>, readonly [number, number]>> =
  {
    int16: [-0x8000, 0x7fff],
    uint16: [0, 0xffff],
    int32: [-0x80000000, 0x7fffffff],
    uint32: [0, 0xffffffff],
  };

const FLOAT32_MAX = 3.4028234663852886e38;

/** How far a quotient may sit from a whole number and still count as one (230.5 / 0.1). */
function nearlyWhole(x: number): number | null {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : null;
}

/** One value's register value (before splitting into words), or why it cannot be written. */
function rawOf(value: number, type: TypedValueType, scale: number): number | string {
  if (!Number.isFinite(value)) return `${String(value)} is not a number`;
  const raw = value / scale;
  if (type === 'float32') {
    if (!Number.isFinite(raw) || Math.abs(raw) > FLOAT32_MAX)
      return `${value} does not fit float32 (at most ±3.4e38)`;
    return Math.fround(raw);
  }
  const whole = nearlyWhole(raw);
  const [min, max] = INT_RANGES[type];
  if (whole === null)
    return scale === 1
      ? `${value} is not a whole number; ${type} holds whole numbers only`
      : `${value} at scale ${scale} is ${raw} register steps; ${type} holds whole steps only`;
  if (whole < min || whole > max) {
    const at = scale === 1 ? '' : ` (${whole} register steps at scale ${scale})`;
    return `${value}${at} does not fit ${type} (${min}..${max})`;
  }
  return whole;
}

/** The words of one register value of `type`, high word first. */
function wordsOf(raw: number, type: TypedValueType): number[] {
  switch (type) {
    case 'int16':
    case 'uint16':
      return [raw < 0 ? raw + 0x10000 : raw];
    case 'int32':
    case 'uint32': {
      const u = raw < 0 ? raw + 0x100000000 : raw;
      return [Math.floor(u / 0x10000), u % 0x10000];
    }
    case 'float32': {
      const view = new DataView(new ArrayBuffer(4));
      view.setFloat32(0, raw);
      return [view.getUint16(0), view.getUint16(2)];
    }
  }
}

/** Why `t` is not a typed write at all (unknown type or word order, bad scale, no values), or null. */
function shapeError(t: TypedValue): string | null {
  if (!TYPED_VALUE_TYPES.includes(t.type))
    return `type must be one of ${TYPED_VALUE_TYPES.join(', ')}, got ${String(t.type)}`;
  if (!TYPED_WORD_ORDERS.includes(t.wordOrder))
    return `word order must be "big" or "little", got ${String(t.wordOrder)}`;
  if (typeof t.scale !== 'number' || !Number.isFinite(t.scale) || t.scale === 0)
    return `scale must be a finite non-zero number, got ${String(t.scale)}`;
  if (!Array.isArray(t.values) || t.values.length === 0) return 'enter at least one value';
  return null;
}

/**
 * The words that write `t`: each value divided by the scale, checked to fit the type (whole
 * steps for the integer types), and split into words in the chosen order. Never throws; an
 * error names the value (by position when there are several) and what is wrong with it.
 */
export function typedRegisterWords(t: TypedValue): TypedWords {
  const bad = shapeError(t);
  if (bad !== null) return { ok: false, error: bad };
  const words: number[] = [];
  const stored: number[] = [];
  for (const [i, value] of t.values.entries()) {
    const raw = rawOf(value, t.type, t.scale);
    if (typeof raw === 'string') {
      const which = t.values.length > 1 ? `value ${i + 1}: ` : '';
      return { ok: false, error: `${which}${raw}` };
    }
    const w = wordsOf(raw, t.type);
    words.push(...(t.wordOrder === 'little' ? w.reverse() : w));
    stored.push(raw * t.scale);
  }
  return { ok: true, words, stored };
}

/** "int32 −2000 (scale 1, high word first)": a typed write in words, for logs and dialogs. */
export function describeTypedValue(t: TypedValue): string {
  const order =
    wordsPerValue(t.type) === 1
      ? ''
      : t.wordOrder === 'big'
        ? ', high word first'
        : ', low word first';
  return `${t.type} ${t.values.join(', ')} (scale ${t.scale}${order})`;
}
