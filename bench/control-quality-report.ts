import { fmt } from './bench-stats';
import type { DayFigures } from './control-quality-metrics';
import type { ControllerDay } from './control-quality-run';

/**
 * Turns the runs of one scenario into the comparison the issue asks for: grid exchange
 * (import + export) reduced against no battery, as a share of what the oracle reduces, and
 * reversals against the oracle's. Also the table rows.
 */

/** The goals on the step-and-cloud day. */
export const GOALS = {
  /** Controller's exchange reduction / oracle's, at least. */
  minShareOfOracle: 0.95,
  /** Reversals at most the oracle's times this. */
  maxReversalsVsOracle: 1.1,
} as const;

/** One controller variant compared with the references. */
export interface VariantComparison {
  readonly variant: string;
  readonly control: Readonly<Record<string, number>>;
  readonly run: ControllerDay;
  readonly reductionKwh: number;
  /** reductionKwh / the oracle's reduction. */
  readonly shareOfOracle: number;
  /** Reversals allowed by the goal: the oracle's plus 10 %. */
  readonly reversalsAllowed: number;
  readonly meetsShareGoal: boolean;
  readonly meetsReversalGoal: boolean;
  readonly noMissedSteps: boolean;
}

/** Everything measured on one scenario. */
export interface ScenarioComparison {
  readonly scenario: string;
  readonly title: string;
  /** The stretch of the day compared, e.g. "00:00 + 24 h". */
  readonly window: string;
  readonly noBattery: DayFigures;
  readonly oracle: DayFigures;
  readonly oracleReductionKwh: number;
  readonly variants: VariantComparison[];
}

/** Compares one controller day with the references. */
export function compareVariant(
  variant: string,
  control: Readonly<Record<string, number>>,
  run: ControllerDay,
  noBattery: DayFigures,
  oracle: DayFigures,
): VariantComparison {
  const reductionKwh = noBattery.exchangeKwh - run.figures.exchangeKwh;
  const oracleReduction = noBattery.exchangeKwh - oracle.exchangeKwh;
  const shareOfOracle = oracleReduction > 0 ? reductionKwh / oracleReduction : Number.NaN;
  const reversalsAllowed = Math.floor(oracle.reversals * GOALS.maxReversalsVsOracle);
  return {
    variant,
    control,
    run,
    reductionKwh,
    shareOfOracle,
    reversalsAllowed,
    meetsShareGoal: shareOfOracle >= GOALS.minShareOfOracle,
    meetsReversalGoal: run.figures.reversals <= reversalsAllowed,
    noMissedSteps: run.cadence.missedSteps === 0,
  };
}

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
  'steps (missed)',
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
      `${cad.steps} (${cad.missedSteps})`,
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
