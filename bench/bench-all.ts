/**
 * `npm run bench`: every benchmark of the project in ONE table, written also to
 * bench/results/bench.json. Control-step cost and poll cycle (bench/core-and-modbus.ts),
 * our Modbus driver against libmodbus' C client on one libmodbus server (compiled here from
 * Debian's libmodbus-dev), CAN ingest (bench/can-ingest.ts, a short run), chart render and
 * update (bench/ui-charts.ts) and API latency (bench/api-latency.ts). The browser and API
 * benchmarks are slow, so their last result is reused when there is one; `--fresh` runs them.
 *
 * Flags: `--rounds N` Modbus rounds (default 15, 0.5 s per client per round), `--can-seconds S`
 * (default 5), `--fresh`. Figures are wall-clock on a shared machine: the load average is
 * recorded beside them, and a busy machine lowers every rate.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  apiRows,
  canRows,
  coreRows,
  libmodbusLine,
  modbusRows,
  uiRows,
  type ApiResult,
  type Row,
} from './bench-all-rows';
import { RESULTS, ROOT, sourced, type CanResult, type CoreResult } from './bench-all-sources';
import { compareWithLibmodbus, type ModbusComparison } from './modbus-libmodbus';
import type { LibResult } from './ui-chart-measure';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    'can-seconds': { type: 'string', default: '5' },
    fresh: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const canSeconds = Number(values['can-seconds']);
if (!(rounds >= 1) || !(canSeconds > 0)) {
  process.stderr.write('usage: npm run bench -- [--rounds N] [--can-seconds S] [--fresh]\n');
  process.exit(2);
}

const say = (line: string): boolean => process.stderr.write(`bench: ${line}\n`);

/** The chart library the app's trend chart imports, so the table can mark it. */
async function appChartLib(): Promise<string | null> {
  const file = join(ROOT, 'src/renderer/src/components/trends/trend-chart.tsx');
  const text = await readFile(file, 'utf8').catch(() => '');
  const lib = /from '(recharts|uplot)'/.exec(text)?.[1];
  return lib ?? null;
}

function table(rows: readonly Row[]): string {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([m, v, n]) => `${m.padEnd(w0)}  ${v.padStart(w1)}  ${n}`.trimEnd()).join('\n');
}

async function main(): Promise<number> {
  const loadAtStart = loadavg();
  say('control step and poll cycle (bench/core-and-modbus.ts)...');
  const core = await sourced<CoreResult>('bench/core-and-modbus.ts', [], 'core-and-modbus.json');
  say(`our Modbus driver against libmodbus, ${rounds} rounds...`);
  let modbus: ModbusComparison | null = null;
  let modbusError = '';
  try {
    modbus = await compareWithLibmodbus({ rounds, roundSeconds: 0.5, depth: 8 });
  } catch (err) {
    modbusError = err instanceof Error ? err.message : String(err);
  }
  say(`CAN ingest, ${canSeconds} s (bench/can-ingest.ts)...`);
  const can = await sourced<CanResult>(
    'bench/can-ingest.ts',
    ['--seconds', String(canSeconds)],
    'can-ingest.json',
  );
  say(
    values.fresh ? 'charts (bench/ui-charts.ts)...' : 'charts: reusing the last result if any...',
  );
  const ui = await sourced<{ results: LibResult[] }>(
    'bench/ui-charts.ts',
    [],
    'ui-charts.json',
    !values.fresh,
  );
  say(values.fresh ? 'API (bench/api-latency.ts)...' : 'API: reusing the last result if any...');
  const api = await sourced<ApiResult>(
    'bench/api-latency.ts',
    [],
    'api-latency.json',
    !values.fresh,
  );

  const rows: Row[] = [
    ['metric', 'value', 'note'],
    ...coreRows(core),
    ...(modbus
      ? modbusRows(modbus)
      : [['Modbus vs libmodbus', 'not measured', modbusError] as Row]),
    ...canRows(can),
    ...uiRows(ui, await appChartLib()),
    ...apiRows(api),
  ];
  const load = loadavg();
  process.stdout.write(`\n${table(rows)}\n\n`);
  process.stdout.write(
    `${modbus ? libmodbusLine(modbus) : `libmodbus: not measured (${modbusError})`}\n`,
  );
  process.stdout.write(
    `machine: ${cpus().length} CPUs, load average ${loadAtStart[0]?.toFixed(2)} at start, ${load[0]?.toFixed(2)} at end\n`,
  );
  await mkdir(RESULTS, { recursive: true });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: load },
    rows: rows.slice(1),
    core: core.ok ? core.value : { notMeasured: core.reason },
    modbus: modbus ?? { notMeasured: modbusError },
    can: can.ok ? can.value : { notMeasured: can.reason },
    ui: ui.ok ? { measuredAt: ui.measuredAt, reused: ui.reused } : { notMeasured: ui.reason },
    api: api.ok ? { measuredAt: api.measuredAt, reused: api.reused } : { notMeasured: api.reason },
  };
  await writeFile(join(RESULTS, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`written bench/results/bench.json\n`);
  return core.ok && modbus !== null && can.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
