/**
 * Soak (not a test). Default: a simulated 24 h day on the accelerated clock through the same
 * code paths as the app (site file, core, runtime, profile drivers, CAN BMS, the UI's
 * service with its 24 h history ring and a push subscriber), sampling memory after every
 * simulated hour and checking that nothing grows without bound and no control step is
 * missed. Prints a table, writes bench/results/soak.json, exits 1 when a bound is broken.
 *
 *   npm run soak                              24 simulated hours
 *   npm run soak -- --hours 30                longer (the history ring wraps after 24 h)
 *   npm run soak -- --realtime-minutes 60     the real-time run with the UI open (soak-realtime.ts)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAULT_LOG_LIMIT } from '../src/main/core';
import { findScenario, STEP_AND_CLOUD_DAY } from '../src/main/sim/scenarios';
import { fmt } from './bench-stats';
import { formatTable } from './control-quality-report';
import type { Rig } from '../test/support/control-quality/rig';
import { runControllerDay } from '../test/support/control-quality/run';
import type { VirtualTime } from '../src/shared/virtual-time.test-kit';
import { soakRealtime } from './soak-realtime';
import { ownMemory } from './soak-memory';

const RESULT = join(fileURLToPath(new URL('.', import.meta.url)), 'results', 'soak.json');

/**
 * Bounds of the accelerated soak. The heap is compared from the end of hour 2 (code is
 * compiled and caches are warm by then) to the end; the virtual timer count catches a leak
 * of timers, which would also be a leak of the closures they hold.
 */
const BOUNDS = { heapGrowthMb: 8, pendingTimers: 40 };

/** One row of the hourly table. */
interface HourRow {
  readonly hour: number;
  readonly steps: number;
  readonly missedSoFar: number;
  readonly heapUsedMb: number;
  readonly rssMb: number;
  readonly externalMb: number;
  readonly historySamples: number;
  readonly faultLogEntries: number;
  readonly pendingTimers: number;
  readonly pushes: number;
  readonly state: string;
}

function hourRow(hour: number, rig: Rig, time: VirtualTime): HourRow {
  const mem = ownMemory();
  const steps = rig.runtime.cycleStats().cycles;
  return {
    hour,
    steps,
    missedSoFar: Math.ceil(time.now() / rig.pollIntervalMs) - steps,
    ...mem,
    historySamples: rig.service?.history.size ?? 0,
    faultLogEntries: rig.runtime.coreState().faultLog.length,
    pendingTimers: time.pending,
    pushes: rig.pushes(),
    state: rig.runtime.snapshot().state,
  };
}

function parseHours(argv: readonly string[]): number {
  const i = argv.indexOf('--hours');
  if (i < 0) return 24;
  const hours = Number(argv[i + 1]);
  if (!(Number.isInteger(hours) && hours >= 1 && hours <= 72))
    throw new Error(`--hours: "${argv[i + 1] ?? ''}" is not a whole number of hours in 1..72`);
  return hours;
}

async function acceleratedSoak(argv: readonly string[]): Promise<void> {
  const hours = parseHours(argv);
  const si = argv.indexOf('--scenario');
  const scenario = si < 0 ? STEP_AND_CLOUD_DAY : findScenario(argv[si + 1] ?? '');
  const rows: HourRow[] = [];
  const startMem = ownMemory();
  // Longer than a day: the scenario's day repeats (its profiles are defined for any time).
  const day = await runControllerDay({
    scenario,
    window: { startTimeOfDayS: 0, durationMs: hours * 3_600_000 },
    withService: true,
    onHour: (hour, rig, time) => {
      rows.push(hourRow(hour, rig, time));
      process.stderr.write(`hour ${hour} done\n`);
    },
  });
  const last = rows[rows.length - 1];
  const warm = rows[Math.min(1, rows.length - 1)];
  const heapGrowthMb = last && warm ? last.heapUsedMb - warm.heapUsedMb : Number.NaN;
  const maxPending = Math.max(...rows.map((r) => r.pendingTimers));
  const checks = {
    noMissedSteps: day.cadence.missedSteps === 0,
    heapBounded: heapGrowthMb <= BOUNDS.heapGrowthMb,
    timersBounded: maxPending <= BOUNDS.pendingTimers,
    faultLogBounded: rows.every((r) => r.faultLogEntries <= FAULT_LOG_LIMIT),
    historyBounded: rows.every((r) => r.historySamples <= 86_400),
    stayedInSelfConsumption: rows.every((r) => r.state === 'SELF_CONSUMPTION'),
    stopConfirmed: day.stopConfirmed,
  };
  const header = [
    'sim hour',
    'steps',
    'missed',
    'heap MB',
    'RSS MB',
    'ext+buf MB',
    'history',
    'fault log',
    'timers',
    'pushes',
    'state',
  ];
  const table = rows.map((r) => [
    String(r.hour),
    String(r.steps),
    String(r.missedSoFar),
    fmt(r.heapUsedMb, 2),
    fmt(r.rssMb, 1),
    fmt(r.externalMb, 2),
    String(r.historySamples),
    String(r.faultLogEntries),
    String(r.pendingTimers),
    String(r.pushes),
    r.state,
  ]);
  const ok = Object.values(checks).every(Boolean);
  process.stdout.write(
    `\nSoak: ${hours} simulated h of "${scenario.id}" on the accelerated clock in ${fmt(day.wallSeconds, 1)} s ` +
      `(x${fmt((hours * 3600) / day.wallSeconds, 0)}), poll ${day.cadence.pollIntervalMs} ms; ` +
      `memory after ${startMem.gc ? 'a forced GC' : 'no GC (run with --expose-gc for steadier figures)'}\n\n` +
      `${formatTable(header, table)}\n\n` +
      `control steps ${day.cadence.steps} of ${day.cadence.expectedSteps} (missed ${day.cadence.missedSteps}), ` +
      `longest gap ${day.cadence.maxGapMs} ms, longest cycle ${day.cadence.maxCycleMs} ms\n` +
      `heap growth from hour ${warm?.hour ?? '-'} to ${last?.hour ?? '-'}: ${fmt(heapGrowthMb, 2)} MB (bound ${BOUNDS.heapGrowthMb}), ` +
      `most virtual timers pending ${maxPending} (bound ${BOUNDS.pendingTimers})\n` +
      `checks: ${Object.entries(checks)
        .map(([k, v]) => `${k} ${v ? 'ok' : 'FAILED'}`)
        .join(', ')}\n`,
  );
  await mkdir(dirname(RESULT), { recursive: true });
  await writeFile(
    RESULT,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, hours, scenario: scenario.id, bounds: BOUNDS, heapGrowthMb, checks, cadence: day.cadence, events: day.events, wallSeconds: day.wallSeconds, hoursTable: rows }, null, 2)}\n`,
  );
  process.stdout.write(`written to ${RESULT}\n`);
  if (!ok) process.exitCode = 1;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const ri = argv.indexOf('--realtime-minutes');
  if (ri >= 0) {
    const minutes = Number(argv[ri + 1]);
    if (!(Number.isInteger(minutes) && minutes >= 1 && minutes <= 24 * 60))
      throw new Error(
        `--realtime-minutes: "${argv[ri + 1] ?? ''}" is not a whole number of minutes in 1..1440`,
      );
    process.exitCode = (await soakRealtime(minutes)) ? 0 : 1;
    return;
  }
  await acceleratedSoak(argv);
}

main().catch((err: unknown) => {
  process.stderr.write(`soak: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
