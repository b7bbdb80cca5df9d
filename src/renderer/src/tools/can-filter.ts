import type { CanIdRowView } from '../../../shared/can-monitor-view';

/**
 * The CAN monitor's id filter: "351, 35a 0x35E" keeps those ids; an empty filter keeps all.
 * Ids are hex, as candump and every BMS manual write them.
 */

/** The ids to keep (null = all), or why the text is not a filter. */
export type CanFilter =
  | { readonly ok: true; readonly ids: ReadonlySet<number> | null }
  | { readonly ok: false; readonly error: string };

/** Largest extended (29-bit) CAN id. */
const MAX_ID = 0x1fffffff;

/** Parses the filter text. */
export function parseCanFilter(text: string): CanFilter {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: true, ids: null };
  const ids = new Set<number>();
  for (const p of parts) {
    const hex = p.replace(/^0x/i, '');
    if (!/^[0-9a-f]{1,8}$/i.test(hex)) return { ok: false, error: `"${p}" is not a hex CAN id` };
    const id = parseInt(hex, 16);
    if (id > MAX_ID) return { ok: false, error: `"${p}" is above the largest CAN id 1FFFFFFF` };
    ids.add(id);
  }
  return { ok: true, ids };
}

/** The rows the filter keeps, in the order given. */
export function filterCanRows(
  rows: readonly CanIdRowView[],
  ids: ReadonlySet<number> | null,
): readonly CanIdRowView[] {
  return ids === null ? rows : rows.filter((r) => ids.has(r.id));
}

/** Decoded fields as "name=value" pairs, stable order. */
export function decodedText(decoded: CanIdRowView['decoded']): string {
  if (decoded === null) return '';
  return Object.entries(decoded)
    .map(
      ([k, v]) =>
        `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`,
    )
    .join('  ');
}

/** "01 02 AB": the hex string of the push, spaced per byte for reading. */
export function spacedHex(hex: string): string {
  return (hex.match(/../g) ?? []).join(' ').toUpperCase();
}
