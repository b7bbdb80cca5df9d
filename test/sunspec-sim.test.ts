import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInverterDriver } from '../src/main/devices/modbus/drivers/inverter-driver';
import { createMeterDriver } from '../src/main/devices/modbus/drivers/meter-driver';
import { ModbusTcpClient } from '../src/main/devices/modbus/wire/modbus-client';
import { loadProfile } from '../src/main/devices/modbus/profile/profile-loader';
import type { DiscoveryEvent } from '../src/main/devices/modbus/sunspec/sunspec-discovery';
import { discoverDevice } from '../src/main/devices/modbus/sunspec/sunspec-discovery';
import { profileFromDiscovery } from '../src/main/devices/modbus/sunspec/sunspec-profile';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { spawnTsx, type TsxProcess } from './support/tsx-process';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';
import { STARTUP_TIMEOUT_MS } from './support/startup-timeout';

/**
 * SunSpec discovery against the simulator in SunSpec mode over real Modbus TCP: the inverter
 * is found as models 1, 103, 124 and the meter as 1, 203; profiles generated from discovery
 * load, the existing drivers read through them, and an EMS-style setpoint moves the simulated
 * inverter. The CLI's --sunspec switch is checked on a real process.
 */

let site: SimulatedSite;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  site = await startSimulatedSite({
    time: realTime,
    sunspec: true,
    seed: 3,
    initialSocPct: 55,
    tickMs: 50,
  });
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

afterAll(async () => {
  await site.stop();
});

function client(port: number | null): ModbusTcpClient {
  const c = new ModbusTcpClient({
    clock: realTime,
    host: site.host,
    port: port ?? 0,
    name: 'probe',
    timeoutMs: 1000,
  });
  closers.push(() => c.close());
  return c;
}

describe('simulator in SunSpec mode', () => {
  it('is discovered as an inverter with models 1, 103, 124 and W scaled by W_SF', async () => {
    const t = client(site.ports.inverter);
    await t.connect();
    const events: DiscoveryEvent[] = [];
    const result = await discoverDevice(t, { onProgress: (e) => events.push(e) });
    expect(result.base).toBe(40000);
    expect(result.models.map((m) => [m.id, m.address, m.length])).toEqual([
      [1, 40002, 66],
      [103, 40070, 50],
      [124, 40122, 24],
    ]);
    expect(events[0]).toEqual({ kind: 'base', base: 40000, found: true, detail: "'SunS'" });
    const w = result.models[1]?.decoded?.points.find((p) => p.name === 'W');
    expect(w?.sf).toBe(1);
    expect(w?.raw).toBe(Math.round(site.model.inverter.activePowerW / 10));
    const sn = result.models[0]?.decoded?.points.find((p) => p.name === 'SN');
    expect(sn?.value).toBe('SIM-INV-3');
  });

  it('runs the inverter through a profile made by discovery: read, setpoint, watchdog armed', async () => {
    const probe = client(site.ports.inverter);
    await probe.connect();
    const profile = profileFromDiscovery(await discoverDevice(probe), 'inverter');
    const inv = createInverterDriver(profile, {
      clock: realTime,
      host: site.host,
      port: site.ports.inverter ?? 0,
    });
    closers.push(() => inv.close());
    await inv.connect();
    expect(site.model.inverter.watchdogTimeoutS).toBe(30);
    const before = await inv.read();
    expect(before.socPct).toBeCloseTo(55, 0);
    expect(before.ratedChargeW).toBe(5000);

    await inv.writeSetpoint(-1500);
    expect(site.model.inverter.setpointW).toBe(-1500);
    await waitFor(() => Math.abs(site.model.inverter.activePowerW + 1500) < 5, {
      what: 'the inverter at -1500 W',
    });
    expect((await inv.read()).activePowerW).toBe(-1500);
    await inv.writeSetpoint(0);
    expect(site.model.inverter.setpointW).toBe(0);
  });

  it('serves the meter as models 1 and 203, read by the MeterDriver through generated and built-in profiles', async () => {
    const probe = client(site.ports.meter);
    await probe.connect();
    const result = await discoverDevice(probe);
    expect(result.models.map((m) => m.id)).toEqual([1, 203]);
    for (const profile of [
      profileFromDiscovery(result, 'meter'),
      await loadProfile('sunspec-meter-203'),
    ]) {
      const meter = createMeterDriver(profile, {
        clock: realTime,
        host: site.host,
        port: site.ports.meter ?? 0,
      });
      closers.push(() => meter.close());
      const r = await meter.read();
      expect(Math.abs(r.gridW - site.model.gridW)).toBeLessThan(300);
      expect(r.points.PhVphA).toBeGreaterThan(200);
    }
  });

  it('refuses sunspec together with only', async () => {
    await expect(
      startSimulatedSite({ time: realTime, sunspec: true, only: 'meter' }),
    ).rejects.toThrow(/does not combine with only/);
  });
});

describe('npm run sim -- --sunspec', () => {
  let run: TsxProcess | null = null;

  afterEach(async () => {
    run?.kill('SIGTERM');
    await run?.exited;
    run = null;
  });

  it('announces the SunSpec base and serves a SunSpec inverter', async () => {
    run = spawnTsx('src/main/sim/cli.ts', [
      '--sunspec',
      '--meter-port=0',
      '--inverter-port=0',
      '--can-port=0',
    ]);
    const ready = JSON.parse(
      await run.waitForLine((l) => l.startsWith('{'), STARTUP_TIMEOUT_MS),
    ) as {
      inverterPort: number;
      sunspecBase: number;
    };
    expect(ready.sunspecBase).toBe(40000);
    const t = client(ready.inverterPort);
    await t.connect();
    const result = await discoverDevice(t, { bases: [40000] });
    expect(result.models.map((m) => m.id)).toEqual([1, 103, 124]);
  });
});
