/**
 * The server side of bench/api-latency.ts, run as its own process so the load generator
 * does not share its event loop: the EMS on the embedded simulated site with the REST API
 * on 127.0.0.1. It records every control cycle's duration and the event-loop delay, and
 * sends them to the parent over IPC when asked. Not a test; started only by the benchmark.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openTokenStore } from '../src/main/config/token-store';
import { startEmsHost } from '../src/main/hosts/ems-host';
import { EmsService } from '../src/main/service/ems-service';
import { startApiServer } from '../src/main/transports/rest/api-server';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/** A control cycle as the host saw it: when it ended (epoch ms) and how long it took. */
export interface CycleSample {
  readonly at: number;
  readonly ms: number;
}

/** Messages between the benchmark and this host. */
export type HostMessage =
  | {
      readonly type: 'ready';
      readonly port: number;
      readonly token: string;
      readonly writeRate: number;
    }
  | {
      readonly type: 'cycles';
      readonly samples: readonly CycleSample[];
      readonly loopDelayP99Ms: number;
    };

/** Writes per second per client the bench host allows (the default 20/s would refuse the load). */
export const BENCH_WRITE_RATE = 1000;

async function main(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`[host] ${line}\n`);
  const host = await startEmsHost({
    time: realTime,
    siteFile: null,
    mode: 'EXTERNAL',
    log: () => undefined,
  });
  const service = new EmsService({ runtime: host.runtime, clock: realTime });
  const tokens = await openTokenStore({
    env: { EMS_API_TOKEN: 'bench-token-0123456789abcdef' },
    log,
  });
  const server = await startApiServer({
    service,
    tokens,
    port: 0,
    writeRate: { ratePerS: BENCH_WRITE_RATE, burst: 100 },
    log,
  });
  const samples: CycleSample[] = [];
  let cycles = host.runtime.cycleStats().cycles;
  host.runtime.onSnapshot(() => {
    const s = host.runtime.cycleStats();
    if (s.cycles === cycles) return; // a snapshot published by a command, not a cycle
    cycles = s.cycles;
    samples.push({ at: Date.now(), ms: s.lastCycleMs });
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', (m: unknown) => {
    if ((m as { type?: string }).type === 'dump') {
      const reply: HostMessage = {
        type: 'cycles',
        samples,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
      };
      process.send?.(reply);
    }
    if ((m as { type?: string }).type === 'stop') {
      void server
        .close()
        .then(() => host.stop())
        .then(() => process.exit(0));
    }
  });
  const ready: HostMessage = {
    type: 'ready',
    port: server.port,
    token: tokens.current(),
    writeRate: BENCH_WRITE_RATE,
  };
  process.send?.(ready);
}

void main();
