import type { JSX } from 'react';
import type { CheckChart as Chart } from '../../../../shared/check-views';

const W = 320;
const H = 90;
const COLOURS = ['var(--muted, #6b7280)', 'var(--accent, #2563eb)', 'var(--warn, #d97706)'];

/** A run's short chart: one line per series over the run's seconds, 0 W marked. */
export function CheckChart(props: { chart: Chart; label: string }): JSX.Element | null {
  const { t, series } = props.chart;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  if (t.length < 2 || values.length === 0) return null;
  const t0 = t[0] ?? 0;
  const span = (t.at(-1) ?? t0 + 1) - t0 || 1;
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const range = hi - lo || 1;
  const x = (v: number): number => ((v - t0) / span) * W;
  const y = (v: number): number => 4 + (1 - (v - lo) / range) * (H - 8);
  return (
    <figure className="check-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label} preserveAspectRatio="none">
        <line x1={0} x2={W} y1={y(0)} y2={y(0)} stroke="var(--line, #ccc)" />
        {series.map((s, i) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
            points={s.values
              .map((v, k) => (v === null ? null : `${x(t[k] ?? t0).toFixed(1)},${y(v).toFixed(1)}`))
              .filter((p): p is string => p !== null)
              .join(' ')}
          />
        ))}
      </svg>
      <figcaption className="hint">
        {series.map((s, i) => (
          <span key={s.name} style={{ color: COLOURS[i % COLOURS.length] }}>
            {'\u25a0 '}
            {s.name}{' '}
          </span>
        ))}
        <span>
          {Math.round(lo)}..{Math.round(hi)} W over {span.toFixed(0)} s
        </span>
      </figcaption>
    </figure>
  );
}
