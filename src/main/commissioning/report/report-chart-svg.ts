import type { CheckChart } from '../../../shared/check-views';
import { escapeHtml } from './escape-html';

const WIDTH = 640;
const HEIGHT = 160;
const PAD = { left: 52, right: 8, top: 8, bottom: 22 };
const COLOURS = ['#6b7280', '#2563eb', '#d97706', '#059669'];

/**
 * A run's chart as an inline SVG (no script, no external file), so the report stays one
 * self-contained page that prints the same everywhere. Gaps (null) break the line.
 */
export function chartSvg(chart: CheckChart): string {
  const t = chart.t;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  if (t.length < 2 || values.length === 0) return '<p class="muted">No samples.</p>';
  const t0 = t[0] ?? 0;
  const t1 = t.at(-1) ?? t0 + 1;
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const x = (v: number): number =>
    PAD.left + ((v - t0) / (t1 - t0 || 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number): number =>
    PAD.top + (1 - (v - lo) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const lines = chart.series.map((s, i) => {
    const parts: string[] = [];
    let run: string[] = [];
    s.values.forEach((v, k) => {
      const tk = t[k];
      if (v === null || tk === undefined) {
        if (run.length > 1) parts.push(run.join(' '));
        run = [];
      } else run.push(`${x(tk).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (run.length > 1) parts.push(run.join(' '));
    const colour = COLOURS[i % COLOURS.length] ?? '#000';
    return parts
      .map((p) => `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${p}"/>`)
      .join('');
  });
  const legend = chart.series
    .map(
      (s, i) =>
        `<tspan fill="${COLOURS[i % COLOURS.length] ?? '#000'}" dx="12">■ ${escapeHtml(s.name)}</tspan>`,
    )
    .join('');
  const zero = y(0).toFixed(1);
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="chart">
<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${zero}" y2="${zero}" stroke="#ccc"/>
<text x="2" y="${PAD.top + 8}" font-size="10">${Math.round(hi)} W</text>
<text x="2" y="${HEIGHT - PAD.bottom}" font-size="10">${Math.round(lo)} W</text>
<text x="${PAD.left}" y="${HEIGHT - 6}" font-size="10">0 s</text>
<text x="${WIDTH - PAD.right - 40}" y="${HEIGHT - 6}" font-size="10">${(t1 - t0).toFixed(0)} s</text>
<text x="${PAD.left + 40}" y="${HEIGHT - 6}" font-size="10">${legend}</text>
${lines.join('\n')}
</svg>`;
}
