import type { DayFigures } from './metrics';
import type { ControllerDay } from './run';

/**
 * Compares a controller's day with the references as the issue asks: grid exchange
 * (import + export) reduced against no battery, as a share of what the oracle reduces, and
 * reversals against the oracle's. The CI check asserts the goals; the benchmark tabulates them.
 */

/** The goals on the step-and-cloud day. */
export const GOALS = {
  /** Controller's exchange reduction / oracle's, at least (a fast meter: 0.1 s refresh). */
  minShareOfOracle: 0.95,
  /** The same with a meter that refreshes once a second. */
  minShareOfOracleSlowMeter: 0.9,
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
