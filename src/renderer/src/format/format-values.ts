/** Small formatters for values that are not powers. A null value is unknown or stale. */

/** Shown instead of a value that is unknown or stale: never a last-known number. */
export const STALE_TEXT = '\u2014';

/**
 * Joins a number and its unit with a no-break space, so a narrow column never wraps
 * "54.1" onto one line and "V" onto the next.
 */
export const UNIT_GAP = '\u00a0';

/** "50.0 %" or the stale mark. */
export function formatPercent(value: number | null): string {
  return value === null ? STALE_TEXT : `${value.toFixed(1)}${UNIT_GAP}%`;
}

/** A value with a fixed number of decimals and a unit, or the stale mark. */
export function formatUnit(value: number | null, unit: string, decimals = 1): string {
  return value === null ? STALE_TEXT : `${value.toFixed(decimals)}${UNIT_GAP}${unit}`;
}

/** Battery current as the BMS reports it (positive = into the pack). */
export function formatBmsCurrent(amps: number | null): string {
  if (amps === null) return STALE_TEXT;
  const dir = amps > 0.05 ? ' (charging)' : amps < -0.05 ? ' (discharging)' : '';
  return `${amps > 0 ? '+' : ''}${amps.toFixed(1)}${UNIT_GAP}A${dir}`;
}

/** How long ago a link last delivered: "0.2 s ago", "3 min ago", "never". */
export function formatAge(ageMs: number | null): string {
  if (ageMs === null || !Number.isFinite(ageMs)) return 'never';
  if (ageMs < 10_000) return `${(Math.max(0, ageMs) / 1000).toFixed(1)}${UNIT_GAP}s ago`;
  if (ageMs < 120_000) return `${Math.round(ageMs / 1000)}${UNIT_GAP}s ago`;
  if (ageMs < 7_200_000) return `${Math.round(ageMs / 60_000)}${UNIT_GAP}min ago`;
  return `${Math.round(ageMs / 3_600_000)}${UNIT_GAP}h ago`;
}

/** An enable flag in words. */
export function formatFlag(flag: boolean | null): string {
  return flag === null ? STALE_TEXT : flag ? 'enabled' : 'DISABLED';
}

/** Local wall-clock time with seconds, from an ISO string or epoch ms. */
export function formatClock(time: string | number): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return STALE_TEXT;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local date and time, for the fault log. */
export function formatDateTime(time: string | number): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return String(time);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${formatClock(d.getTime())}`;
}
