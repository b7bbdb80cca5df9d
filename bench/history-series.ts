/**
 * Benchmark (not a test): the cost of bucketing a full 24 h trend history for the chart, the
 * call the renderer makes when the operator switches to the 24 h window. The unit test only
 * checks the buckets; how long they take is measured here, where a loaded machine changes the
 * figure rather than failing a check.
 *
 *   node --import tsx bench/history-series.ts [--runs N]
 *
 * Prints median, p95 and maximum and writes bench/results/history-series.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HISTORY_CAPACITY, HistoryRing } from '../src/main/runtime/history-ring';
import { fmt, quantile } from './bench-stats';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
if (!(Number.isInteger(runs) && runs >= 1)) {
  process.stderr.write(`--runs must be a whole number of 1 or more, got ${values.runs}\n`);
  process.exit(2);
}

const T0 = Date.UTC(2024, 0, 1);
const ring = new HistoryRing();
// One sample a second for a full day, with gaps and varying values like a live site's.
for (let i = 0; i < HISTORY_CAPACITY; i++) {
  ring.offer({
    t: T0 + i * 1000 + 17,
    gridW: i % 97 === 0 ? null : Math.sin(i / 50) * 3000,
    inverterW: i % 13 === 0 ? null : i % 500,
    soc: 20 + (i % 600) / 10,
    setpointW: -(i % 4000),
    pvW: null,
    loadW: null,
  });
}
const now = T0 + HISTORY_CAPACITY * 1000;

ring.series('24h', now); // warm-up: the first call pays for JIT compilation
const ms: number[] = [];
let buckets = 0;
for (let r = 0; r < runs; r++) {
  const started = performance.now();
  buckets = ring.series('24h', now).buckets.length;
  ms.push(performance.now() - started);
}

const result = {
  samples: HISTORY_CAPACITY,
  buckets,
  runs,
  medianMs: quantile(ms, 0.5),
  p95Ms: quantile(ms, 0.95),
  maxMs: Math.max(...ms),
};
process.stdout.write(
  `24 h series of ${result.samples} samples -> ${buckets} buckets, ${runs} runs: ` +
    `median ${fmt(result.medianMs, 2)} ms, p95 ${fmt(result.p95Ms, 2)} ms, max ${fmt(result.maxMs, 2)} ms\n`,
);
const out = join(fileURLToPath(new URL('.', import.meta.url)), 'results');
await mkdir(out, { recursive: true });
await writeFile(join(out, 'history-series.json'), `${JSON.stringify(result, null, 2)}\n`);
