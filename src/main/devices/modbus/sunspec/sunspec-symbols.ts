import type { SunSpecPointType } from './sunspec-model-def';
import { SUNSPEC_SYMBOL_TABLES, type Names } from './sunspec-symbol-tables';

/**
 * Enumerations and bitfields by name: ChaSt 6 is HOLDING, Evt1 0x81 is GROUND_FAULT and
 * OVER_TEMP. A technician reads the names, not the numbers, and a value the table does not
 * know is said to be unknown rather than passed off as a name.
 */

/** The symbol table of a point, or undefined when SunSpec defines none (or the point is not one). */
export function symbolTable(modelId: number, point: string): Names | undefined {
  const model = SUNSPEC_SYMBOL_TABLES[modelId];
  return model !== undefined && Object.hasOwn(model, point) ? model[point] : undefined;
}

const ENUM_TYPES: readonly SunSpecPointType[] = ['enum16', 'enum32'];
const BITFIELD_TYPES: readonly SunSpecPointType[] = ['bitfield16', 'bitfield32'];

/**
 * The names a raw value of an enum or bitfield point stands for: the value's name (or
 * "unknown value N"), or the name of every set bit, lowest first ("bit N" for a bit without
 * one; nothing for 0). Undefined when the point has no symbol table, is not an enum or
 * bitfield, or the value is not implemented (null).
 */
export function symbolNames(
  modelId: number,
  point: string,
  type: SunSpecPointType,
  raw: number | string | null,
): string[] | undefined {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) return undefined;
  const names = symbolTable(modelId, point);
  if (names === undefined) return undefined;
  if (ENUM_TYPES.includes(type)) return [names[raw] ?? `unknown value ${raw}`];
  if (!BITFIELD_TYPES.includes(type)) return undefined;
  const set: string[] = [];
  for (let bit = 0; bit < 32; bit += 1) {
    if (Math.floor(raw / 2 ** bit) % 2 === 1) set.push(names[bit] ?? `bit ${bit}`);
  }
  return set;
}
