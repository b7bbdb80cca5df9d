import type { JSX } from 'react';
import { selfSufficiencyPct, type EnergyCounters } from '../../../../shared/energy';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { formatEnergy } from '../../format/format-energy';
import { formatPercent } from '../../format/format-values';

const ROWS: ReadonlyArray<{ key: keyof EnergyCounters; label: string }> = [
  { key: 'gridImportWh', label: 'Grid import' },
  { key: 'gridExportWh', label: 'Grid export' },
  { key: 'chargeWh', label: 'Battery charge' },
  { key: 'dischargeWh', label: 'Battery discharge' },
  { key: 'pvWh', label: 'PV' },
];

/**
 * Energy today and in this session, integrated by main from fresh measurements: a gap in the
 * data is not filled, so the counters may read low after a link was lost, never high. The
 * counters are totals, so they stay shown while a link is stale.
 */
export function EnergyPanel(props: { snapshot: EmsSnapshot }): JSX.Element {
  const { energyToday: today, energySession: session } = props.snapshot;
  const pct = (e: EnergyCounters): string => formatPercent(selfSufficiencyPct(e));
  return (
    <section className="panel" aria-labelledby="energy-title">
      <h2 id="energy-title">Energy</h2>
      <table className="energy-table">
        <thead>
          <tr>
            <td></td>
            <th scope="col">Today</th>
            <th scope="col">Session</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td data-testid={`energy-today-${r.key}`}>{formatEnergy(today[r.key])}</td>
              <td>{formatEnergy(session[r.key])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Self-sufficiency</th>
            <td data-testid="energy-today-self-sufficiency">{pct(today)}</td>
            <td>{pct(session)}</td>
          </tr>
        </tbody>
      </table>
      {today.pvWh === null ? (
        <p className="hint">Self-sufficiency needs a PV measurement; this site has none.</p>
      ) : null}
    </section>
  );
}
