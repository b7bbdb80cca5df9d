/**
 * Our Modbus TCP driver against libmodbus' C client, both reading 10 holding registers from
 * one libmodbus C server on loopback. Clients take turns in short rounds (the order flips
 * every round) and each figure is the median over the rounds, so a burst of load from
 * another process on the machine hits both sides alike instead of one whole run.
 *
 * Clients: the libmodbus C client (sequential, its API is synchronous); ModbusTcpClient
 * (sequential readHolding); ProfiledDevice.readAll over it (one 10-point profile: one
 * request, decoded); and ModbusTcpClient pipelined (several requests in flight on the one
 * socket, replies matched by transaction id).
 */
import { ModbusTcpClient } from '../src/main/devices/modbus/wire/modbus-client';
import { ProfiledDevice } from '../src/main/devices/modbus/drivers/profiled-device';
import { deviceProfileSchema } from '../src/main/devices/modbus/profile/profile-schema';
import { quantile } from './bench-stats';
import {
  buildLibmodbusTools,
  runLibmodbusClient,
  startLibmodbusServer,
  type LibmodbusTools,
} from './modbus-libmodbus-tools';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/** How long and how often to measure. */
export interface ModbusBenchPlan {
  readonly rounds: number;
  readonly roundSeconds: number;
  /** Requests in flight at once in the pipelined run. */
  readonly depth: number;
}

/**
 * Reads per second of one client over the rounds. Load from other processes only ever slows
 * a client down, so the best round is the least disturbed one; the paired ratio compares each
 * round with the libmodbus round next to it, and shows how much the load weighed on each side.
 */
export interface ClientRate {
  readonly bestPerS: number;
  readonly medianPerS: number;
  readonly roundsPerS: readonly number[];
  /** This client's best round / libmodbus' best round: the headline figure. */
  readonly ratio: number;
  /** Median over the rounds of this client's rate / libmodbus' rate in the same round. */
  readonly pairedMedianRatio: number;
  /** This process' CPU time per read, µs (median; not measured for the C client). */
  readonly cpuUsPerRead: number | null;
}

/** The comparison's result. */
export interface ModbusComparison {
  readonly libmodbusVersion: string;
  readonly registers: number;
  readonly plan: ModbusBenchPlan;
  readonly libmodbus: ClientRate;
  readonly client: ClientRate;
  readonly profiled: ClientRate;
  readonly pipelined: ClientRate;
}

const REGISTERS = 10;
const WARMUP_READS = 2000;

/** A profile of 10 consecutive uint16 holding registers at 0..9: one request per readAll. */
const TEN_POINTS = deviceProfileSchema.parse({
  name: 'bench ten registers',
  kind: 'meter',
  points: Object.fromEntries(
    Array.from({ length: REGISTERS }, (_, i) => [`r${i}`, { address: i, type: 'uint16' }]),
  ),
  meter: { powerPoint: 'r0' },
});

function check(regs: readonly number[]): void {
  // The same check as the C client: a benchmark that reads garbage fast proves nothing.
  if (regs.length !== REGISTERS || regs[REGISTERS - 1] !== REGISTERS - 1)
    throw new Error(`bad reply: ${regs.join(' ')}`);
}

/** Runs `read` back to back for `seconds`; reads per second. */
async function sequential(read: () => Promise<void>, seconds: number): Promise<number> {
  let reads = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    // Clock read every 100 reads, as in the C client.
    for (let i = 0; i < 100; i++) await read();
    reads += 100;
    elapsed = performance.now() - t0;
  }
  return reads / (elapsed / 1000);
}

/** Keeps `depth` reads in flight on one client for `seconds`; reads per second. */
async function pipelined(client: ModbusTcpClient, depth: number, seconds: number): Promise<number> {
  let reads = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const lane = async (): Promise<void> => {
    while (performance.now() < end) {
      for (let i = 0; i < 20; i++) check(await client.readHolding(0, REGISTERS));
      reads += 20;
    }
  };
  await Promise.all(Array.from({ length: depth }, lane));
  return reads / ((performance.now() - t0) / 1000);
}

