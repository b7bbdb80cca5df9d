/**
 * Control quality of SELF_CONSUMPTION on simulated 24 h days (not a test): the real EMS
 * (site file, core, runtime, profile drivers, CAN BMS path) on an accelerated clock against
 * the simulator's physics, compared with the same day without a battery and under a
 * ramp-limited oracle, with a meter that refreshes every 0.1, 1 and 2 s. Prints one table
 * and the goals per meter period, writes bench/results/control-quality.json, and exits 1
 * when a step-and-cloud goal is missed. Method: docs/control-quality.md.
 *
 *   npm run bench:control                       both days, 24 h each
 *   npm run bench:control -- --hours 4          shorter days (a smoke run)
 *   npm run bench:control -- --scenario smooth  one day only
 *   npm run bench:control -- --meter-periods 1  only a 1 s meter (seconds, comma-separated)
 *   npm run bench:control -- --explore          also the tuning variants (deadband, ramp)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY_SCENARIOS, findScenario, STEP_AND_CLOUD_DAY } from '../src/main/sim/scenarios';
import { siteToCoreConfig } from '../src/main/site/site-to-core-config';
import { runNoBattery, runOracle, SAMPLE_MS } from '../test/support/control-quality/oracle';
import { formatTable, scenarioRows, TABLE_HEADER } from './control-quality-report';
import {
  compareVariant,
  GOALS,
  type ScenarioComparison,
} from '../test/support/control-quality/comparison';
import { DEFAULT_RIG_TIMING, rigSiteFile } from '../test/support/control-quality/rig';
import { runControllerDay } from '../test/support/control-quality/run';
import { describeWindow, fromMidnight } from '../test/support/control-quality/window';

const RESULT = join(
  fileURLToPath(new URL('.', import.meta.url)),
  'results',
  'control-quality.json',
);

/**
 * A controller setting compared: a name, the site file's control settings it changes, and
 * the meter's refresh period (s; absent: the rig's default 0.1 s).
 */
interface Variant {
  readonly name: string;
  readonly control: Record<string, number>;
  readonly meterPeriodS?: number;
}

/** The meter refresh periods measured, s. */
const METER_PERIODS_S: readonly number[] = [0.1, 1, 2];

/** The site defaults at each meter period: judged against the goals. */
const JUDGED = 'EMS, site defaults';

/** Compared on every run besides the judged rows. */
const VARIANTS: readonly Variant[] = [
  { name: 'plain 1 Hz loop', control: { pollIntervalMs: 1000 } },
];

/** With --explore: the tuning trade-offs of docs/control-quality.md. */
const EXPLORE: readonly Variant[] = [
  { name: 'deadband 20 W', control: { deadbandW: 20 } },
  { name: 'deadband 0 W', control: { deadbandW: 0 } },
  { name: 'ramp 3000 W/s', control: { rampWPerS: 3000 } },
  { name: '1 Hz, deadband 20 W', control: { pollIntervalMs: 1000, deadbandW: 20 } },
];

interface Args {
  readonly hours: number;
  readonly scenarios: string[];
  readonly variants: readonly Variant[];
  readonly meterPeriodsS: readonly number[];
}

/** Share of the oracle's reduction the judged rows must reach, by meter period (s). */
function shareGoal(periodS: number): number | null {
  if (periodS <= 0.1) return GOALS.minShareOfOracle;
  if (periodS <= 1) return GOALS.minShareOfOracleSlowMeter;
  return null;
}

function parseArgs(argv: readonly string[]): Args {
  let hours = 24;
  let variants = VARIANTS;
  let meterPeriodsS = METER_PERIODS_S;
  const scenarios: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--hours' && value !== undefined) {
      hours = Number(value);
      if (!(hours > 0 && hours <= 24 && Number.isInteger(hours * 60)))
        throw new Error(`--hours: "${value}" is not a number of hours in (0, 24] (whole minutes)`);
      i++;
    } else if (flag === '--meter-periods' && value !== undefined) {
      meterPeriodsS = value.split(',').map((v) => {
        const n = Number(v);
        if (!(n >= 0.05 && n <= 60))
          throw new Error(`--meter-periods: "${v}" is not seconds in 0.05..60`);
        return n;
      });
      i++;
    } else if (flag === '--explore') {
      variants = [...VARIANTS, ...EXPLORE];
    } else if (flag === '--scenario' && value !== undefined) {
      scenarios.push(findScenario(value).id);
      i++;
    } else
      throw new Error(
        `unknown or incomplete option "${flag ?? ''}" (--hours N, --scenario ID, --meter-periods S[,S...], --explore)`,
      );
  }
  return {
    hours,
    scenarios: scenarios.length > 0 ? scenarios : DAY_SCENARIOS.map((s) => s.id),
    variants: [
      ...meterPeriodsS.map((p) => ({
        name: `${JUDGED}, meter ${p} s`,
        control: {},
        meterPeriodS: p,
      })),
      ...variants,
    ],
    meterPeriodsS,
  };
}

