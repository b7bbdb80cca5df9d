import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BmsReading } from '../src/main/core/measurements';
import { createBmsLink } from '../src/main/devices/can/bms-link';
import type { CanFrame, CanTransport } from '../src/main/devices/can/can-transport';
import { createMemoryCanBus } from '../src/main/devices/can/memory-can-bus';
import { encodeBmsFrames } from '../src/main/devices/can/bms-frame-encoder';
import {
  startSocketcandServer,
  type SocketcandServer,
} from '../src/main/devices/can/socketcand-server';
import { createSocketcandTransport } from '../src/main/devices/can/socketcand-transport';
import { ROOT } from './support/tsx-process';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';

/**
 * The socketcand protocol both ways: our gateway (socketcand-server) against python-can's
 * socketcand client, and our client transport + BMS link against our gateway.
 */

const READING: BmsReading = {
  socPct: 81,
  sohPct: 95,
  voltageV: 53.1,
  currentA: -20.5,
  temperatureC: 19.5,
  chargeVoltageLimitV: 55.2,
  chargeCurrentLimitA: 45,
  dischargeCurrentLimitA: 100,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: ['HIGH_TEMPERATURE'],
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A memory bus with a gateway on it; `battery` is another node on the same bus. */
async function gateway(): Promise<{
  server: SocketcandServer;
  battery: CanTransport;
  heard: CanFrame[];
}> {
  const bus = createMemoryCanBus({ clock: realTime });
  const battery = bus.endpoint('battery');
  const bridge = bus.endpoint('gateway');
  await Promise.all([battery.open(), bridge.open()]);
  const heard: CanFrame[] = [];
  battery.onFrame((frame) => heard.push(frame));
  const server = await startSocketcandServer({ clock: realTime, transport: bridge, port: 0 });
  cleanups.push(() => server.close());
  return { server, battery, heard };
}

describe('socketcand gateway against python-can', () => {
  it('streams the bus to the python client and puts its frame on the bus', async () => {
    const { server, battery, heard } = await gateway();
    const script = join(ROOT, 'test/fixtures/can-socketcand-client.py');
    const client = spawn('/usr/bin/python3', [
      script,
      '127.0.0.1',
      String(server.port),
      'can0',
      '12',
      '305',
      '0000000000000000',
    ]);
    cleanups.push(() => void client.kill('SIGKILL'));
    let out = '';
    let err = '';
    client.stdout.on('data', (d: Buffer) => (out += d.toString()));
    client.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      client.once('exit', (code) => resolve(code)),
    );

    await waitFor(() => server.rawClients() === 1, {
      timeoutMs: 10_000,
      what: `python client in raw mode (${err})`,
    });
    const frames = encodeBmsFrames(READING);
    // Two sets, the second once the client has printed the first: two real BMS periods.
    for (let set = 1; set <= 2; set++) {
      for (const frame of frames) await battery.send(frame);
      const lines = set * frames.length;
      await waitFor(() => out.split('\n').filter((l) => l.startsWith('RX ')).length >= lines, {
        what: `the client to print ${lines} frames (${err})`,
      });
    }
    expect(await exited, err).toBe(0);
    const hex = (f: CanFrame): string =>
      `RX ${f.id.toString(16).toUpperCase()} ${Buffer.from(f.data).toString('hex').toUpperCase()}`;
    expect(out.trim().split('\n')).toEqual([...frames.map(hex), ...frames.map(hex), 'SENT']);
    expect(err).not.toMatch(/Invalid Frame|Bad data|Traceback/);
    expect(heard).toEqual([{ id: 0x305, data: new Uint8Array(8) }]);
  }, 20_000);

  it('refuses a bus it does not serve, in the protocol', async () => {
    const { server } = await gateway();
    const transport = createSocketcandTransport({
      clock: realTime,
      host: '127.0.0.1',
      port: server.port,
      bus: 'can7',
    });
    await expect(transport.open()).rejects.toThrow(
      `socketcand:127.0.0.1:${server.port}/can7: the gateway refused: unknown bus can7, this gateway serves can0`,
    );
  });
});

describe('socketcand client transport and BMS link', () => {
  it('assembles the BMS reading, sends the keepalive to the bus, and recovers after the gateway restarts', async () => {
    const first = await gateway();
    const port = first.server.port;
    const errors: string[] = [];
    const link = createBmsLink(
      createSocketcandTransport({ clock: realTime, host: '127.0.0.1', port, bus: 'can0' }),
      { clock: realTime, retryMs: 200, onError: (m) => errors.push(m) },
    );
    cleanups.push(() => link.close());
    await link.open();
    expect(link.stats().open).toBe(true);
    await waitFor(() => first.server.rawClients() === 1, { what: 'client in raw mode' });
    for (const frame of encodeBmsFrames(READING)) await first.battery.send(frame);
    const reading = await waitFor(() => link.latest(), { what: 'reading' });
    expect(reading.value).toEqual(READING);
    await waitFor(() => first.heard.some((f) => f.id === 0x305), { what: 'keepalive on the bus' });

    await first.server.close();
    await waitFor(() => link.latest() === null, {
      what: 'reading dropped when the gateway went away',
    });
    expect(link.problem()).toMatch(/connection to the gateway lost|open failed/);

    // A new gateway on the same port: the link reopens by itself.
    const bus = createMemoryCanBus({ clock: realTime });
    const battery = bus.endpoint('battery');
    const bridge = bus.endpoint('gateway');
    await Promise.all([battery.open(), bridge.open()]);
    const second = await startSocketcandServer({ clock: realTime, transport: bridge, port });
    cleanups.push(() => second.close());
    await waitFor(() => link.stats().open && second.rawClients() === 1, { what: 'reopened' });
    for (const frame of encodeBmsFrames({ ...READING, socPct: 80 })) await battery.send(frame);
    await waitFor(() => link.latest()?.value.socPct === 80, {
      what: 'fresh reading after the restart',
    });
    expect(link.stats().reopens).toBe(1);
    expect(link.problem()).toBeNull();
    expect(errors[0]).toContain('connection to the gateway lost');
  });

  it('fails to open with the reason when nothing listens', async () => {
    const { server } = await gateway();
    const port = server.port;
    await server.close();
    await expect(
      createSocketcandTransport({ clock: realTime, host: '127.0.0.1', port, bus: 'can0' }).open(),
    ).rejects.toThrow(/cannot connect: .*ECONNREFUSED/);
  });
});
