import type { JSX } from 'react';
import { SERIES } from './chart-series';

const NOTES: Readonly<Partial<Record<string, string>>> = {
  pvW: 'Drawn where the inverter measures PV (hybrid profiles)',
  loadW: 'Grid + inverter AC power: where PV is not measured, the load minus that PV',
};

/** The series' colours and names, with what PV and house load mean on hover. */
export function TrendLegend(): JSX.Element {
  return (
    <div className="legend" aria-label="Legend">
      {SERIES.map((s) => (
        <span key={s.key} title={NOTES[s.key]}>
          <i style={{ background: s.color }} />
          {s.name}
        </span>
      ))}
    </div>
  );
}
