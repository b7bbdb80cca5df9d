import type { SunSpecDecodedModelView, SunSpecPointView } from '../../../../shared/sunspec-views';
import { toEngineering } from '../profile/codec';
import { isScaleFactor } from '../profile/point-value';
import type { SunSpecModelDef, SunSpecPointDef, SunSpecPointType } from './sunspec-model-def';
import { fixedSize } from './sunspec-model-def';
import { symbolNames } from './sunspec-symbols';

/**
 * Decoding a SunSpec model's registers with the project's point tables. Each SunSpec type has
 * its own "not implemented" value (0x8000 for int16 and sunssf, 0xFFFF for uint16, enum16 and
 * bitfield16, 0 for accumulators, all zeros for a string, ...): a point holding it decodes to
 * null, never to a plausible number. Scale factors are applied as value = raw x 10^sf; a
 * missing or out-of-range scale factor (|sf| > 10) makes the scaled value null. Decoding is
 * total: any registers give a result, nothing throws.
 */

function word(regs: readonly number[], i: number): number {
  const v = regs[i];
  return v !== undefined && Number.isInteger(v) && v >= 0 && v <= 0xffff ? v : -1;
}

/** The unsigned value of `count` registers, high word first; null when a register is malformed. */
function unsigned(regs: readonly number[], count: number): bigint | null {
  let v = 0n;
  for (let i = 0; i < count; i += 1) {
    const w = word(regs, i);
    if (w < 0) return null;
    v = (v << 16n) | BigInt(w);
  }
  return v;
}

function signed(v: bigint, bits: number): bigint {
  return v >= 1n << BigInt(bits - 1) ? v - (1n << BigInt(bits)) : v;
}

function decodeString(regs: readonly number[]): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < regs.length; i += 1) {
    const w = word(regs, i);
    if (w < 0) return null;
    bytes.push(w >> 8, w & 0xff);
  }
  const end = bytes.indexOf(0);
  const used = end < 0 ? bytes : bytes.slice(0, end);
  // Non-printable bytes are shown as '?' so a garbage register never injects control characters.
  const text = used
    .map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?'))
    .join('')
    .trimEnd();
  return text === '' ? null : text;
}

/**
 * The raw value of a point from its registers (exactly its size, high word first, as SunSpec
 * requires). 64-bit values beyond 2^53 lose their last digits (a JavaScript number).
 */
export function decodeSunSpecRaw(
  type: SunSpecPointType,
  regs: readonly number[],
): number | string | null {
  if (type === 'string') return decodeString(regs);
  const size = fixedSize(type) ?? regs.length;
  if (regs.length !== size || (size !== 1 && size !== 2 && size !== 4)) return null;
  const bits = regs.length * 16;
  const u = unsigned(regs, regs.length);
  if (u === null) return null;
  const all = (1n << BigInt(bits)) - 1n;
  const min = 1n << BigInt(bits - 1);
  switch (type) {
    case 'int16':
    case 'int32':
    case 'int64':
    case 'sunssf':
      return u === min ? null : Number(signed(u, bits));
    case 'acc16':
    case 'acc32':
    case 'acc64':
      return u === 0n ? null : Number(u);
    case 'float32': {
      const view = new DataView(new ArrayBuffer(4));
      view.setUint32(0, Number(u));
      const f = view.getFloat32(0);
      return Number.isFinite(f) ? f : null;
    }
    case 'pad':
      return null;
    default:
      // uint16/32/64, count, enum16/32, bitfield16/32: all ones is "not implemented".
      return u === all ? null : Number(u);
  }
}

/** Decodes one point; `sfRaw` is the raw value of its scale-factor point (if it has one). */
export function decodeSunSpecPoint(
  def: SunSpecPointDef,
  regs: readonly number[],
  sfRaw?: number | string | null,
): SunSpecPointView {
  const raw = decodeSunSpecRaw(def.type, regs);
  let sf: number | null | undefined;
  let value: number | string | null = raw;
  if (def.sf !== undefined) {
    sf = typeof sfRaw === 'number' && isScaleFactor(sfRaw) ? sfRaw : null;
    value = typeof raw === 'number' && sf !== null ? toEngineering(raw, undefined, sf) : null;
  }
  return {
    name: def.name,
    offset: def.offset,
    type: def.type,
    units: def.units ?? '',
    access: def.access,
    registers: [...regs],
    raw,
    ...(sf !== undefined ? { sf } : {}),
    value,
  };
}

/**
 * Decodes a model from its registers, header included (`regs[0]` is the ID register, so
 * `regs[offset]` is the point at that offset). The header itself and pads are not listed.
 */
export function decodeSunSpecModel(
  def: SunSpecModelDef,
  regs: readonly number[],
): SunSpecDecodedModelView {
  const available = regs.length;
  const inside = def.points.filter((p) => p.offset + p.size <= available);
  const sfRaws = new Map<string, number | string | null>();
  for (const p of inside) {
    if (p.type === 'sunssf') sfRaws.set(p.name, decodeSunSpecRaw(p.type, slice(regs, p)));
  }
  const points = inside
    .filter((p) => p.offset >= 2 && p.type !== 'pad')
    .map((p) => {
      const view = decodeSunSpecPoint(
        p,
        slice(regs, p),
        p.sf === undefined ? undefined : sfRaws.get(p.sf),
      );
      const symbols = symbolNames(def.id, p.name, p.type, view.raw);
      return symbols === undefined ? view : { ...view, symbols };
    });
  const fixedEnd = def.length + 2;
  return {
    points,
    beyondLength: def.points.filter((p) => p.offset + p.size > available).map((p) => p.name),
    undecoded: available > fixedEnd ? { offset: fixedEnd, registers: regs.slice(fixedEnd) } : null,
  };
}

function slice(regs: readonly number[], p: SunSpecPointDef): number[] {
  return regs.slice(p.offset, p.offset + p.size);
}
