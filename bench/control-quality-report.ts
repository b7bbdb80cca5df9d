import { fmt } from './bench-stats';
import type { DayFigures } from '../test/support/control-quality/metrics';
import type { ScenarioComparison } from '../test/support/control-quality/comparison';

/**
 * The table of the control-quality benchmark: one scenario's comparison (computed in
 * test/support/control-quality/comparison.ts, shared with the CI check) as rows.
 */

/** The table's header. */
export const TABLE_HEADER = [
  'scenario',
  'run',
  'import kWh',
  'export kWh',
  'exchange kWh',
  'reduction kWh',
  'vs oracle',
  'reversals (/h)',
  'worst overshoot W (step W)',
  'end SOC %',
  'steps (missed, extra)',
  'writes/h',
  'wall s',
];

/** The cells every run has: energy before the comparison columns, the rest after them. */
function figureCells(f: DayFigures): { energy: string[]; rest: string[] } {
  const o = f.worstOvershoot;
  return {
    energy: [fmt(f.importKwh, 3), fmt(f.exportKwh, 3), fmt(f.exchangeKwh, 3)],
    rest: [
      `${f.reversals} (${fmt(f.reversalsPerHour, 2)})`,
      o.overshootW >= 1 ? `${fmt(o.overshootW, 0)} (${fmt(o.stepW, 0)})` : '0',
      fmt(f.endSocPct, 1),
    ],
  };
}

/** The table rows of one scenario. */
export function scenarioRows(c: ScenarioComparison): string[][] {
  const nb = figureCells(c.noBattery);
  const or = figureCells(c.oracle);
  const rows: string[][] = [
    [c.scenario, 'no battery', ...nb.energy, '0.000', '-', ...nb.rest, '-', '-', '-'],
    [
      c.scenario,
      'oracle (ramp-limited)',
      ...or.energy,
      fmt(c.oracleReductionKwh, 3),
      '100.0 %',
      ...or.rest,
      '-',
      '-',
      '-',
    ],
  ];
  for (const v of c.variants) {
    const cells = figureCells(v.run.figures);
    const cad = v.run.cadence;
    rows.push([
      c.scenario,
      v.variant,
      ...cells.energy,
      fmt(v.reductionKwh, 3),
      `${fmt(v.shareOfOracle * 100, 1)} %`,
      ...cells.rest,
      `${cad.steps} (${cad.missedSteps}, ${cad.extraSteps})`,
      fmt(cad.inverterWritesPerHour, 0),
      fmt(v.run.wallSeconds, 1),
    ]);
  }
  return rows;
}

/** Formats rows as an aligned plain-text table. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
