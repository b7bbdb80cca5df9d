import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { BmsReading } from '../src/main/core/measurements';
import { createBmsLink, type BmsLink } from '../src/main/devices/can/bms-link';
import { encodeSlcanFrame } from '../src/main/devices/can/slcan-codec';
import { createSlcanTransport } from '../src/main/devices/can/slcan-transport';
import { encodeBmsFrames } from '../src/main/devices/can/bms-frame-encoder';
import { ROOT } from './support/tsx-process';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';

/**
 * slcan end to end over a pseudo-terminal pair from socat, standing in for a USB adapter:
 * our transport on one end; on the other, raw bytes written by the test, or python-can's
 * slcan interface playing a candump log (software nobody in this project wrote).
 */

const LOG = join(ROOT, 'test/fixtures/can-pylontech-v12.log');
/** What test/fixtures/can-pylontech-v12.log carries, five times over. */
const LOGGED: BmsReading = {
  socPct: 64,
  sohPct: 97,
  voltageV: 52.3,
  currentA: 8.5,
  temperatureC: 23.4,
  chargeVoltageLimitV: 55.2,
  chargeCurrentLimitA: 60,
  dischargeCurrentLimitA: 90,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};

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
    socat.once('exit', (code) => reject(new Error(`socat exited ${code}: ${log}`)));
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

async function openRaw(path: string): Promise<{ port: SerialPort; received: () => string }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  let text = '';
  port.on('data', (d: Buffer) => (text += d.toString('latin1')));
  cleanups.push(() => new Promise<void>((resolve) => port.close(() => resolve())));
  return { port, received: () => text };
}

function startLink(device: string): BmsLink {
  const link = createBmsLink(createSlcanTransport({ clock: realTime, device, bitrate: 500_000 }), {
    clock: realTime,
    retryMs: 200,
  });
  cleanups.push(() => link.close());
  return link;
}

describe('slcan over a socat pty pair', () => {
  it('sets up the adapter, sends the keepalive, and assembles frames written raw', async () => {
    const [ours, theirs] = await ptyPair();
    const adapter = await openRaw(theirs);
    const link = startLink(ours);
    await link.open();
    expect(link.stats().open).toBe(true);
    // Close, 500 kbit/s, open; then the 0x305 keepalive as a transmit command.
    await waitFor(() => adapter.received().includes(`t3058${'00'.repeat(8)}\r`), {
      what: 'keepalive',
    });
    expect(adapter.received().startsWith('C\rS6\rO\r')).toBe(true);

    const frames = encodeBmsFrames(LOGGED).map(encodeSlcanFrame);
    // An adapter's OK, transmit ack and error reply, a torn line and a frame split over writes.
    adapter.port.write(
      `\rz\r\x07t35\r${frames.slice(0, 3).join('')}${(frames[3] ?? '').slice(0, 6)}`,
    );
    // The rest of the split frame goes once the link has taken in the first write.
    await waitFor(() => link.stats().framesDecoded >= 3, { what: 'the first three frames' });
    adapter.port.write(`${(frames[3] ?? '').slice(6)}${frames.slice(4).join('')}`);
    const reading = await waitFor(() => link.latest(), { what: 'reading' });
    expect(reading.value).toEqual(LOGGED);
    expect(link.stats()).toMatchObject({
      framesDecoded: 6,
      framesMalformed: 0,
      transportErrors: 2,
    });
    expect(link.stats().lastTransportError).toContain('"t35"');
    expect(link.problem()).toBeNull();
  });

  it("receives every frame python-can's slcan interface plays from a candump log", async () => {
    const [ours, theirs] = await ptyPair();
    const link = startLink(ours);
    await link.open();
    const player: ChildProcess = spawn('/usr/bin/python3', [
      '-m',
      'can.player',
      '-i',
      'slcan',
      '-c',
      theirs,
      '-b',
      '500000',
      LOG,
    ]);
    let playerLog = '';
    player.stderr?.on('data', (d: Buffer) => (playerLog += d.toString()));
    cleanups.push(() => void player.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) =>
      player.once('exit', (code) => resolve(code)),
    );

    const reading = await waitFor(() => link.latest(), {
      timeoutMs: 10_000,
      what: 'reading from python-can',
    });
    expect(reading.value).toEqual(LOGGED);
    expect(await exited, playerLog).toBe(0);
    await waitFor(() => link.stats().framesDecoded === 30, { what: 'all 30 logged frames' });
    expect(link.stats()).toMatchObject({
      framesReceived: 30,
      framesMalformed: 0,
      framesUnknown: 0,
    });
  }, 30_000);

  it('reports an unplugged adapter, drops the reading, and comes back when the device returns', async () => {
    const [ours, theirs] = await ptyPair();
    const adapter = await openRaw(theirs);
    const link = startLink(ours);
    await link.open();
    adapter.port.write(encodeBmsFrames(LOGGED).map(encodeSlcanFrame).join(''));
    await waitFor(() => link.latest(), { what: 'reading' });
    // Ending socat removes both ptys, as pulling the USB plug removes the device.
    await cleanups.shift()?.();
    await waitFor(() => link.latest() === null, { what: 'reading dropped' });
    expect(link.stats().open).toBe(false);
    expect(link.problem()).toMatch(/^slcan:\/dev\/pts\/\d+: /);
  });
});
