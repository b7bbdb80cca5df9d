/**
 * Time axis ticks on round clock times (every 30 s, 5 min, 1 h, ...). Ticks that recur
 * keep the axis labels the same from one redraw to the next, where ticks derived from a
 * sliding domain would make every label a new string (and the chart library's text cache
 * grow with them).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The tick spacings on offer, shortest first. */
const STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
];

/** Room one clock label needs, px (a label is about 60 px wide). */
const PX_PER_TICK = 110;

/**
 * Ticks inside `[from, to]` (ms) on the shortest round spacing that leaves each label
 * about 110 px at `widthPx`. Spacings are aligned to the epoch, which is a whole local hour
 * wherever the offset from UTC is a whole number of hours.
 */
export function timeTicks(from: number, to: number, widthPx: number): number[] {
  if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to)) return [];
  const most = Math.max(2, Math.floor(widthPx / PX_PER_TICK));
  const step = STEPS.find((s) => (to - from) / s <= most) ?? STEPS[STEPS.length - 1] ?? HOUR;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
