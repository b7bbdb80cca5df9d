import type { SunSpecPointView } from '../../../shared/sunspec-views';

/**
 * A discovered SunSpec point's value as the discovery screen prints it: the engineering value
 * with its units, and for enumerations and bitfields the names SunSpec gives them
 * ("6 HOLDING", "0x0081: GROUND_FAULT, OVER_TEMP").
 */
export function sunspecPointText(p: SunSpecPointView): string {
  if (p.value === null)
    return p.raw === null ? 'not implemented' : `${String(p.raw)} (no valid scale)`;
  const value = `${String(p.value)}${p.units ? ` ${p.units}` : ''}`;
  if (p.symbols === undefined || typeof p.raw !== 'number') return value;
  if (p.type.startsWith('bitfield')) {
    const hex = `0x${p.raw
      .toString(16)
      .toUpperCase()
      .padStart(p.type === 'bitfield32' ? 8 : 4, '0')}`;
    return `${hex}: ${p.symbols.length === 0 ? 'no bit set' : p.symbols.join(', ')}`;
  }
  return `${value} ${p.symbols.join(', ')}`;
}
