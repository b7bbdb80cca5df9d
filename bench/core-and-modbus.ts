/**
 * Benchmark of the foundation (not a test): control-step cost of the pure core, Modbus
 * transactions per poll cycle for each built-in profile, and poll-cycle time on loopback
 * against the simulator. Run with `npm run bench`; prints a table and writes JSON to
 * bench/results/core-and-modbus.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../src/main/core/core-config';
import { applyCommand, createCoreState, step } from '../src/main/core';
import type { Measurements } from '../src/main/core/measurements';
import { createInverterDriver } from '../src/main/devices/modbus/drivers/inverter-driver';
import { createMeterDriver } from '../src/main/devices/modbus/drivers/meter-driver';
import { loadProfile } from '../src/main/devices/modbus/profile/profile-loader';
import { planReadBlocks } from '../src/main/devices/modbus/profile/block-planner';
import { registerCount } from '../src/main/devices/modbus/profile/codec';
import { startSimulatedSite } from '../src/main/sim/sim-site';
import { fmt, quantile } from './bench-stats';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

const config: CoreConfig = { ...DEFAULT_CORE_CONFIG, hasBms: true };

function measurementsAt(now: number, i: number): Measurements {
  const gridW = 800 * Math.sin(i / 50) + 300 * Math.sin(i / 7);
  const bms = {
    socPct: 50,
    voltageV: 52,
    currentA: 0,
    temperatureC: 25,
    chargeCurrentLimitA: 100,
    dischargeCurrentLimitA: 100,
    chargeEnabled: true,
    dischargeEnabled: true,
    alarms: [],
    warnings: [],
  };
  return {
    grid: { value: gridW, at: now },
    inverter: { value: { activePowerW: -gridW / 2, socPct: 50 }, at: now },
    bms: { value: bms, at: now },
  };
}

/** Median cost of one core step in SELF_CONSUMPTION, µs (batches of 1000 steps). */
function benchCoreStep(): { medianUs: number; p99Us: number; steps: number } {
  let state = createCoreState(config);
  let now = 1_000_000;
  state = applyCommand(state, { type: 'start' }, now, config).state;
  state = step(state, measurementsAt(now, 0), now, config).state;
  state = applyCommand(state, { type: 'setMode', mode: 'SELF_CONSUMPTION' }, now, config).state;
  const perStepUs: number[] = [];
  const batch = 1000;
  let i = 0;
  for (let b = 0; b < 300; b++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < batch; k++) {
      now += 250;
      i++;
      state = step(state, measurementsAt(now, i), now, config).state;
    }
    perStepUs.push(Number(process.hrtime.bigint() - t0) / 1000 / batch);
  }
  if (state.state !== 'SELF_CONSUMPTION')
    throw new Error(`bench left SELF_CONSUMPTION: ${state.state}`);
  return {
    medianUs: quantile(perStepUs.slice(50), 0.5),
    p99Us: quantile(perStepUs.slice(50), 0.99),
    steps: i,
  };
}

/** Requests per read of every point of a profile, and the points it covers. */
async function profileRequests(
  name: string,
): Promise<{ profile: string; points: number; requests: number }> {
  const profile = await loadProfile(name);
  const points = Object.entries(profile.points).map(([pointName, p]) => ({
    name: pointName,
    kind: p.kind,
    address: p.address,
    count: registerCount(p.type),
  }));
  const blocks = planReadBlocks(points, { maxGap: profile.maxReadGap ?? 0 });
  return { profile: name, points: points.length, requests: blocks.length };
}

/** Poll-cycle time against the in-process simulator: meter and inverter read together, then a setpoint write. */
async function benchPollCycle(cycles: number): Promise<Record<string, number>> {
  const sim = await startSimulatedSite({
    time: realTime,
    ports: { meter: 0, inverter: 0 },
    onError: () => undefined,
  });
  const meter = createMeterDriver(await loadProfile('sim-meter'), {
    clock: realTime,
    host: '127.0.0.1',
    port: sim.ports.meter ?? 0,
    timeoutMs: 1000,
  });
  const inverter = createInverterDriver(await loadProfile('sim-inverter'), {
    clock: realTime,
    host: '127.0.0.1',
    port: sim.ports.inverter ?? 0,
    timeoutMs: 1000,
  });
  try {
    await meter.connect();
    await inverter.connect();
    const readMs: number[] = [];
    const cycleMs: number[] = [];
    let requests = 0;
    for (let c = 0; c < cycles; c++) {
      const t0 = performance.now();
      await Promise.all([meter.read(), inverter.read()]);
      const t1 = performance.now();
      await inverter.writeSetpoint(c % 2 === 0 ? -1000 : -1010);
      const t2 = performance.now();
      readMs.push(t1 - t0);
      cycleMs.push(t2 - t0);
      requests = meter.lastReadRequests + inverter.lastReadRequests + 1;
    }
    return {
      cycles,
      transactionsPerCycle: requests,
      readMedianMs: quantile(readMs, 0.5),
      cycleMedianMs: quantile(cycleMs, 0.5),
      cycleP99Ms: quantile(cycleMs, 0.99),
    };
  } finally {
    await Promise.allSettled([meter.close(), inverter.close()]);
    await sim.stop();
  }
}

async function main(): Promise<void> {
  const core = benchCoreStep();
  const profiles = await Promise.all(['sim-meter', 'sim-inverter'].map(profileRequests));
  const poll = await benchPollCycle(500);
  const rows: [string, string, string][] = [
    ['control step, median', `${fmt(core.medianUs, 2)} µs`, 'goal < 50 µs'],
    ['control step, p99 of batches', `${fmt(core.p99Us, 2)} µs`, ''],
    ...profiles.map((p): [string, string, string] => [
      `read requests: ${p.profile}`,
      `${p.requests}`,
      `${p.points} points`,
    ]),
    [
      'poll cycle transactions (sim)',
      `${poll['transactionsPerCycle']}`,
      'meter read + inverter read + setpoint write',
    ],
    [
      'poll cycle, median',
      `${fmt(poll['cycleMedianMs'] ?? NaN, 2)} ms`,
      `${poll['cycles']} cycles on loopback`,
    ],
    ['poll cycle, p99', `${fmt(poll['cycleP99Ms'] ?? NaN, 2)} ms`, ''],
    [
      'parallel reads only, median',
      `${fmt(poll['readMedianMs'] ?? NaN, 2)} ms`,
      'meter and inverter together',
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value, note] of rows)
    console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${note}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(
    'bench/results/core-and-modbus.json',
    JSON.stringify({ core, profiles, poll }, null, 2),
  );
}

void main().catch((err: unknown) => {
  console.error(`bench failed: ${String(err)}`);
  process.exit(1);
});
