/**
 * Control quality and read failure against a SunSpec hybrid nobody here wrote in TypeScript
 * (not a test): the pymodbus site of test/fixtures/pymodbus-sunspec-hybrid-site.py (hard
 * profile: 2 kW load steps, 70 % PV clouds; the battery follows the controls with a 0.2 s lag) and the real
 * headless host set up as a new user would (sunspec-meter-203, sunspec-hybrid-124,
 * SELF_CONSUMPTION). For each meter period it records the site's true samples and compares
 * the EMS's reduction of grid exchange with the ramp-limited oracle's over the same load and
 * PV; then it measures how long a read failure with writes still working takes to put 0 W
 * on the device's controls. Prints the tables (the samples go to
 * bench/results/control-pymodbus-<period>s.json); exits 1 when a bound of issue 11 is missed.
 *
 *   npm run bench:control-pymodbus                         120 s per meter period, 3 runs
 *   npm run bench:control-pymodbus -- --seconds 60
 *   npm run bench:control-pymodbus -- --meter-periods 0,1   (s; 0 = every 50 ms step)
 *   npm run bench:control-pymodbus -- --runs 5              read-failure runs per case
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOALS } from '../test/support/control-quality/comparison';
import {
  measurePymodbusReadFailure,
  PYMODBUS_READ_FAILURES,
  type PymodbusReadFailure,
} from '../test/support/pymodbus-read-failure';
import { fmt, quantile } from './bench-stats';
import {
  runPymodbusControl,
  SITE_RAMP_W_PER_S,
  type PymodbusControlRun,
} from './control-pymodbus-run';
import { formatTable } from './control-quality-report';

/** Where the recorded samples go (one JSON file per meter period), for a closer look. */
const RESULTS = join(fileURLToPath(new URL('.', import.meta.url)), 'results');

/** Issue 11: 0 W on the device within this long after reads begin to fail. */
const ZERO_BOUND_MS = 5000;

interface Options {
  readonly seconds: number;
  readonly meterPeriodsS: readonly number[];
  readonly runs: number;
}

const USAGE =
  'usage: [--seconds N (10..3600)] [--meter-periods S,S,...] [--runs N (0..20; 0 skips the read failure)]';

function parseOptions(argv: readonly string[]): Options {
  let seconds = 120;
  let meterPeriodsS: number[] = [0, 1, 2];
  let runs = 3;
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--seconds') seconds = Number(value);
    else if (argv[i] === '--meter-periods') meterPeriodsS = value.split(',').map(Number);
    else if (argv[i] === '--runs') runs = Number(value);
    else throw new Error(`unknown option "${argv[i]}"; ${USAGE}`);
  }
  if (!(Number.isInteger(seconds) && seconds >= 10 && seconds <= 3600))
    throw new Error(`--seconds must be a whole number in 10..3600; ${USAGE}`);
  if (!meterPeriodsS.every((p) => p >= 0 && p <= 10))
    throw new Error(`--meter-periods must be seconds in 0..10; ${USAGE}`);
  if (!(Number.isInteger(runs) && runs >= 0 && runs <= 20))
    throw new Error(`--runs must be a whole number in 0..20; ${USAGE}`);
  return { seconds, meterPeriodsS, runs };
}

/** The share of the oracle a meter period must reach, or null where issue 11 sets none. */
function shareGoal(periodS: number): number | null {
  if (periodS <= 0.1) return GOALS.minShareOfOracle;
  if (periodS <= 1) return GOALS.minShareOfOracleSlowMeter;
  return null;
}

