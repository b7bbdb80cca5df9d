import { parseWhole, splitValueList } from './console-input';

/**
 * The SunSpec discovery's fields: the base addresses to look for 'SunS' at and the unit id to
 * scan. Both may be left empty (the usual bases; the device's own unit id).
 */

/** The scan fields as typed. */
export interface DiscoveryFormText {
  readonly bases: string;
  readonly unitId: string;
}

/** Per-field errors (absent = fine). */
export type DiscoveryFormErrors = Partial<Record<keyof DiscoveryFormText, string>>;

/** Most bases one discovery tries (the contract's limit). */
const MAX_BASES = 8;

/** The scan fields checked: null where a field was left empty. */
export function checkDiscoveryForm(
  form: DiscoveryFormText,
):
  | { readonly ok: true; readonly bases: number[] | null; readonly unitId: number | null }
  | { readonly ok: false; readonly errors: DiscoveryFormErrors } {
  const errors: DiscoveryFormErrors = {};
  let bases: number[] | null = null;
  if (form.bases.trim() !== '') {
    const parts = splitValueList(form.bases);
    if (!parts.ok) errors.bases = `base address: ${parts.error}`;
    else if (parts.value.length > MAX_BASES)
      errors.bases = `at most ${MAX_BASES} base addresses, got ${parts.value.length}`;
    else {
      bases = [];
      for (const p of parts.value) {
        const b = parseWhole(p, 'base address', 0, 65534);
        if (!b.ok) {
          errors.bases = b.error;
          break;
        }
        bases.push(b.value);
      }
    }
  }
  let unitId: number | null = null;
  if (form.unitId.trim() !== '') {
    const u = parseWhole(form.unitId, 'unit id', 0, 255);
    if (u.ok) unitId = u.value;
    else errors.unitId = u.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, bases, unitId };
}
