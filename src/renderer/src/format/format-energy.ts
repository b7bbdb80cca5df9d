import { STALE_TEXT } from './format-values';

/**
 * An energy in words: whole Wh below 1 kWh, kWh with two decimals above (a day's counters
 * reach tens of kWh). Unknown is "—". The non-breaking space keeps number and unit together.
 */
export function formatEnergy(wh: number | null): string {
  if (wh === null || !Number.isFinite(wh)) return STALE_TEXT;
  if (Math.abs(wh) < 1_000) return `${Math.round(wh)}\u00a0Wh`;
  return `${(wh / 1_000).toFixed(2)}\u00a0kWh`;
}