function controlRow(r: PymodbusControlRun): { row: string[]; met: boolean } {
  const goal = shareGoal(r.meterPeriodS);
  const allowed = Math.floor(r.oracle.reversals * GOALS.maxReversalsVsOracle);
  const shareOk = goal === null || r.shareOfOracle >= goal;
  const reversalsOk = r.ems.reversals <= allowed;
  const faultFree = r.faults.length === 0 && r.otherStates.length === 0;
  return {
    met: shareOk && reversalsOk && faultFree,
    row: [
      r.meterPeriodS === 0 ? '0.05 s (every step)' : `${r.meterPeriodS} s`,
      `${r.samples} (${fmt(r.seconds, 0)} s)`,
      `${fmt(r.noBatteryMeanAbsW, 0)} W`,
      `${fmt(r.ems.meanAbsGridW, 0)} W`,
      `${fmt(r.oracle.meanAbsGridW, 0)} W`,
      `${fmt(r.ems.reduction * 100, 1)} %`,
      `${fmt(r.oracle.reduction * 100, 1)} %`,
      `${fmt((r.laggedOracle.reduction / r.oracle.reduction) * 100, 1)} %`,
      `${fmt(r.shareOfOracle * 100, 1)} %${goal === null ? '' : ` (>= ${goal * 100} %${shareOk ? '' : ' MISSED'})`}`,
      `${r.ems.reversals} / ${r.oracle.reversals}${reversalsOk ? '' : ` (> ${allowed} MISSED)`}`,
      [...r.faults, ...r.otherStates].join(', ') || 'none',
      fmt(r.meterReadsPerS, 2),
    ],
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  let ok = true;
  const controlRows: string[][] = [];
  for (const period of options.meterPeriodsS) {
    process.stderr.write(`meter period ${period} s: ${options.seconds} s ...\n`);
    await mkdir(RESULTS, { recursive: true });
    const samplesPath = join(RESULTS, `control-pymodbus-${period}s.json`);
    const { row, met } = controlRow(await runPymodbusControl(period, options.seconds, samplesPath));
    controlRows.push(row);
    ok &&= met;
  }
  const failureRows: string[][] = [];
  const cases =
    options.runs > 0 ? (Object.keys(PYMODBUS_READ_FAILURES) as PymodbusReadFailure[]) : [];
  for (const which of cases) {
    const results = [];
    for (let i = 0; i < options.runs; i++) {
      process.stderr.write(`read failure (${which}) run ${i + 1}/${options.runs} ...\n`);
      results.push(await measurePymodbusReadFailure(which));
    }
    const times = results.map((r) => r.zeroAfterMs);
    const reached = times.filter((t): t is number => t !== null);
    const all = reached.length === times.length;
    const cell = (ms: number): string => `${fmt(ms / 1000, 2)} s`;
    ok &&= all && Math.max(...reached) <= ZERO_BOUND_MS;
    failureRows.push([
      PYMODBUS_READ_FAILURES[which],
      String(options.runs),
      `${fmt(Math.min(...results.map((r) => r.dischargeW)), 0)} W`,
      reached.length > 0 ? cell(Math.min(...reached)) : 'never',
      reached.length > 0 ? cell(quantile(reached, 0.5)) : 'never',
      all ? cell(Math.max(...reached)) : 'never',
      [...new Set(results.map((r) => `${r.state} ${r.faults.join(', ')}`.trim()))].join('; '),
    ]);
  }
  process.stdout.write(
    `\nSELF_CONSUMPTION on the pymodbus SunSpec hybrid (hard profile, device lag 0.2 s), ${options.seconds} s per meter period; oracle: the site's ramp (${SITE_RAMP_W_PER_S} W/s), no lag, knows load and PV one 50 ms sample ahead\n\n`,
  );
  process.stdout.write(
    `${formatTable(
      [
        'meter period',
        'samples',
        'mean |grid| no battery',
        'EMS',
        'oracle',
        'EMS reduction',
        'oracle reduction',
        'oracle + 0.2 s lag, % of oracle',
        '% of oracle',
        'reversals EMS / oracle',
        'faults',
        'meter polls/s',
      ],
      controlRows,
    )}\n\n`,
  );
  if (failureRows.length > 0) {
    process.stdout.write(
      `Reads fail (exception 4), writes still land: time from the failure to 0 W held by the 124 controls\n\n`,
    );
    process.stdout.write(
      `${formatTable(['read failure', 'runs', 'discharging', 'min', 'median', 'max', 'EMS then'], failureRows)}\n\n`,
    );
  }
  process.stdout.write(
    `bounds (>= 95 % / >= 90 % of the oracle, reversals <= oracle + 10 %, no fault, 0 W within ${ZERO_BOUND_MS / 1000} s): ${ok ? 'MET' : 'MISSED'}\n`,
  );
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench:control-pymodbus: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exitCode = 2;
});
