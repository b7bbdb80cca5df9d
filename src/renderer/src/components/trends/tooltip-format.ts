import { batteryWords, gridWords, setpointWords } from '../../format/power-words';
import { SERIES, type SeriesSpec } from './chart-series';

/**
 * The trend tooltip's values in the operator's words: power in kW with its direction
 * ("importing 1.20 kW", "charging 0.85 kW"), SOC in %. A bucket longer than a second shows
 * its range ("importing 0.20 kW to exporting 0.40 kW"), so a spike inside it is not hidden.
 */

const kw = (w: number): string => `${(Math.abs(w) / 1000).toFixed(2)}\u00a0kW`;

/** The direction word of a power of one series (its sign convention, see power-words.ts). */
function direction(key: SeriesSpec['key'], w: number): string {
  switch (key) {
    case 'gridW':
      return gridWords(w).direction;
    case 'inverterW':
      return batteryWords(w).direction;
    case 'setpointW':
      return setpointWords(w).direction;
    case 'pvW':
      return Math.abs(w) < 0.5 ? 'no PV' : 'producing';
    case 'loadW':
      return w < 0 ? 'feeding back' : 'consuming';
    case 'soc':
      return '';
  }
}

/** One value of a series as the tooltip shows it. */
export function seriesValueText(key: SeriesSpec['key'], value: number): string {
  if (!Number.isFinite(value)) return '\u2014';
  if (key === 'soc') return `${value.toFixed(1)}\u00a0%`;
  return `${direction(key, value)} ${kw(value)}`;
}

/** The series a tooltip row belongs to, by its name (a band's name is the series' + " min-max"). */
export function seriesByName(name: unknown): SeriesSpec | undefined {
  if (typeof name !== 'string') return undefined;
  return SERIES.find((s) => name === s.name || name === `${s.name} min-max`);
}

/** A tooltip value: a number, or a bucket's [min, max]. */
export function tooltipText(value: unknown, name: unknown): string {
  const spec = seriesByName(name);
  const one = (v: unknown): string =>
    typeof v === 'number' && spec ? seriesValueText(spec.key, v) : String(v);
  if (Array.isArray(value)) {
    const [lo, hi] = value as unknown[];
    return lo === hi ? one(lo) : `${one(lo)} to ${one(hi)}`;
  }
  return one(value);
}
