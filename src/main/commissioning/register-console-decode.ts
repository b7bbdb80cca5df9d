import type { RegisterRowView, WordOrderPairView } from '../../shared/commissioning-views';
import { encodeRaw, toRaw } from '../devices/modbus/profile/codec';
import type { RegisterType, WordOrder } from '../devices/modbus/profile/profile-schema';

/**
 * What the register console shows for each register of a block: the register read as int16
 * and uint16, and, together with the next register, as int32, uint32 and float32 in both word
 * orders, each times an optional scale. Commissioning means meeting devices whose manual is
 * wrong or missing, so every reading is shown side by side and the technician picks the one
 * that makes sense. These are literal readings: SunSpec's "not implemented" values are shown
 * as the numbers they are, and flagged. Pure and total: any input registers give a result.
 */

function isWord(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff;
}

function checkScale(scale: number): void {
  if (!Number.isFinite(scale) || scale === 0)
    throw new RangeError(`scale must be a finite non-zero number, got ${String(scale)}`);
}

function scaled(v: number | null, scale: number): number | null {
  if (v === null) return null;
  const out = scale === 1 ? v : v * scale;
  return Number.isFinite(out) ? out : null;
}

function pair(
  a: number | null,
  b: number | null,
  read: (high: number, low: number) => number | null,
  scale: number,
): WordOrderPairView {
  if (a === null || b === null) return { big: null, little: null };
  return { big: scaled(read(a, b), scale), little: scaled(read(b, a), scale) };
}

const u32 = (high: number, low: number): number => high * 0x10000 + low;
const i32 = (high: number, low: number): number => {
  const u = u32(high, low);
  return u >= 0x80000000 ? u - 0x100000000 : u;
};
const f32 = (high: number, low: number): number | null => {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, high);
  view.setUint16(2, low);
  const f = view.getFloat32(0);
  return Number.isFinite(f) ? f : null;
};

function char(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/**
 * Views of every register of a block read from `startAddress`. Throws RangeError only for a
 * bad `scale` (not finite, or 0); malformed registers give a view with nulls and an error.
 */
export function interpretRegisters(
  registers: readonly unknown[],
  startAddress: number,
  scale = 1,
): RegisterRowView[] {
  checkScale(scale);
  const words = registers.map((r) => (isWord(r) ? r : null));
  return words.map((word, i): RegisterRowView => {
    const next = i + 1 < words.length ? (words[i + 1] ?? null) : null;
    const base = {
      address: startAddress + i,
      word,
      int32: pair(word, next, i32, scale),
      uint32: pair(word, next, u32, scale),
      float32: pair(word, next, f32, scale),
    };
    if (word === null) {
      return {
        ...base,
        hex: '?',
        ascii: '??',
        int16: null,
        uint16: null,
        sentinel: false,
        error: `not a 16-bit register value: ${describe(registers[i])}`,
      };
    }
    return {
      ...base,
      hex: `0x${word.toString(16).padStart(4, '0')}`,
      ascii: char(word >> 8) + char(word & 0xff),
      int16: scaled(word >= 0x8000 ? word - 0x10000 : word, scale),
      uint16: scaled(word, scale),
      sentinel: word === 0x8000 || word === 0xffff,
    };
  });
}

function describe(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v === undefined || v === null) return String(v);
  return typeof v;
}

/**
 * The registers that hold `value` (an engineering value, divided by `scale` first) as `type`
 * in `wordOrder`: what the console writes when the technician types "int32 -1500". Throws
 * RangeError naming the type when the value does not fit.
 */
export function registersFor(
  value: number,
  type: RegisterType,
  wordOrder: WordOrder = 'big',
  scale = 1,
): number[] {
  checkScale(scale);
  return encodeRaw(toRaw(value, type, scale), type, wordOrder);
}
