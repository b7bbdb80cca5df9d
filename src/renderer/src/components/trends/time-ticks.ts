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
  const step = timeTickStep(from, to, widthPx);
  // A label centred on a tick near either end would run into the corner (the power axis'
  // lowest label on the left, the SOC axis on the right): such ticks are left out.
  const margin = ((to - from) * EDGE_PX) / Math.max(widthPx, 1);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step)
    if (t - from >= margin && to - t >= margin) ticks.push(t);
  return ticks;
}

/** Room kept free at each end of the time axis, px: half a clock label. */
const EDGE_PX = 34;

/** The spacing timeTicks uses for a span and width, ms. */
export function timeTickStep(from: number, to: number, widthPx: number): number {
  const most = Math.max(2, Math.floor(widthPx / PX_PER_TICK));
  return STEPS.find((s) => (to - from) / s <= most) ?? STEPS[STEPS.length - 1] ?? HOUR;
}

/**
 * Whether labels at this spacing need seconds: below a minute, "10:15" would repeat on
 * consecutive ticks (the 1 h window zoomed in), so they read "10:15:30".
 */
export function tickNeedsSeconds(stepMs: number): boolean {
  return stepMs % MINUTE !== 0;
}
