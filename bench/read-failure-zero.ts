/**
 * Reads fail while writes still work: how long until 0 W is on the inverter (not a test;
 * test/read-failure-zero.test.ts asserts the bound). The EMS controls the simulator's SunSpec
 * inverter over real Modbus TCP through a fault proxy, discharging at 1500 W; then every read
 * of the inverter fails (exception 4, a 0x8000 sentinel in 103 W, or no answer at all) while
 * its writes pass. Each failure runs `--runs N` times on a fresh EMS and simulator.
 *
 *   npm run bench:read-failure              3 runs of each failure
 *   npm run bench:read-failure -- --runs 10
 *
 * Prints one table; exits 1 when a run misses 0 W within 2 s (the goal; 5 s is the bound on
 * a loaded machine, which the test holds).
 */
import {
  measureReadFailure,
  READ_FAILURES,
  type ReadFailure,
  type ReadFailureResult,
} from '../test/support/read-failure';
import { formatTable } from './control-quality-report';

const GOAL_MS = 2000;

function parseRuns(argv: readonly string[]): number {
  if (argv.length === 0) return 3;
  const n = Number(argv[1]);
  if (argv[0] !== '--runs' || argv.length !== 2 || !(Number.isInteger(n) && n >= 1 && n <= 100))
    throw new Error(`usage: --runs N (1..100), got "${argv.join(' ')}"`);
  return n;
}

function cell(ms: number | null): string {
  return ms === null ? 'never' : `${(ms / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2));
  const rows: string[][] = [];
  let ok = true;
  for (const failure of Object.keys(READ_FAILURES) as ReadFailure[]) {
    const results: ReadFailureResult[] = [];
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`${failure} run ${i + 1}/${runs} ...\n`);
      results.push(await measureReadFailure(failure));
    }
    const times = results.map((r) => r.zeroAfterMs);
    const reached = times.filter((t): t is number => t !== null);
    const worst = reached.length === times.length ? Math.max(...reached) : null;
    ok &&= worst !== null && worst <= GOAL_MS;
    const last = results.at(-1);
    rows.push([
      READ_FAILURES[failure],
      String(runs),
      cell(reached.length > 0 ? Math.min(...reached) : null),
      cell(reached.length > 0 ? reached.reduce((a, b) => a + b, 0) / reached.length : null),
      cell(worst),
      `${last?.state ?? '?'} ${last?.faults.join(', ') ?? ''}`,
      String(Math.min(...results.map((r) => r.alteredOrDropped))),
    ]);
  }
  process.stdout.write(
    `\nReads fail, writes still work: time from the failure to 0 W on the inverter (SunSpec 124, real Modbus TCP, poll 250 ms, request timeout 500 ms, 3 failed polls)\n\n`,
  );
  process.stdout.write(
    `${formatTable(['read failure', 'runs', 'best', 'mean', 'worst', 'EMS then', 'reads failed (min)'], rows)}\n\n`,
  );
  process.stdout.write(
    `goal: 0 W within ${GOAL_MS / 1000} s in every run: ${ok ? 'MET' : 'MISSED'}\n`,
  );
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:read-failure: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
