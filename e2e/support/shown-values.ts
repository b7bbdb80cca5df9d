/**
 * Reads numbers back from what the UI shows. The UI writes powers as a magnitude with a
 * direction word ("importing 1.20 kW", "charge 2.00 kW") so a technician need not remember
 * signs; a test needs the signed value again, in the EMS's conventions.
 */

/** The mark the UI shows instead of a stale or unknown value. */
export const STALE_MARK = '\u2014';

/** Words that mean the negative side: grid export, battery charge. */
const NEGATIVE_WORDS = /\b(exporting|export|charging|charge)\b/i;
const NUMBER = /([+\-\u2212]?)\s*(\d[\d,\u202f\u00a0 ]*(?:\.\d+)?)\s*(kW|W)\b/;

/**
 * A shown power in W, signed as the EMS signs it (grid + = import, battery + = discharge), or
 * null when the stale mark is shown. Throws when the text holds no power at all, so a
 * layout change fails loudly instead of reading as 0.
 */
export function parseShownWatts(text: string): number | null {
  if (text.includes(STALE_MARK)) return null;
  const m = NUMBER.exec(text);
  if (m === null) throw new Error(`no power in "${text}"`);
  const magnitude = Number((m[2] ?? '').replace(/[,\u202f\u00a0 ]/g, ''));
  if (!Number.isFinite(magnitude)) throw new Error(`unreadable power in "${text}"`);
  const watts = m[3] === 'kW' ? magnitude * 1000 : magnitude;
  const negative = m[1] === '-' || m[1] === '\u2212' || NEGATIVE_WORDS.test(text);
  return negative ? -watts : watts;
}

/** A shown percentage ("50.0 %"), or null when the stale mark is shown. */
export function parseShownPercent(text: string): number | null {
  if (text.includes(STALE_MARK)) return null;
  const m = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (m === null) throw new Error(`no percentage in "${text}"`);
  return Number(m[1]);
}
