/**
 * CSV cells and lines as RFC 4180 has them (comma separated, CRLF line ends, a field with a
 * comma, quote or line break quoted and its quotes doubled), so spreadsheets and scripts read
 * messages with any text intact. Text from outside (an external controller's name, a message
 * quoting one) may begin with = + - @: spreadsheets run such a cell as a formula, so text cells
 * that begin so get a leading apostrophe (the OWASP advice). Numbers are never touched, so a
 * negative power stays a number.
 */

/** A value of one CSV cell; null is an empty cell. */
export type CsvValue = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted when needed. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, ending in CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A time in ms since the epoch as ISO 8601 UTC; empty for a time Date cannot show. */
export function isoTime(t: number | null): string {
  if (t === null || !Number.isFinite(t) || Math.abs(t) > 8.64e15) return '';
  return new Date(t).toISOString();
}
