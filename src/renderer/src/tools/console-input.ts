/**
 * Validation of the register console's inputs, field by field, before anything is sent:
 * a typo must show up next to the field that holds it, and a bad request must never reach
 * a device in the field.
 */

/** A parsed field, or why it is wrong. */
export type Field<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The most registers one Modbus read may ask for. */
export const MAX_READ_COUNT = 125;

/** Parses a whole number written in decimal or 0x-hex, within [min, max]. */
export function parseWhole(text: string, name: string, min: number, max: number): Field<number> {
  const t = text.trim();
  if (t === '') return { ok: false, error: `${name} is required` };
  const n = /^0x[0-9a-f]+$/i.test(t)
    ? parseInt(t.slice(2), 16)
    : /^[+-]?\d+$/.test(t)
      ? Number(t)
      : NaN;
  if (!Number.isFinite(n))
    return { ok: false, error: `${name} must be a whole number, got "${t}"` };
  if (n < min || n > max) return { ok: false, error: `${name} must be ${min}..${max}, got ${n}` };
  return { ok: true, value: n };
}

/** Parses the scale: any finite non-zero number (e.g. 0.1 for a deci-unit register). */
export function parseScale(text: string): Field<number> {
  const t = text.trim();
  const n = t === '' ? NaN : Number(t);
  if (!Number.isFinite(n) || n === 0)
    return { ok: false, error: `scale must be a finite non-zero number, got "${t}"` };
  return { ok: true, value: n };
}

/** The read form as typed. */
export interface ReadFormText {
  readonly address: string;
  readonly count: string;
  readonly scale: string;
}

/** Per-field errors of the read form (absent = fine). */
export type ReadFormErrors = Partial<Record<keyof ReadFormText, string>>;

/** The read form checked: the values when all are valid, else the errors per field. */
export function checkReadForm(
  form: ReadFormText,
):
  | { readonly ok: true; readonly address: number; readonly count: number; readonly scale: number }
  | { readonly ok: false; readonly errors: ReadFormErrors } {
  const address = parseWhole(form.address, 'address', 0, 65535);
  const count = parseWhole(form.count, 'count', 1, MAX_READ_COUNT);
  const scale = parseScale(form.scale);
  const errors: ReadFormErrors = {};
  if (!address.ok) errors.address = address.error;
  if (!count.ok) errors.count = count.error;
  if (!scale.ok) errors.scale = scale.error;
  if (address.ok && count.ok && address.value + count.value > 65536)
    errors.count = `address ${address.value} + count ${count.value} runs past register 65535`;
  if (address.ok && count.ok && scale.ok && Object.keys(errors).length === 0)
    return { ok: true, address: address.value, count: count.value, scale: scale.value };
  return { ok: false, errors };
}

/**
 * Splits a typed list into its entries: separated by commas or spaces, and strict about it. An
 * empty entry ("10,,5", a leading or a trailing comma) is an error naming it, never skipped:
 * a skipped entry would shift every later value onto the wrong register.
 */
export function splitValueList(text: string): Field<string[]> {
  const parts = text.split(',');
  if (parts.length === 1 && text.trim() === '')
    return { ok: false, error: 'enter at least one value' };
  const entries: string[] = [];
  for (const [i, part] of parts.entries()) {
    const t = part.trim();
    if (t === '') {
      const where =
        i === 0
          ? 'a comma with nothing before it'
          : i === parts.length - 1
            ? 'a comma with nothing after it'
            : `nothing between the commas after "${entries[entries.length - 1] ?? ''}"`;
      return { ok: false, error: `value ${entries.length + 1} is empty: ${where}` };
    }
    entries.push(...t.split(/\s+/));
  }
  return { ok: true, value: entries };
}

/**
 * Parses the words of a raw write: 0..65535 each (decimal or 0x-hex), at most `max` of them
 * (one write-multiple request). See {@link splitValueList} for the separators.
 */
export function parseWriteValues(text: string, max = 123): Field<number[]> {
  const parts = splitValueList(text);
  if (!parts.ok) return parts;
  if (parts.value.length > max)
    return { ok: false, error: `at most ${max} values in one write, got ${parts.value.length}` };
  const values: number[] = [];
  for (const [i, p] of parts.value.entries()) {
    const v = parseWhole(p, `value ${i + 1}`, 0, 65535);
    if (!v.ok) return v;
    values.push(v.value);
  }
  return { ok: true, value: values };
}

/** A decimal number as typed, the typographic minus (−) included; no hex, no units. */
export function parseDecimal(text: string, name: string): Field<number> {
  const t = text.trim().replace(/^\u2212/, '-');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t))
    return { ok: false, error: `${name} must be a number, got "${text.trim()}"` };
  const n = Number(t);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `${name} is too large` };
}

/** Parses the engineering values of a typed write (any numbers; the type checks the range). */
export function parseTypedValues(text: string, max = 123): Field<number[]> {
  const parts = splitValueList(text);
  if (!parts.ok) return parts;
  if (parts.value.length > max)
    return { ok: false, error: `at most ${max} values in one write, got ${parts.value.length}` };
  const values: number[] = [];
  for (const [i, p] of parts.value.entries()) {
    const v = parseDecimal(p, parts.value.length > 1 ? `value ${i + 1}` : 'the value');
    if (!v.ok) return v;
    values.push(v.value);
  }
  return { ok: true, value: values };
}
