/**
 * Load generator for bench/can-ingest.ts (its own process, so the benchmark measures only
 * the EMS side's CPU): a socketcand gateway that, once a client is in raw mode, puts
 * `--rate` frames per second on the bus for `--seconds`: half Pylontech BMS frames (cycling
 * through the profile's ids), half filler frames 0x700 carrying a sequence number.
 * Prints `{"ready":true,"port":N}`, then `{"done":true,"sent":N,"bms":N,"filler":N}`.
 */
import { parseArgs } from 'node:util';
import type { BmsReading } from '../src/main/core/measurements';
import type { CanFrame } from '../src/main/devices/can/can-transport';
import { createMemoryCanBus } from '../src/main/devices/can/memory-can-bus';
import { encodeBmsFrames } from '../src/main/devices/can/bms-frame-encoder';
import { startSocketcandServer } from '../src/main/devices/can/socketcand-server';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '4000' },
    seconds: { type: 'string', default: '60' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);

const reading: BmsReading = {
  socPct: 55,
  sohPct: 98,
  voltageV: 52.1,
  currentA: -30,
  temperatureC: 24,
  chargeVoltageLimitV: 55.2,
  chargeCurrentLimitA: 80,
  dischargeCurrentLimitA: 100,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};
const bmsFrames = encodeBmsFrames(reading);

function filler(sequence: number): CanFrame {
  const data = new Uint8Array(8);
  new DataView(data.buffer).setUint32(0, sequence, true);
  return { id: 0x700, data };
}

async function main(): Promise<void> {
  const bus = createMemoryCanBus({ clock: realTime });
  const source = bus.endpoint('load');
  const bridge = bus.endpoint('gateway');
  await Promise.all([source.open(), bridge.open()]);
  const server = await startSocketcandServer({ clock: realTime, transport: bridge, port: 0 });
  process.stdout.write(`${JSON.stringify({ ready: true, port: server.port })}\n`);
  while (server.rawClients() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  // Let the client settle in raw mode before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 200));

  let sent = 0;
  let bms = 0;
  let fill = 0;
  const total = Math.round(rate * seconds);
  const startedAt = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate));
      while (sent < due) {
        const frame = sent % 2 === 0 ? bmsFrames[bms++ % bmsFrames.length] : filler(fill++);
        if (frame !== undefined) void source.send(frame);
        sent++;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  // The memory bus delivers in microtasks; give the last writes a moment to leave the socket.
  await new Promise((resolve) => setTimeout(resolve, 200));
  process.stdout.write(`${JSON.stringify({ done: true, sent, bms, filler: fill })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => void server.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`can-load-generator: ${String(error)}\n`);
  process.exit(1);
});
