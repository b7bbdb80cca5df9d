import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { InverterDriver } from '../src/main/devices/modbus/drivers/inverter-driver';
import { MeterDriver } from '../src/main/devices/modbus/drivers/meter-driver';
import { ProfiledDevice } from '../src/main/devices/modbus/drivers/profiled-device';
import { loadProfile } from '../src/main/devices/modbus/profile/profile-loader';
import { MemoryTransport } from '../src/main/devices/modbus/wire/memory-transport';
import { ModbusLinkFactory } from '../src/main/devices/modbus/wire/modbus-link-factory';
import { EmsRuntime } from '../src/main/runtime/ems-runtime';
import { siteFileSchema } from '../src/main/site/site-schema';
import { siteToCoreConfig } from '../src/main/site/site-to-core-config';
import { createRealTime } from '../src/main/util/real-time';
import { waitFor } from './support/wait-for';

/**
 * Modbus RTU end to end over a socat pseudo-terminal pair standing in for a USB RS-485
 * adapter: on one end pymodbus 3.0's serial server (Debian python3-pymodbus, written by other
 * people) presents an Eastron SDM630's input registers; on the other our RTU transport reads
 * it through the eastron-sdm630 profile. A pty carries bytes but no line timing, so this
 * checks framing, CRC, function codes, float word order and the failure path; the
 * inter-frame silence is checked on virtual time in rtu-bus.test.ts.
 */

const realTime = createRealTime();
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pymodbus-rtu-meter.py');
const GRID_W = 2345;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts socat with two linked ptys and returns their paths. */
async function ptyPair(): Promise<[string, string]> {
  const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0']);
  cleanups.push(() => void socat.kill('SIGTERM'));
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socat gave no ptys: ${log}`)), 5000);
    socat.once('exit', (code) => reject(new Error(`socat exited ${String(code)}: ${log}`)));
    socat.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      const paths = [...log.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1] ?? '');
      if (paths.length === 2 && log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve([paths[0] ?? '', paths[1] ?? '']);
      }
    });
  });
}

/** Starts the pymodbus SDM630 on `device` (9600 8N1) and waits for its READY line. */
async function startMeter(device: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn('/usr/bin/python3', [SCRIPT, device, '9600', 'N', '1', String(GRID_W)]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pymodbus gave no READY: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`pymodbus exited ${String(code)}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'READY') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

const SERIAL = { baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1 } as const;

describe('Modbus RTU over a pty against pymodbus', () => {
  it('reads an SDM630 to the watt through the eastron-sdm630 profile', async () => {
    const [server, client] = await ptyPair();
    await startMeter(server);
    const profile = await loadProfile('eastron-sdm630');
    const links = new ModbusLinkFactory(realTime);
    const transport = links.create('meter', {
      serial: { device: client, ...SERIAL },
      unitId: 1,
      timeoutMs: 1000,
    });
    const meter = new MeterDriver(new ProfiledDevice(profile, transport));
    cleanups.push(() => meter.close());
    await transport.connect();
    const reading = await meter.read();
    expect(reading.gridW).toBe(GRID_W);
    expect(reading.points['frequencyHz']).toBe(50);
    expect(reading.points['voltageL1V']).toBeCloseTo(230.1, 4);
    expect(reading.points['powerL1W']).toBeCloseTo(GRID_W / 3, 3);
    // A unit nobody answers for times out with a message naming the bus and the request.
    const stranger = links.create('other', {
      serial: { device: client, ...SERIAL },
      unitId: 9,
      timeoutMs: 300,
    });
    await stranger.connect();
    await expect(stranger.readInput(52, 2)).rejects.toThrow(
      /other serial \/dev\/pts\/\d+ 9600 8N1 unit 9: read 2 input registers at 52: no reply/,
    );
    // The bus still serves the meter after the stranger's timeout.
    expect((await meter.read()).gridW).toBe(GRID_W);
    await stranger.close();
  });

  it('the real runtime reads the SDM630 and, when it falls silent, faults with METER_COMM_LOSS at 0 W', async () => {
    const [server, client] = await ptyPair();
    const pymodbus = await startMeter(server);
    const site = siteFileSchema.parse({
      name: 'RTU meter',
      meter: { serial: { device: client, ...SERIAL }, profile: 'eastron-sdm630', timeoutMs: 300 },
      inverter: {
        host: 'memory',
        profile: 'sim-inverter',
        ratedChargeW: 5000,
        ratedDischargeW: 5000,
      },
      control: {
        pollIntervalMs: 250,
        missedPolls: 3,
        connectGraceMs: 5000,
        defaultOverrideW: 1500,
      },
    });
    // The inverter is an in-process register map (the sim-inverter layout): this test is about the meter's bus.
    const inverterMap = new MemoryTransport('inverter memory');
    inverterMap.set('holding', 0, [0, 0, 650, 2, 0, 5000, 0, 5000, 0, 0, 0, 0]);
    const links = new ModbusLinkFactory(realTime);
    const meter = new MeterDriver(
      new ProfiledDevice(await loadProfile('eastron-sdm630'), links.create('meter', site.meter)),
    );
    const inverter = new InverterDriver(
      new ProfiledDevice(await loadProfile('sim-inverter'), inverterMap),
    );
    const runtime = new EmsRuntime({
      config: siteToCoreConfig(site),
      pollIntervalMs: site.control.pollIntervalMs,
      meter,
      inverter,
      bms: null,
      clock: realTime,
      log: () => undefined,
      site: { id: 'rtu-pty', name: 'SDM630 over a pty' },
    });
    cleanups.push(() => runtime.safeStop().then(() => undefined));
    runtime.start();
    expect(runtime.command({ type: 'start' }).ok).toBe(true);
    expect(runtime.command({ type: 'setMode', mode: 'DISCHARGE_ONLY' }).ok).toBe(true);
    await waitFor(() => runtime.snapshot().gridW === GRID_W, { what: 'the SDM630 grid power' });
    await waitFor(() => runtime.snapshot().setpointW > 0, { what: 'a discharge setpoint' });

    pymodbus.kill('SIGKILL');
    const faulted = await waitFor(
      () => {
        const s = runtime.snapshot();
        return s.state === 'FAULT' && s.faults.some((f) => f.code === 'METER_COMM_LOSS') && s;
      },
      { what: 'FAULT with METER_COMM_LOSS' },
    );
    expect(faulted.setpointW).toBe(0);
    expect(faulted.gridW).toBeNull();
    // 0 W reached the inverter's setpoint register (int32 at 8..9).
    await waitFor(() => inverterMap.get('holding', 8, 2).every((r) => r === 0), {
      what: '0 W written to the inverter',
    });
  });
});
