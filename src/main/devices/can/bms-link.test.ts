import { beforeEach, describe, expect, it } from 'vitest';
import type { BmsReading } from '../../core/measurements';
import { createBmsLink } from './bms-link';
import type { CanFrame, CanTransport } from './can-transport';
import { createMemoryCanBus } from './memory-can-bus';
import { encodeBmsFrames } from './bms-frame-encoder';
import type { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { nodeVirtualTime } from '../../util/node-virtual-time.test-kit';

/** The time the link and the bus run on; each test starts it afresh. */
let time: VirtualTime;

const READING: BmsReading = {
  socPct: 72,
  sohPct: 98,
  voltageV: 52.44,
  currentA: -15.3,
  temperatureC: 21.7,
  chargeVoltageLimitV: 55.2,
  chargeCurrentLimitA: 50,
  dischargeCurrentLimitA: 80,
  chargeEnabled: true,
  dischargeEnabled: true,
  alarms: [],
  warnings: [],
};

beforeEach(() => {
  time = nodeVirtualTime({ startMs: 10_000 });
});

describe('BMS link over a memory bus', () => {
  it('assembles frames from the bus, counts them, and sends the 0x305 keepalive', async () => {
    const bus = createMemoryCanBus({ clock: time });
    const bms = bus.endpoint('bms');
    await bms.open();
    const fromEms: Array<{ id: number; data: number[]; at: number }> = [];
    bms.onFrame((f, at) => fromEms.push({ id: f.id, data: Array.from(f.data), at }));
    const link = createBmsLink(bus.endpoint('ems'), { clock: time });
    await link.open();

    for (const frame of encodeBmsFrames(READING)) await bms.send(frame);
    await bms.send({ id: 0x356, data: Uint8Array.from([1]) });
    await bms.send({ id: 0x123, data: new Uint8Array(2) });
    await time.runFor(2000);

    expect(link.latest()).toEqual({ value: READING, at: 10_000 });
    expect(link.stats()).toMatchObject({
      transport: 'memory:ems',
      framesReceived: 8,
      framesDecoded: 6,
      framesMalformed: 1,
      unknownIds: [0x123],
      lastValidFrameAt: 10_000,
      keepalivesSent: 3,
    });
    expect(fromEms).toEqual(
      [10_000, 11_000, 12_000].map((at) => ({ id: 0x305, data: [0, 0, 0, 0, 0, 0, 0, 0], at })),
    );

    await link.close();
    await time.runFor(3000);
    expect(fromEms).toHaveLength(3);
    expect(link.stats().open).toBe(false);
  });

  it('sends no keepalive when told not to', async () => {
    const bus = createMemoryCanBus({ clock: time });
    const link = createBmsLink(bus.endpoint('ems'), { clock: time, keepalive: false });
    await link.open();
    await time.runFor(3000);
    expect(link.stats().keepalivesSent).toBe(0);
    await link.close();
  });
});

/** A transport that fails the way real adapters do (unplugged, bus-off). */
function failingTransport(failOpen: boolean): CanTransport & { sent: CanFrame[] } {
  const sent: CanFrame[] = [];
  return {
    name: 'broken',
    sent,
    open: () => (failOpen ? Promise.reject(new Error('no such device')) : Promise.resolve()),
    send: (frame) => {
      sent.push(frame);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- some drivers reject with non-Errors
      return Promise.reject({ message: 'bus-off' });
    },
    onFrame: () => () => undefined,
    close: () => Promise.reject(new Error('already gone')),
  };
}

describe('BMS link with a failing transport', () => {
  it('counts and reports a failed open instead of throwing', async () => {
    const errors: string[] = [];
    const link = createBmsLink(failingTransport(true), {
      clock: time,
      onError: (m) => errors.push(m),
    });
    await expect(link.open()).resolves.toBeUndefined();
    expect(link.stats()).toMatchObject({
      open: false,
      transportErrors: 1,
      lastTransportError: 'broken: open failed: no such device',
    });
    expect(errors).toEqual(['broken: open failed: no such device']);
    expect(link.latest()).toBeNull();
  });

  it('does not repeat the transport name when the transport already put it in its error', async () => {
    const transport: CanTransport = {
      ...failingTransport(true),
      open: () =>
        Promise.reject(new Error('broken: SocketCAN unavailable: no network interface "can9"')),
    };
    const link = createBmsLink(transport, { clock: time });
    await link.open();
    expect(link.problem()).toBe(
      'broken: open failed: SocketCAN unavailable: no network interface "can9"',
    );
    await link.close();
  });

  it('counts failed keepalive sends and a failed close, and keeps running', async () => {
    const transport = failingTransport(false);
    const link = createBmsLink(transport, { clock: time });
    await link.open();
    await time.runFor(2000);
    expect(transport.sent).toHaveLength(3);
    expect(link.stats()).toMatchObject({
      keepalivesSent: 0,
      transportErrors: 3,
      lastTransportError: 'broken: keepalive send failed: bus-off',
    });
    await expect(link.close()).resolves.toBeUndefined();
    expect(link.stats().lastTransportError).toBe('broken: close failed: already gone');
  });

  it('honours a close that arrives while the transport is still opening', async () => {
    const bus = createMemoryCanBus({ clock: time });
    const endpoint = bus.endpoint('ems');
    let finishOpen: () => void = () => undefined;
    const slow: CanTransport = {
      ...endpoint,
      name: endpoint.name,
      open: () =>
        new Promise<void>((resolve) => (finishOpen = resolve)).then(() => endpoint.open()),
    };
    const link = createBmsLink(slow, { clock: time });
    const opening = link.open();
    await link.close();
    finishOpen();
    await opening;
    await time.runFor(3000);
    expect(link.stats()).toMatchObject({ open: false, keepalivesSent: 0 });
  });
});
