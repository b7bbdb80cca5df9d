/**
 * Benchmark (not a test) of CAN ingest: a fully loaded 500 kbit/s bus (about 4,000 frames/s)
 * arrives over socketcand on loopback from a generator process; this process runs what the
 * EMS runs — the socketcand client transport, the BMS link (decode, assembly, keepalive) and
 * the monitor feed that the UI would receive — and reports frames lost (must be 0), CPU % of
 * one core for this process, and UI updates per second (at most 10).
 * Run with `npm run bench:can` (60 s) or `npm run bench:can -- --seconds 10`; prints a table
 * and writes JSON to bench/results/can-ingest.json. Exits 1 when a target is missed.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createBmsLink } from '../src/main/devices/can/bms-link';
import { createCanMonitorFeed } from '../src/main/devices/can/can-monitor-feed';
import { createSocketcandTransport } from '../src/main/devices/can/socketcand-transport';
import { fmt } from './bench-stats';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '4000' },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
if (!(seconds > 0) || !(rate > 0)) {
  process.stderr.write('usage: npm run bench:can -- [--seconds N] [--rate FRAMES_PER_S]\n');
  process.exit(2);
}

interface GeneratorLine {
  readonly ready?: boolean;
  readonly port?: number;
  readonly done?: boolean;
  readonly sent?: number;
}

async function main(): Promise<number> {
  const generator = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/can-load-generator.ts',
      '--rate',
      String(rate),
      '--seconds',
      String(seconds),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: generator.stdout });
  const next = (): Promise<GeneratorLine> =>
    new Promise((resolve, reject) => {
      lines.once('line', (l) => resolve(JSON.parse(l) as GeneratorLine));
      generator.once('exit', (code) => reject(new Error(`generator exited ${code}`)));
    });
  const ready = await next();

  const transport = createSocketcandTransport({
    clock: realTime,
    host: '127.0.0.1',
    port: ready.port ?? 0,
    bus: 'can0',
  });
  const link = createBmsLink(transport, {
    clock: realTime,
    onError: (m) => process.stderr.write(`${m}\n`),
  });
  const updatesPerSecond = new Map<number, number>();
  let lastSequence = -1;
  let sequenceGaps = 0;
  // The measured window runs from the first frame to the last, so start-up and the wait for
  // stragglers do not dilute the CPU figure.
  let cpuAtFirst: NodeJS.CpuUsage | null = null;
  let firstAt = 0;
  let lastAt = 0;
  const feed = createCanMonitorFeed(
    (update) => {
      const second = Math.floor(update.at / 1000);
      updatesPerSecond.set(second, (updatesPerSecond.get(second) ?? 0) + 1);
    },
    { clock: realTime },
  );
  transport.onFrame((frame, at) => {
    if (cpuAtFirst === null) {
      cpuAtFirst = process.cpuUsage();
      firstAt = performance.now();
    }
    lastAt = performance.now();
    feed.accept(frame, at);
    if (frame.id === 0x700) {
      const sequence = new DataView(frame.data.buffer, frame.data.byteOffset).getUint32(0, true);
      if (sequence !== lastSequence + 1) sequenceGaps++;
      lastSequence = sequence;
    }
  });

  await link.open();
  const done = await next();
  // Frames still in flight on the socket.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const cpu = process.cpuUsage(cpuAtFirst ?? undefined);
  const wallMs = Math.max(1, lastAt - firstAt);
  feed.stop();
  const stats = link.stats();
  const reading = link.latest();
  await link.close();
  generator.stdin.end();

  const sent = done.sent ?? 0;
  const lost = sent - stats.framesReceived;
  const cpuPct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
  // Whole seconds only: the first and last are partial.
  const counts = [...updatesPerSecond.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(1, -1)
    .map(([, n]) => n);
  const maxUpdates = counts.length > 0 ? Math.max(...counts) : 0;
  const result = {
    seconds,
    targetRate: rate,
    framesSent: sent,
    framesReceived: stats.framesReceived,
    framesLost: lost,
    sequenceGaps,
    framesDecoded: stats.framesDecoded,
    framesUnknown: stats.framesUnknown,
    framesMalformed: stats.framesMalformed,
    bmsReadingAssembled: reading !== null,
    cpuPercentOfOneCore: Number(cpuPct.toFixed(2)),
    uiUpdatesMaxPerSecond: maxUpdates,
    uiUpdatesMeanPerSecond:
      counts.length > 0 ? counts.reduce((a, b) => a + b, 0) / counts.length : 0,
    keepalivesSent: stats.keepalivesSent,
    node: process.version,
  };
  const rows: Array<[string, string, string]> = [
    ['frames sent', String(sent), ''],
    ['frames received', String(stats.framesReceived), ''],
    [
      'frames lost',
      String(lost),
      lost === 0 && sequenceGaps === 0 ? 'ok (target 0)' : 'FAIL (target 0)',
    ],
    ['mean rate, frames/s', fmt(stats.framesReceived / (wallMs / 1000), 0), `target ~${rate}`],
    [
      'decoded / unknown / malformed',
      `${stats.framesDecoded} / ${stats.framesUnknown} / ${stats.framesMalformed}`,
      '',
    ],
    ['CPU, % of one core', fmt(cpuPct, 2), cpuPct < 10 ? 'ok (target < 10)' : 'FAIL (target < 10)'],
    [
      'UI updates per second, max',
      String(maxUpdates),
      maxUpdates <= 10 ? 'ok (target <= 10)' : 'FAIL (target <= 10)',
    ],
    ['BMS reading assembled', String(reading !== null), ''],
    ['keepalives sent', String(stats.keepalivesSent), ''],
  ];
  process.stdout.write(
    `\nCAN ingest over socketcand on loopback, ${seconds} s at ${rate} frames/s\n\n`,
  );
  for (const [name, value, verdict] of rows) {
    process.stdout.write(`${name.padEnd(32)} ${value.padStart(20)}  ${verdict}\n`);
  }
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/can-ingest.json', `${JSON.stringify(result, null, 2)}\n`);
  return lost === 0 && sequenceGaps === 0 && cpuPct < 10 && maxUpdates <= 10 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:can: ${String(error)}\n`);
    process.exit(1);
  },
);
