import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverSunSpec } from '../../src/main/devices/modbus/sunspec/sunspec-resolver';
import { ModbusTcpClient } from '../../src/main/devices/modbus/wire/modbus-client';
import { startEmsHost, type EmsHost } from '../../src/main/hosts/ems-host';
import { startSimulatedSite, type SimulatedSite } from '../../src/main/sim/sim-site';
import { createRealTime } from '../../src/main/util/real-time';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { waitFor } from './wait-for';

/**
 * Reads fail while writes still work: the measurement behind test/read-failure-zero.test.ts
 * and bench/read-failure-zero.ts. The EMS (startEmsHost, from a site file, as the headless
 * host runs it) controls the simulator's SunSpec inverter (models 1, 103, 124, profile
 * sunspec-storage-124) over real Modbus TCP through a fault proxy, discharging at 1500 W.
 * Then every read of the inverter fails one way, while its writes pass, and the time until
 * the inverter itself (the simulator's model, not the EMS's view) holds 0 W is measured.
 */

/** How the inverter's reads fail. */
export type ReadFailure = 'readException' | 'readSentinel' | 'readDrop';

/** In words, for tables. */
export const READ_FAILURES: Readonly<Record<ReadFailure, string>> = {
  readException: 'every read answered with exception 4',
  readSentinel: '103 W reads 0x8000 (not implemented)',
  readDrop: 'reads never answered (request timeout)',
};

/** One measured read failure. */
export interface ReadFailureResult {
  readonly failure: ReadFailure;
  /** From the failure's start until the inverter held 0 W, ms; null if it never did within the bound. */
  readonly zeroAfterMs: number | null;
  /** The EMS state and its faults when the inverter reached 0 W. */
  readonly state: string;
  readonly faults: readonly string[];
  /** Reads the proxy failed or altered during the measurement (proof the fault touched the traffic). */
  readonly alteredOrDropped: number;
}

const realTime = createRealTime();
const OVERRIDE_W = 1500;

/** A running EMS, simulator and proxy. */
interface Rig {
  readonly sim: SimulatedSite;
  readonly proxy: FaultProxy;
  readonly host: EmsHost;
  readonly dir: string;
}

async function startRig(log: (line: string) => void): Promise<Rig> {
  // Evening: no PV, a plain discharge. The inverter's watchdog (30 s) must not be what brings 0 W.
  const sim = await startSimulatedSite({
    sunspec: true,
    ports: { meter: 0, inverter: 0 },
    startTimeOfDayS: 20 * 3600,
    time: realTime,
    onError: log,
  });
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: sim.ports.inverter ?? 0 });
  const dir = await mkdtemp(join(tmpdir(), 'ems-read-failure-'));
  const siteFile = join(dir, 'site.json');
  await writeFile(
    siteFile,
    JSON.stringify({
      name: 'read failure',
      meter: { host: '127.0.0.1', port: sim.ports.meter, profile: 'sunspec-meter-203' },
      inverter: {
        host: '127.0.0.1',
        port: proxy.port,
        profile: 'sunspec-storage-124',
        ratedChargeW: 5000,
        ratedDischargeW: 5000,
      },
      control: { defaultOverrideW: OVERRIDE_W },
    }),
  );
  const host = await startEmsHost({
    siteFile,
    mode: 'DISCHARGE_ONLY',
    log,
    time: realTime,
    recordingPath: null,
  });
  return { sim, proxy, host, dir };
}

async function stopRig(rig: Rig): Promise<void> {
  await rig.host.stop();
  await rig.proxy.close();
  await rig.sim.stop();
  await rm(rig.dir, { recursive: true, force: true });
}

/** The absolute address of 103 W on the simulator's inverter (SunSpec discovery, direct). */
async function addressOfW(port: number): Promise<number> {
  const client = new ModbusTcpClient({ clock: realTime, host: '127.0.0.1', port, timeoutMs: 2000 });
  try {
    await client.connect();
    const map = await discoverSunSpec(client, [40000]);
    const at = map.models.get(103);
    if (at === undefined) throw new Error('the simulator has no model 103');
    return at + 14;
  } finally {
    await client.close();
  }
}

/**
 * Measures one read failure on a fresh rig. `boundMs` is how long to wait for 0 W at most.
 */
export async function measureReadFailure(
  failure: ReadFailure,
  boundMs = 10_000,
  log: (line: string) => void = () => undefined,
): Promise<ReadFailureResult> {
  const rig = await startRig(log);
  try {
    const { sim, proxy, host } = rig;
    await waitFor(() => sim.model.inverter.setpointW >= OVERRIDE_W - 1, {
      timeoutMs: 30_000,
      what: `the inverter discharging at ${OVERRIDE_W} W`,
    });
    proxy.setSentinel(await addressOfW(sim.ports.inverter ?? 0), [0x8000]);
    const before = proxy.stats();
    const startedAt = performance.now();
    proxy.setFault(failure);
    let zeroAfterMs: number | null = null;
    try {
      await waitFor(() => sim.model.inverter.setpointW === 0, {
        timeoutMs: boundMs,
        intervalMs: 5,
        what: '0 W on the inverter',
      });
      zeroAfterMs = performance.now() - startedAt;
    } catch {
      zeroAfterMs = null;
    }
    // The runtime publishes its snapshot after the write it awaited: take the next one.
    const snapshot = await new Promise<ReturnType<typeof host.runtime.snapshot>>((resolve) => {
      const off = host.runtime.onSnapshot((s) => {
        off();
        resolve(s);
      });
    });
    const after = proxy.stats();
    const altered =
      failure === 'readDrop'
        ? after.requests - before.requests
        : after.alteredReplies - before.alteredReplies;
    return {
      failure,
      zeroAfterMs,
      state: snapshot.state,
      faults: snapshot.faults.map((f) => f.code),
      alteredOrDropped: altered,
    };
  } finally {
    await stopRig(rig);
  }
}
