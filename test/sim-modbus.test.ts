import { createServer } from 'node:net';
import ModbusRTU from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRaw, encodeRaw, toEngineering } from '../src/main/devices/modbus/profile/codec';
import { startSimulatedSite, type SimulatedSite } from '../src/main/sim/sim-site';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';

/**
 * The simulator over real Modbus TCP: a modbus-serial client reads and writes the served
 * registers (decoded with the project's codec, at the addresses of the built-in sim profiles),
 * and the model behind them is checked against what came over the wire.
 */

const running: SimulatedSite[] = [];
const clients: ModbusRTU[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close(() => undefined);
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(options: Parameters<typeof startSimulatedSite>[0]): Promise<SimulatedSite> {
  const site = await startSimulatedSite({ onError: () => undefined, ...options });
  running.push(site);
  return site;
}

async function connect(port: number | null, timeoutMs = 1_000): Promise<ModbusRTU> {
  if (port === null) throw new Error('device not served');
  const client = new ModbusRTU();
  clients.push(client);
  await client.connectTCP('127.0.0.1', { port });
  client.setID(1);
  client.setTimeout(timeoutMs);
  return client;
}

/** A clock the test moves by hand: the model only advances when the test says so. */
function manualClock(): { now: () => number; add: (ms: number) => void } {
  let t = 1_700_000_000_000;
  return { now: () => t, add: (ms) => void (t += ms) };
}

async function readInt32(client: ModbusRTU, address: number): Promise<number | null> {
  const reply = await client.readHoldingRegisters(address, 2);
  return decodeRaw(reply.data, 'int32', 'big');
}

/** The error a request rejected with (modbus-serial rejects with non-Error objects too). */
async function failureOf(
  request: Promise<unknown>,
): Promise<{ modbusCode?: number; errno?: string; name?: string }> {
  try {
    await request;
  } catch (err) {
    return err as { modbusCode?: number; errno?: string; name?: string };
  }
  throw new Error('the request succeeded');
}

describe('simulated site over Modbus TCP', () => {
  it('serves the meter and the inverter on ephemeral ports with values that match the model', async () => {
    const clock = manualClock();
    const site = await start({
      time: { ...realTime, wallNow: clock.now },
      initialSocPct: 62.5,
      seed: 3,
    });
    expect(site.ports.meter).toBeGreaterThan(0);
    expect(site.ports.inverter).toBeGreaterThan(0);
    expect(site.ports.meter).not.toBe(site.ports.inverter);

    const meter = await connect(site.ports.meter);
    const m = (await meter.readHoldingRegisters(0, 16)).data;
    const grid = decodeRaw(m.slice(0, 2), 'int32', 'big');
    // The meter shows the model's power plus its measurement noise (+-1.5 W a phase).
    expect(Math.abs((grid ?? NaN) - site.model.gridW)).toBeLessThanOrEqual(5);
    const phases = [2, 4, 6].map((a) => decodeRaw(m.slice(a, a + 2), 'int32', 'big') ?? NaN);
    expect(Math.abs(phases.reduce((x, y) => x + y, 0) - (grid ?? NaN))).toBeLessThanOrEqual(2);
    const volts = toEngineering(decodeRaw(m.slice(8, 9), 'uint16', 'big') ?? NaN, 0.1);
    expect(volts).toBeGreaterThan(220);
    expect(toEngineering(decodeRaw(m.slice(11, 12), 'uint16', 'big') ?? NaN, 0.01)).toBeCloseTo(
      50,
      0,
    );

    const inverter = await connect(site.ports.inverter);
    // The inverter map is contiguous (0-11): one request reads every point.
    const r = (await inverter.readHoldingRegisters(0, 12)).data;
    expect(decodeRaw(r.slice(0, 2), 'int32', 'big')).toBe(0);
    expect(toEngineering(decodeRaw(r.slice(2, 3), 'uint16', 'big') ?? NaN, 0.1)).toBe(62.5);
    expect(decodeRaw(r.slice(3, 4), 'uint16', 'big')).toBe(1);
    expect(decodeRaw(r.slice(4, 6), 'uint32', 'big')).toBe(5_000);
    expect(decodeRaw(r.slice(6, 8), 'uint32', 'big')).toBe(5_000);
    expect(decodeRaw(r.slice(8, 10), 'int32', 'big')).toBe(0);
    expect(r.slice(10, 12)).toEqual([0, 10]);
  });

  it('follows a setpoint written over Modbus: the inverter ramps to it and the battery charges', async () => {
    const clock = manualClock();
    const site = await start({
      time: { ...realTime, wallNow: clock.now },
      initialSocPct: 50,
      speed: 60,
    });
    const inverter = await connect(site.ports.inverter);
    await inverter.writeRegisters(8, encodeRaw(-3_000, 'int32', 'big'));
    expect(site.model.inverter.setpointW).toBe(-3_000);
    expect(await readInt32(inverter, 8)).toBe(-3_000);

    clock.add(500);
    const ramping = (await readInt32(inverter, 0)) ?? NaN;
    expect(ramping).toBeLessThan(0);
    expect(ramping).toBeGreaterThanOrEqual(-1_500);
    clock.add(4_500);
    expect(Math.abs(((await readInt32(inverter, 0)) ?? NaN) + 3_000)).toBeLessThanOrEqual(2);
    const soc = toEngineering((await inverter.readHoldingRegisters(2, 1)).data[0] ?? NaN, 0.1);
    expect(soc).toBeGreaterThan(50);
    expect(site.model.battery.socPct).toBeGreaterThan(50);
    expect(site.bmsReading().currentA).toBeGreaterThan(50);

    const meter = await connect(site.ports.meter);
    const grid = (await readInt32(meter, 0)) ?? NaN;
    expect(grid).toBeCloseTo(site.model.loadW - site.model.pvW - site.model.inverterW, -1);
  });

  it('reverts to 0 W when the watchdog written over Modbus expires, and heartbeats keep it alive', async () => {
    const clock = manualClock();
    const site = await start({ time: { ...realTime, wallNow: clock.now } });
    const inverter = await connect(site.ports.inverter);
    await inverter.writeRegister(11, 2);
    expect((await inverter.readHoldingRegisters(11, 1)).data).toEqual([2]);
    await inverter.writeRegisters(8, encodeRaw(1_000, 'int32', 'big'));
    for (let beat = 1; beat <= 3; beat += 1) {
      clock.add(1_500);
      await inverter.writeRegister(10, beat);
    }
    expect(await readInt32(inverter, 8)).toBe(1_000);
    expect((await inverter.readHoldingRegisters(10, 1)).data).toEqual([3]);
    clock.add(1_900);
    expect(await readInt32(inverter, 8)).toBe(1_000);
    clock.add(200);
    expect(await readInt32(inverter, 8)).toBe(0);
    expect(site.model.inverter.reverts).toHaveLength(1);
    expect(site.model.inverter.reverts[0]?.fromW).toBe(1_000);
  });

  it('answers an exception, not garbage, for registers outside the map and for refused writes', async () => {
    const site = await start({ time: realTime });
    const inverter = await connect(site.ports.inverter);
    // The map ends at register 11: the next one, and a read running past the end, are refused.
    expect((await failureOf(inverter.readHoldingRegisters(12, 1))).modbusCode).toBe(2);
    expect((await failureOf(inverter.readHoldingRegisters(10, 4))).modbusCode).toBe(2);
    expect((await failureOf(inverter.readHoldingRegisters(500, 2))).modbusCode).toBe(2);
    expect((await failureOf(inverter.readInputRegisters(0, 2))).modbusCode).toBe(2);
    expect((await failureOf(inverter.writeRegisters(0, [0, 5]))).modbusCode).toBe(2);
    // Half of the int32 setpoint (either half) is not a value.
    expect((await failureOf(inverter.writeRegister(8, 7))).modbusCode).toBe(2);
    expect((await failureOf(inverter.writeRegister(9, 7))).modbusCode).toBe(2);
    expect((await failureOf(inverter.writeRegisters(11, [10, 0]))).modbusCode).toBe(2);
    expect((await failureOf(inverter.writeRegister(11, 0))).modbusCode).toBe(3);
    expect((await failureOf(inverter.readCoils(0, 1))).modbusCode).toBe(1);
    expect(site.model.inverter.watchdogTimeoutS).toBe(10);
    expect(site.model.inverter.setpointW).toBe(0);
    expect(site.model.inverter.heartbeat).toBe(0);
    // The link survives refusals: a good request still works.
    expect(await readInt32(inverter, 8)).toBe(0);
  });

  it('stops answering while the meter is silent or the inverter frozen, so clients time out', async () => {
    const site = await start({ time: realTime });
    const meter = await connect(site.ports.meter, 300);
    const inverter = await connect(site.ports.inverter, 300);
    site.model.setFault('meterSilent', true);
    const silent = await failureOf(meter.readHoldingRegisters(0, 2));
    expect(silent.errno).toBe('ETIMEDOUT');
    expect(await readInt32(inverter, 0)).toBe(0);
    site.model.setFault('meterSilent', false);
    expect(typeof (await readInt32(meter, 0))).toBe('number');

    site.model.setFault('inverterFrozen', true);
    expect(
      (await failureOf(inverter.writeRegisters(8, encodeRaw(2_000, 'int32', 'big')))).errno,
    ).toBe('ETIMEDOUT');
    expect(site.model.inverter.setpointW).toBe(0);
    site.model.setFault('inverterFrozen', false);
    await inverter.writeRegisters(8, encodeRaw(2_000, 'int32', 'big'));
    expect(site.model.inverter.setpointW).toBe(2_000);
  });

  it('runs on a real-time tick: at speed 3600 a charging battery gains SOC within a second', async () => {
    const site = await start({ time: realTime, speed: 3_600, initialSocPct: 40 });
    const inverter = await connect(site.ports.inverter);
    await inverter.writeRegisters(8, encodeRaw(-4_000, 'int32', 'big'));
    // Nothing steps the model but its own timer; at 3600x this takes about 1.5 s.
    await waitFor(() => site.model.battery.socPct > 45, { what: 'SOC above 45 %' });
    // The register shows the model's SOC: the model keeps charging while the read is in
    // flight, so the register lies between the SOC before and after (to its 0.1 % step).
    const before = site.model.battery.socPct;
    const soc = toEngineering((await inverter.readHoldingRegisters(2, 1)).data[0] ?? NaN, 0.1);
    const after = site.model.battery.socPct;
    expect(soc).toBeGreaterThan(before - 1);
    expect(soc).toBeLessThanOrEqual(after + 0.1);
  });

  it('frees its ports on stop, and names a port that is already taken', async () => {
    const site = await start({ time: realTime });
    const port = site.ports.meter ?? 0;
    await site.stop();
    await site.stop();
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
    const holder = await start({ time: realTime });
    await expect(
      startSimulatedSite({
        time: realTime,
        ports: { meter: holder.ports.meter ?? 0 },
        onError: () => undefined,
      }),
    ).rejects.toThrow(`meter port ${holder.ports.meter} on 127.0.0.1 is already in use`);
    await expect(
      startSimulatedSite({
        time: realTime,
        ports: { inverter: holder.ports.inverter ?? 0 },
        onError: () => undefined,
      }),
    ).rejects.toThrow(/inverter port \d+ on 127\.0\.0\.1 is already in use/);
  });

  it('forms one site from a meter-only and an inverter-only process: the meter sees the inverter power', async () => {
    const inverterSite = await start({ time: realTime, only: 'inverter', seed: 2 });
    expect(inverterSite.ports.meter).toBeNull();
    const meterSite = await start({
      time: realTime,
      only: 'meter',
      seed: 2,
      inverterAt: { host: '127.0.0.1', port: inverterSite.ports.inverter ?? 0 },
    });
    expect(meterSite.ports.inverter).toBeNull();
    expect(meterSite.bmsTalking()).toBe(false);
    expect(inverterSite.bmsTalking()).toBe(true);

    const inverter = await connect(inverterSite.ports.inverter);
    await inverter.writeRegisters(8, encodeRaw(2_500, 'int32', 'big'));
    const meter = await connect(meterSite.ports.meter);
    await waitFor(() => Math.abs(meterSite.model.inverterW - 2_500) < 5, {
      what: 'the meter site to see 2500 W',
    });
    const grid = (await readInt32(meter, 0)) ?? NaN;
    expect(Math.abs(grid - (meterSite.model.loadW - meterSite.model.pvW - 2_500))).toBeLessThan(10);

    await inverterSite.stop();
    await waitFor(() => meterSite.model.inverterW === 0, { what: 'the meter site to see 0 W' });
    expect(meterSite.remoteInverter?.lastError).toMatch(/remote inverter/);
  });
});