async function compareScenario(
  id: string,
  hours: number,
  variants: readonly Variant[],
): Promise<ScenarioComparison> {
  const scenario = findScenario(id);
  const window = fromMidnight(hours);
  const defaults = siteToCoreConfig(rigSiteFile());
  const noBattery = runNoBattery(scenario, window, defaults.gridTargetW);
  const oracle = runOracle(scenario, window, defaults);
  const comparison: ScenarioComparison = {
    scenario: scenario.id,
    title: scenario.title,
    window: describeWindow(window),
    noBattery,
    oracle,
    oracleReductionKwh: noBattery.exchangeKwh - oracle.exchangeKwh,
    variants: [],
  };
  for (const v of variants) {
    process.stderr.write(`${scenario.id}: ${v.name} ...\n`);
    const timing =
      v.meterPeriodS === undefined
        ? DEFAULT_RIG_TIMING
        : {
            ...DEFAULT_RIG_TIMING,
            meter: { ...DEFAULT_RIG_TIMING.meter, refreshMs: v.meterPeriodS * 1000 },
          };
    const run = await runControllerDay({ scenario, window, control: v.control, timing });
    const poll = run.cadence.pollIntervalMs;
    const name = `${v.name} (poll ${poll} ms)`;
    comparison.variants.push(compareVariant(name, v.control, run, noBattery, oracle));
  }
  return comparison;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const results: ScenarioComparison[] = [];
  for (const id of args.scenarios)
    results.push(await compareScenario(id, args.hours, args.variants));
  const defaults = rigSiteFile().control;
  process.stdout.write(
    `\nControl quality, SELF_CONSUMPTION, ${args.hours} h per day, meter refresh ${args.meterPeriodsS.join(' / ')} s (grid target ${defaults.gridTargetW} W, ` +
      `deadband ${defaults.deadbandW} W, ramp ${defaults.rampWPerS} W/s; figures sampled every ${SAMPLE_MS} ms)\n\n`,
  );
  process.stdout.write(`${formatTable(TABLE_HEADER, results.flatMap(scenarioRows))}\n\n`);
  const hard = results.find((r) => r.scenario === STEP_AND_CLOUD_DAY.id);
  let ok = true;
  for (const period of args.meterPeriodsS) {
    const judged = hard?.variants.find((v) => v.variant.startsWith(`${JUDGED}, meter ${period} s`));
    if (judged === undefined) continue;
    const goal = shareGoal(period);
    const faults = judged.run.events.fault ?? 0;
    const met =
      (goal === null || judged.shareOfOracle >= goal) &&
      judged.meetsReversalGoal &&
      judged.noMissedSteps &&
      faults === 0;
    ok &&= met;
    process.stdout.write(
      `goal on ${STEP_AND_CLOUD_DAY.id}, meter every ${period} s: ${(judged.shareOfOracle * 100).toFixed(1)} % of the oracle's reduction ` +
        `(${goal === null ? 'no share goal' : `>= ${goal * 100} %`}), ${judged.run.figures.reversals} reversals ` +
        `(oracle ${hard?.oracle.reversals ?? '?'}, <= ${judged.reversalsAllowed}), ${faults} faults, ` +
        `${judged.run.cadence.missedSteps} missed steps: ${met ? 'MET' : 'MISSED'}\n`,
    );
  }
  await mkdir(dirname(RESULT), { recursive: true });
  await writeFile(
    RESULT,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        node: process.version,
        hours: args.hours,
        sampleMs: SAMPLE_MS,
        timing: DEFAULT_RIG_TIMING,
        siteControlDefaults: defaults,
        goals: GOALS,
        goalMet: ok,
        scenarios: results,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`written to ${RESULT}\n`);
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:control: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
