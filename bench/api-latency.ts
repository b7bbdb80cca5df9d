/**
 * Benchmark of the REST API (not a test): latency of GET /api/status and of POST
 * /api/external-setpoint at 100 requests/s each on loopback, for ~20 s per phase, and the
 * control loop's cycle time (runtime cycleStats) without and with that load. The EMS runs
 * in its own process (bench/api-latency-host.ts) so the load generator does not share its
 * event loop. Run with `npm run bench:api` (BENCH_API_SECONDS changes the phase length);
 * prints a table and writes JSON to bench/results/api-latency.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CycleSample, HostMessage } from './api-latency-host';
import { fmt, quantile } from './bench-stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PHASE_S = Number(process.env['BENCH_API_SECONDS'] ?? 20);
const RATE = 100;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

interface Phase {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly latenciesMs: number[];
  readonly statuses: Record<string, number>;
}

function startHost(): Promise<{
  child: ChildProcess;
  ready: Extract<HostMessage, { type: 'ready' }>;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api-latency-host.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench host exited (${code})`)));
    child.on('message', (m: HostMessage) => {
      if (m.type === 'ready') resolve({ child, ready: m });
    });
  });
}

function call(
  port: number,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<number> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          Authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Open-loop load: one request every 1000/RATE ms for `seconds`, whatever the answers do. */
async function load(
  name: string,
  seconds: number,
  send: ((i: number) => Promise<number>) | null,
): Promise<Phase> {
  const phase: Phase = { name, from: Date.now(), to: 0, latenciesMs: [], statuses: {} };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const total = seconds * RATE;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (send === null) continue;
    const t0 = performance.now();
    inFlight.push(
      send(i).then(
        (status) => {
          phase.latenciesMs.push(performance.now() - t0);
          phase.statuses[status] = (phase.statuses[status] ?? 0) + 1;
        },
        () => {
          phase.statuses['error'] = (phase.statuses['error'] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { ...phase, to: Date.now() };
}

function dumpCycles(child: ChildProcess): Promise<Extract<HostMessage, { type: 'cycles' }>> {
  return new Promise((resolve) => {
    const on = (m: HostMessage): void => {
      if (m.type !== 'cycles') return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send({ type: 'dump' });
  });
}

async function waitForExternal(port: number, token: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/status', agent }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    if ((JSON.parse(body) as { state: string }).state === 'EXTERNAL_CONTROL') return;
    if (i === 10) await call(port, 'POST', '/api/mode', token, { mode: 'EXTERNAL' });
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the bench host never reached EXTERNAL_CONTROL');
}

function cycleStats(samples: readonly CycleSample[], phase: Phase) {
  // The first second of each phase is left out: the load is still ramping up.
  const inside = samples.filter((s) => s.at >= phase.from + 1000 && s.at <= phase.to);
  const ms = inside.map((s) => s.ms);
  const periods = inside.slice(1).map((s, i) => s.at - (inside[i]?.at ?? s.at));
  return {
    cycles: inside.length,
    cycleP50Ms: quantile(ms, 0.5),
    cycleP99Ms: quantile(ms, 0.99),
    cycleMaxMs: Math.max(...ms),
    periodP50Ms: quantile(periods, 0.5),
    periodP99Ms: quantile(periods, 0.99),
  };
}

async function main(): Promise<void> {
  const { child, ready } = await startHost();
  const { port, token } = ready;
  try {
    await waitForExternal(port, token);
    console.error(`bench: host on 127.0.0.1:${port}; ${PHASE_S} s per phase at ${RATE} requests/s`);
    const phases: Phase[] = [];
    phases.push(await load('idle (no API load)', PHASE_S, null));
    phases.push(
      await load('GET /api/status', PHASE_S, () => call(port, 'GET', '/api/status', token)),
    );
    phases.push(
      await load('POST /api/external-setpoint', PHASE_S, (i) =>
        call(port, 'POST', '/api/external-setpoint', token, {
          watts: i % 2 === 0 ? -1000 : -1100,
          ttlSeconds: 10,
        }),
      ),
    );
    phases.push(await load('idle again', PHASE_S / 2, null));
    const { samples, loopDelayP99Ms } = await dumpCycles(child);
    const rows = phases.map((p) => ({
      phase: p.name,
      requests: p.latenciesMs.length,
      statuses: p.statuses,
      p50Ms: quantile(p.latenciesMs, 0.5),
      p99Ms: quantile(p.latenciesMs, 0.99),
      maxMs: p.latenciesMs.length > 0 ? Math.max(...p.latenciesMs) : NaN,
      ...cycleStats(samples, p),
    }));
    console.log(
      '\nphase                         | req  | p50 ms | p99 ms | max ms | cycles | cycle p50 | cycle p99 | cycle max | period p50/p99',
    );
    for (const r of rows) {
      console.log(
        [
          r.phase.padEnd(29),
          String(r.requests).padStart(4),
          fmt(r.p50Ms, 2).padStart(6),
          fmt(r.p99Ms, 2).padStart(6),
          fmt(r.maxMs, 1).padStart(6),
          String(r.cycles).padStart(6),
          fmt(r.cycleP50Ms, 2).padStart(9),
          fmt(r.cycleP99Ms, 2).padStart(9),
          fmt(r.cycleMaxMs, 1).padStart(9),
          `${fmt(r.periodP50Ms, 0)}/${fmt(r.periodP99Ms, 0)} ms`.padStart(14),
        ].join(' | '),
      );
    }
    console.log(
      `\nstatuses: ${rows.map((r) => `${r.phase}: ${JSON.stringify(r.statuses)}`).join('; ')}`,
    );
    console.log(`host event-loop delay p99 over the run: ${fmt(loopDelayP99Ms, 2)} ms`);
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      ratePerS: RATE,
      phaseSeconds: PHASE_S,
      note: `bench host allows ${ready.writeRate} writes/s per client (the API default is 20/s)`,
      hostLoopDelayP99Ms: loopDelayP99Ms,
      phases: rows,
    };
    await mkdir(new URL('results/', import.meta.url), { recursive: true });
    await writeFile(
      new URL('results/api-latency.json', import.meta.url),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log('written bench/results/api-latency.json');
  } finally {
    child.removeAllListeners('exit');
    child.send({ type: 'stop' });
    await new Promise((r) => child.once('exit', r));
    agent.destroy();
  }
}

void main();
