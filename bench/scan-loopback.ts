/**
 * Benchmark (not a test) of the device scan: the time to scan a /24 of loopback addresses
 * (127.0.0.0/24: 254 hosts) on one port with the default unit ids (1, 2, 3, 126, 247), with
 * the simulator serving a SunSpec inverter on 127.0.0.1 and nothing on the other 253. It runs
 * what the EMS runs (ScanHandlers: the read-only Modbus TCP probes, SunSpec identity,
 * profile suggestions) on real sockets and real time, several times, and prints each run
 * and the median.
 * Run with `npm run bench:scan` (5 runs) or `npm run bench:scan -- --runs 9`.
 */
import { parseArgs } from 'node:util';
import { ScanHandlers } from '../src/main/commissioning/scan/scan-handlers';
import { loadScanLibrary } from '../src/main/commissioning/scan/scan-library';
import { startSimulatedSite } from '../src/main/sim/sim-site';
import { createRealTime } from '../src/main/util/real-time';
import type { ScanView } from '../src/shared/scan-views';
import { fmt, quantile } from './bench-stats';

const realTime = createRealTime();
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs ${values.runs}: a whole number >= 1`);

const site = await startSimulatedSite({ time: realTime, sunspec: true, seed: 1, tickMs: 100 });
const port = site.ports.inverter ?? 0;
const library = await loadScanLibrary();
const times: number[] = [];
let last: ScanView | null = null;
try {
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    let finished: () => void = () => undefined;
    const scanned = new Promise<void>((r) => (finished = r));
    const timed = new ScanHandlers({
      emsState: () => 'STOP',
      time: realTime,
      // Loaded once before the clock starts: the run times the scan, not reading JSON files.
      library: () => Promise.resolve(library),
      push: (p) => {
        if (p.done) finished();
      },
    });
    const { scanId } = await timed.start({ targets: '127.0.0.0/24', ports: [port] });
    await scanned;
    times.push(performance.now() - t0);
    last = timed.get(scanId);
    process.stdout.write(`run ${i + 1}: ${fmt(times.at(-1) ?? 0, 0)} ms\n`);
  }
} finally {
  await site.stop();
}
const found = last?.found.map(
  (f) =>
    `${f.host}:${f.port} unit ${f.unitId} ${f.sunspec?.serial ?? ''}${f.sameAs === undefined ? '' : ` (same as unit ${f.sameAs})`}`,
);
process.stdout.write(
  `scan of 127.0.0.0/24 (254 hosts x 1 port x 5 unit ids = ${last?.total ?? 0} units), ` +
    `${runs} runs: median ${fmt(quantile(times, 0.5), 0)} ms, ` +
    `min ${fmt(Math.min(...times), 0)} ms, max ${fmt(Math.max(...times), 0)} ms; ` +
    `found ${found?.join(', ') ?? 'nothing'}\n`,
);
