/**
 * Register codec: turns 16-bit Modbus registers into raw numbers and back, and raw numbers
 * into engineering values. Pure functions, shared by the drivers and the simulator so both
 * sides of the wire agree on every bit.
 */

/** Register data types a point can have. */
export const REGISTER_TYPES = ['int16', 'uint16', 'int32', 'uint32', 'float32'] as const;
/** A register data type. */
export type RegisterType = (typeof REGISTER_TYPES)[number];

/** Word orders of 32-bit values: big = high word first (Modbus' usual), little = low word first. */
export const WORD_ORDERS = ['big', 'little'] as const;
/** Word order of a 32-bit value. */
export type WordOrder = (typeof WORD_ORDERS)[number];

const INT_RANGES: Record<Exclude<RegisterType, 'float32'>, readonly [number, number]> = {
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
};

/** Largest finite float32 magnitude; anything beyond rounds to Infinity on the wire. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Number of 16-bit registers a value of this type occupies. */
export function registerCount(type: RegisterType): 1 | 2 {
  return type === 'int16' || type === 'uint16' ? 1 : 2;
}

function checkRegister(reg: number | undefined, type: RegisterType): number {
  if (reg === undefined || !Number.isInteger(reg) || reg < 0 || reg > 0xffff) {
    throw new RangeError(`${type}: register value ${String(reg)} is not a 16-bit word`);
  }
  return reg;
}

/** Splits the two registers of a 32-bit value into [high, low] whatever the word order. */
function highLow(
  regs: readonly number[],
  type: RegisterType,
  wordOrder: WordOrder,
): [number, number] {
  if (regs.length < 2) throw new RangeError(`${type}: needs 2 registers, got ${regs.length}`);
  const first = checkRegister(regs[0], type);
  const second = checkRegister(regs[1], type);
  return wordOrder === 'big' ? [first, second] : [second, first];
}

/**
 * Decodes the first register(s) of `regs` into the raw (unscaled) value.
 * Returns null for the SunSpec "not implemented" sentinels: 0x8000 (int16), 0xFFFF (uint16),
 * 0x80000000 (int32), 0xFFFFFFFF (uint32) and NaN (float32), so a missing value never
 * masquerades as a measurement. Throws RangeError when too few or malformed registers are given.
 */
export function decodeRaw(
  regs: readonly number[],
  type: RegisterType,
  wordOrder: WordOrder,
): number | null {
  if (type === 'int16' || type === 'uint16') {
    if (regs.length < 1) throw new RangeError(`${type}: needs 1 register, got 0`);
    const reg = checkRegister(regs[0], type);
    if (type === 'uint16') return reg === 0xffff ? null : reg;
    return reg === 0x8000 ? null : reg >= 0x8000 ? reg - 0x10000 : reg;
  }
  const [high, low] = highLow(regs, type, wordOrder);
  const unsigned = high * 0x10000 + low;
  if (type === 'uint32') return unsigned === 0xffffffff ? null : unsigned;
  if (type === 'int32') {
    if (unsigned === 0x80000000) return null;
    return unsigned >= 0x80000000 ? unsigned - 0x100000000 : unsigned;
  }
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, high);
  view.setUint16(2, low);
  const value = view.getFloat32(0);
  return Number.isNaN(value) ? null : value;
}

/**
 * Encodes a raw (unscaled) value into registers in the given word order.
 * Throws RangeError naming the type when the value is not finite, not an integer for an
 * integer type, or outside the type's range.
 */
export function encodeRaw(raw: number, type: RegisterType, wordOrder: WordOrder): number[] {
  if (!Number.isFinite(raw))
    throw new RangeError(`${type}: cannot encode ${raw}, not a finite number`);
  if (type === 'float32') {
    if (Math.abs(raw) > FLOAT32_MAX)
      throw new RangeError(`float32: ${raw} is outside the float32 range`);
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, raw);
    return order(view.getUint16(0), view.getUint16(2), wordOrder);
  }
  // -0 would survive the arithmetic below as a -0 register value; it is plain 0 on the wire.
  if (raw === 0) return registerCount(type) === 1 ? [0] : [0, 0];
  const [min, max] = INT_RANGES[type];
  if (!Number.isInteger(raw)) throw new RangeError(`${type}: cannot encode ${raw}, not an integer`);
  if (raw < min || raw > max) throw new RangeError(`${type}: ${raw} is outside ${min}..${max}`);
  if (type === 'int16' || type === 'uint16') return [raw < 0 ? raw + 0x10000 : raw];
  const unsigned = raw < 0 ? raw + 0x100000000 : raw;
  return order(Math.floor(unsigned / 0x10000), unsigned % 0x10000, wordOrder);
}

function order(high: number, low: number, wordOrder: WordOrder): number[] {
  return wordOrder === 'big' ? [high, low] : [low, high];
}

/** Engineering value from a raw value: raw x 10^scaleFactor x scale (both optional). */
export function toEngineering(raw: number, scale?: number, scaleFactor?: number): number {
  return multiply(applyPower(raw, scaleFactor ?? 0), scale ?? 1);
}

/**
 * Raw value from an engineering value: the inverse of {@link toEngineering}, rounded to the
 * nearest integer for integer types (range is checked later by {@link encodeRaw}).
 */
export function toRaw(
  value: number,
  type: RegisterType,
  scale?: number,
  scaleFactor?: number,
): number {
  const raw = applyPower(multiply(value, 1 / (scale ?? 1)), -(scaleFactor ?? 0));
  return type === 'float32' ? raw : Math.round(raw);
}

/**
 * x * factor, dividing by 1/factor when that is a whole number, so a scale of 0.1 turns 3 into
 * 0.3 rather than 0.30000000000000004.
 */
function multiply(x: number, factor: number): number {
  if (factor === 1) return x;
  const inverse = 1 / factor;
  const whole = Math.round(inverse);
  return whole > 1 && Math.abs(inverse - whole) < 1e-9 ? x / whole : x * factor;
}

/**
 * x * 10^exp, dividing for negative exponents so that e.g. 1234 with sf -1 gives exactly 123.4
 * instead of 1234 * 0.1 = 123.40000000000001.
 */
function applyPower(x: number, exp: number): number {
  if (exp === 0) return x;
  return exp > 0 ? x * 10 ** exp : x / 10 ** -exp;
}
