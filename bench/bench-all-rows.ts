/**
 * The rows of the combined benchmark table, one builder per source. A row is
 * [metric, value, note]; a source without a result gives one "not measured" row with the reason.
 */
import type { CanResult, CoreResult, Sourced } from './bench-all-sources';
import { fmt } from './bench-stats';
import type { ClientRate, ModbusComparison } from './modbus-libmodbus';
import type { LibResult } from './ui-chart-measure';

/** One table row: metric, value, note. */
export type Row = readonly [string, string, string];

/** The libmodbus ratio the driver must reach. */
export const MODBUS_RATIO_GOAL = 0.85;

const notMeasured = (metric: string, reason: string): Row[] => [[metric, 'not measured', reason]];

function when(s: { measuredAt: string; reused: boolean }): string {
  return s.reused ? `result of ${s.measuredAt.slice(0, 16).replace('T', ' ')} UTC reused` : '';
}

/** Control-step cost and poll cycle, from bench/core-and-modbus.ts. */
export function coreRows(s: Sourced<CoreResult>): Row[] {
  if (!s.ok) return notMeasured('control step / poll cycle', s.reason);
  const { core, poll } = s.value;
  return [
    ['control step, median', `${fmt(core.medianUs, 2)} µs`, 'pure core, SELF_CONSUMPTION'],
    ['control step, p99', `${fmt(core.p99Us, 2)} µs`, 'p99 of 1000-step batch means'],
    [
      'poll cycle, median / p99',
      `${fmt(poll.cycleMedianMs, 2)} / ${fmt(poll.cycleP99Ms, 2)} ms`,
      `meter + inverter read, setpoint write; simulator on loopback, ${poll.cycles} cycles`,
    ],
    [
      'Modbus transactions per cycle',
      String(poll.transactionsPerCycle),
      'sim-meter + sim-inverter',
    ],
  ];
}

/** Our driver against libmodbus' C client (best rounds; see ClientRate). */
export function modbusRows(m: ModbusComparison): Row[] {
  const rate = (n: number): string => `${fmt(n, 0)} reads/s`;
  const of = (c: ClientRate): string =>
    `${fmt(c.ratio, 2)} of libmodbus (paired-round median ${fmt(c.pairedMedianRatio, 2)})`;
  const goal = m.client.ratio >= MODBUS_RATIO_GOAL ? 'goal >= 0.85 met' : 'BELOW goal 0.85';
  return [
    [
      `libmodbus ${m.libmodbusVersion} C client`,
      rate(m.libmodbus.bestPerS),
      `sequential 10-register reads; best of ${m.plan.rounds} rounds (median ${fmt(m.libmodbus.medianPerS, 0)})`,
    ],
    ['ModbusTcpClient (our driver)', rate(m.client.bestPerS), `${of(m.client)}; ${goal}`],
    ['ProfiledDevice.readAll', rate(m.profiled.bestPerS), `${of(m.profiled)}; 10 points decoded`],
    [
      `ModbusTcpClient, ${m.plan.depth} in flight`,
      rate(m.pipelined.bestPerS),
      `${of(m.pipelined)}; pipelined vs the sequential C client`,
    ],
  ];
}

/** The line naming libmodbus and the ratio. */
export function libmodbusLine(m: ModbusComparison): string {
  const verdict = m.client.ratio >= MODBUS_RATIO_GOAL ? 'goal >= 0.85 met' : 'goal >= 0.85 NOT met';
  return (
    `libmodbus ${m.libmodbusVersion}: our Modbus driver reads 10 registers at ${fmt(m.client.ratio, 2)}x ` +
    `the rate of libmodbus' C client (${verdict}; paired-round median ${fmt(m.client.pairedMedianRatio, 2)}; ` +
    `through ProfiledDevice ${fmt(m.profiled.ratio, 2)}x; pipelined, ${m.plan.depth} in flight: ` +
    `${fmt(m.pipelined.ratio, 2)}x), one libmodbus server on loopback`
  );
}

/** CAN ingest, from bench/can-ingest.ts. */
export function canRows(s: Sourced<CanResult>): Row[] {
  if (!s.ok) return notMeasured('CAN ingest', s.reason);
  const c = s.value;
  return [
    [
      'CAN ingest',
      `${fmt(c.framesReceived / c.seconds, 0)} frames/s`,
      `socketcand on loopback, ${c.seconds} s at ${c.targetRate}/s; lost ${c.framesLost}; CPU ${fmt(c.cpuPercentOfOneCore, 1)} % of a core`,
    ],
  ];
}

interface UiFile {
  readonly results: readonly LibResult[];
}

/** Chart render and update, from bench/ui-charts.ts; `appLib` is the library the app draws with. */
export function uiRows(s: Sourced<UiFile>, appLib: string | null): Row[] {
  if (!s.ok) return notMeasured('chart render / update', s.reason);
  const libs = s.value.results.filter((r) => r.lib !== 'none');
  if (libs.length === 0)
    return notMeasured('chart render / update', 'ui-charts.json has no library');
  return libs.flatMap((r): Row[] => {
    const name = r.lib === appLib ? `${r.lib} (the app's)` : r.lib;
    const note = when(s);
    return [
      [
        `chart update, ${name}`,
        `${fmt(r.live.taskMs.median, 1)} ms`,
        `main-thread per 1 Hz update, 5 min window (max ${fmt(r.live.taskMs.max, 1)})${note ? `; ${note}` : ''}`,
      ],
      [
        `chart render 24 h, ${name}`,
        `${fmt(r.switchTo24h.warm.median, 1)} ms`,
        `switch to the 24 h window, to settled frame (max ${fmt(r.switchTo24h.warm.max, 1)})`,
      ],
    ];
  });
}

/** The fields of api-latency.json the table shows. */
export interface ApiResult {
  readonly ratePerS?: number;
  readonly phases?: readonly {
    readonly phase: string;
    readonly requests: number;
    readonly p50Ms: number | null;
    readonly p99Ms: number | null;
    readonly cycleP99Ms?: number;
  }[];
}

/** API latency under load, from bench/api-latency.ts: one row per loaded phase. */
export function apiRows(s: Sourced<ApiResult>): Row[] {
  if (!s.ok) return notMeasured('API latency under load', s.reason);
  const loaded = (s.value.phases ?? []).filter((p) => p.requests > 0 && p.p50Ms !== null);
  if (loaded.length === 0)
    return notMeasured('API latency under load', 'api-latency.json has no loaded phase');
  const note = when(s);
  return loaded.map((p) => [
    `API latency, ${p.phase}`,
    `${fmt(p.p50Ms ?? NaN, 2)} / ${fmt(p.p99Ms ?? NaN, 2)} ms`,
    `p50 / p99 at ${s.value.ratePerS ?? '?'} req/s; control cycle p99 ${fmt(p.cycleP99Ms ?? NaN, 1)} ms meanwhile${note ? `; ${note}` : ''}`,
  ]);
}