type ClientName = 'libmodbus' | 'client' | 'profiled' | 'pipelined';
interface Round {
  readonly perS: number;
  readonly cpuUsPerRead: number | null;
}

/** Runs one client for a round and notes this process' CPU time per read. */
async function measured(run: () => Promise<number>, seconds: number, own: boolean): Promise<Round> {
  const cpu = process.cpuUsage();
  const perS = await run();
  const used = process.cpuUsage(cpu);
  return { perS, cpuUsPerRead: own ? (used.user + used.system) / (perS * seconds) : null };
}

function summary(rounds: readonly Round[], reference: readonly Round[]): ClientRate {
  const cpu = rounds.flatMap((r) => (r.cpuUsPerRead === null ? [] : [r.cpuUsPerRead]));
  const best = (rs: readonly Round[]): number => Math.max(...rs.map((r) => r.perS));
  return {
    bestPerS: best(rounds),
    medianPerS: quantile(
      rounds.map((r) => r.perS),
      0.5,
    ),
    roundsPerS: rounds.map((r) => Math.round(r.perS)),
    ratio: best(rounds) / best(reference),
    pairedMedianRatio: quantile(
      rounds.map((r, i) => r.perS / (reference[i]?.perS ?? NaN)),
      0.5,
    ),
    cpuUsPerRead: cpu.length > 0 ? quantile(cpu, 0.5) : null,
  };
}

/** Measures all four clients against one libmodbus server. */
export async function compareWithLibmodbus(
  plan: ModbusBenchPlan,
  built?: LibmodbusTools,
): Promise<ModbusComparison> {
  const tools = built ?? (await buildLibmodbusTools());
  const server = await startLibmodbusServer(tools);
  const client = new ModbusTcpClient({
    clock: realTime,
    host: '127.0.0.1',
    port: server.port,
    timeoutMs: 1000,
  });
  const device = new ProfiledDevice(
    TEN_POINTS,
    new ModbusTcpClient({ clock: realTime, host: '127.0.0.1', port: server.port, timeoutMs: 1000 }),
  );
  try {
    await client.connect();
    await device.connect();
    const runners: Record<ClientName, () => Promise<number>> = {
      libmodbus: () => runLibmodbusClient(tools, server.port, plan.roundSeconds, REGISTERS),
      client: () =>
        sequential(async () => check(await client.readHolding(0, REGISTERS)), plan.roundSeconds),
      profiled: () =>
        sequential(async () => {
          const values = await device.readAll();
          if (values['r9'] !== 9) throw new Error('bad decoded value');
        }, plan.roundSeconds),
      pipelined: () => pipelined(client, plan.depth, plan.roundSeconds),
    };
    for (let i = 0; i < WARMUP_READS; i++) {
      check(await client.readHolding(0, REGISTERS));
      await device.readAll();
    }
    const names = Object.keys(runners) as ClientName[];
    const rounds: Record<ClientName, Round[]> = {
      libmodbus: [],
      client: [],
      profiled: [],
      pipelined: [],
    };
    for (let round = 0; round < plan.rounds; round++) {
      // Alternate the order so neither side always runs first after a pause.
      for (const name of round % 2 === 0 ? names : [...names].reverse())
        rounds[name].push(await measured(runners[name], plan.roundSeconds, name !== 'libmodbus'));
    }
    const of = (name: ClientName): ClientRate => summary(rounds[name], rounds.libmodbus);
    return {
      libmodbusVersion: tools.version,
      registers: REGISTERS,
      plan,
      libmodbus: of('libmodbus'),
      client: of('client'),
      profiled: of('profiled'),
      pipelined: of('pipelined'),
    };
  } finally {
    await Promise.allSettled([client.close(), device.close()]);
    await server.stop();
  }
}
