import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfiledDevice } from '../src/main/devices/modbus/drivers/profiled-device';
import { loadProfile } from '../src/main/devices/modbus/profile/profile-loader';
import { ModbusTcpClient } from '../src/main/devices/modbus/wire/modbus-client';
import { startEmsHost, type EmsHost } from '../src/main/hosts/ems-host';
import { createRealTime } from '../src/main/util/real-time';
import { STARTUP_TIMEOUT_MS } from './support/startup-timeout';
import { spawnTsx, type TsxProcess } from './support/tsx-process';
import { waitFor } from './support/wait-for';

/**
 * Issue 12: "for SunSpec devices the app reads model 1 whenever it connects, so the device's
 * identity is known however the site was made". The simulator runs as its own process in
 * SunSpec mode (`sim --sunspec`, seed 7) over real Modbus TCP; a site file names the library's
 * SunSpec profiles (not a profile made by discovery), and the commissioning report must name
 * each unit as its model 1 says.
 */

const realTime = createRealTime();
let sim: TsxProcess;
let ports: { meterPort: number; inverterPort: number };
let dir: string;

beforeAll(async () => {
  sim = spawnTsx('src/main/sim/cli.ts', [
    '--sunspec',
    '--seed=7',
    '--meter-port=0',
    '--inverter-port=0',
    '--can-port=0',
  ]);
  ports = JSON.parse(await sim.waitForLine((l) => l.startsWith('{'), STARTUP_TIMEOUT_MS)) as {
    meterPort: number;
    inverterPort: number;
  };
  dir = await mkdtemp(join(tmpdir(), 'ems-report-identity-'));
});

afterAll(async () => {
  sim.kill('SIGTERM');
  await sim.exited;
  await rm(dir, { recursive: true, force: true });
});

describe('SunSpec model 1 on connect', () => {
  it('a driver on a library SunSpec profile reads model 1 when it walks the chain', async () => {
    const transport = new ModbusTcpClient({
      clock: realTime,
      host: '127.0.0.1',
      port: ports.inverterPort,
      name: 'inverter',
      timeoutMs: 2000,
    });
    const device = new ProfiledDevice(await loadProfile('sunspec-storage-124'), transport);
    try {
      expect(device.identity).toBeNull();
      await device.connect();
      expect(device.identity).toEqual({
        manufacturer: 'ems-commissioning',
        model: 'Simulated battery inverter',
        serial: 'SIM-INV-7',
        version: '0.1.0',
      });
    } finally {
      await device.close();
    }
  });

  it("the running site's report names the meter and the inverter by their model 1", async () => {
    const siteFile = join(dir, 'site.json');
    await writeFile(
      siteFile,
      JSON.stringify({
        name: 'identity site',
        meter: { host: '127.0.0.1', port: ports.meterPort, profile: 'sunspec-meter-203' },
        inverter: {
          host: '127.0.0.1',
          port: ports.inverterPort,
          profile: 'sunspec-storage-124',
          ratedChargeW: 5000,
          ratedDischargeW: 5000,
        },
      }),
    );
    const host: EmsHost = await startEmsHost({
      siteFile,
      mode: null,
      log: () => undefined,
      time: realTime,
      recordingPath: null,
    });
    try {
      await waitFor(
        () => {
          const { links } = host.runtime.snapshot();
          return links.meter.health === 'ok' && links.inverter.health === 'ok';
        },
        { what: 'both links up', timeoutMs: 30_000 },
      );
      const ctx = { authorised: true, source: 'test' } as const;
      await host.service.handle('setReportMeta', { technician: 'T. Tester', notes: '' }, ctx);
      const reply = await host.service.handle('getReport', {}, ctx);
      expect(reply.ok).toBe(true);
      const html = reply.ok ? (reply.result as { html: string }).html : '';
      const row = (role: string): string =>
        html.split('<tr>').find((r) => r.startsWith(`<td>${role}</td>`)) ?? '';
      expect(row('meter')).toContain(
        'ems-commissioning, Simulated grid meter, serial SIM-MTR-7, version 0.1.0',
      );
      expect(row('inverter')).toContain(
        'ems-commissioning, Simulated battery inverter, serial SIM-INV-7, version 0.1.0',
      );
    } finally {
      await host.stop();
    }
  }, 60_000);
});
