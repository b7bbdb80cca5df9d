import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BmsReading } from '../../core/measurements';
import { createBmsLink } from './bms-link';
import type { CanFrame, CanTransport } from './can-transport';
import { createMemoryCanBus } from './memory-can-bus';
import { encodeBmsFrames } from './bms-frame-encoder';

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
  vi.useFakeTimers({ now: 10_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BMS link over a memory bus', () => {
  it('assembles frames from the bus, counts them, and sends the 0x305 keepalive', async () => {
    const bus = createMemoryCanBus();
    const bms = bus.endpoint('bms');
    await bms.open();
    const fromEms: Array<{ id: number; data: number[]; at: number }> = [];
    bms.onFrame((f, at) => fromEms.push({ id: f.id, data: Array.from(f.data), at }));
    const link = createBmsLink(bus.endpoint('ems'));
    await link.open();

    for (const frame of encodeBmsFrames(READING)) await bms.send(frame);
    await bms.send({ id: 0x356, data: Uint8Array.from([1]) });
    await bms.send({ id: 0x123, data: new Uint8Array(2) });
    await vi.advanceTimersByTimeAsync(2000);

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
    await vi.advanceTimersByTimeAsync(3000);
    expect(fromEms).toHaveLength(3);
    expect(link.stats().open).toBe(false);
  });

  it('uses an injected scheduler for the keepalive when given one', async () => {
    const bus = createMemoryCanBus();
    const tasks: Array<{ task: () => void; periodMs: number; cancelled: boolean }> = [];
    const link = createBmsLink(bus.endpoint('ems'), {
      scheduler: (task, periodMs) => {
        const entry = { task, periodMs, cancelled: false };
        tasks.push(entry);
        return () => (entry.cancelled = true);
      },
    });
    await link.open();
    expect(tasks.map((t) => t.periodMs)).toEqual([1000]);
    tasks[0]?.task();
    await vi.advanceTimersByTimeAsync(0);
    expect(link.stats().keepalivesSent).toBe(2);
    await link.close();
    expect(tasks[0]?.cancelled).toBe(true);
  });

  it('sends no keepalive when told not to', async () => {
    const bus = createMemoryCanBus();
    const link = createBmsLink(bus.endpoint('ems'), { keepalive: false });
    await link.open();
    await vi.advanceTimersByTimeAsync(3000);
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
    const link = createBmsLink(failingTransport(true), { onError: (m) => errors.push(m) });
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
    const link = createBmsLink(transport);
    await link.open();
    expect(link.problem()).toBe(
      'broken: open failed: SocketCAN unavailable: no network interface "can9"',
    );
    await link.close();
  });

  it('counts failed keepalive sends and a failed close, and keeps running', async () => {
    const transport = failingTransport(false);
    const link = createBmsLink(transport);
    await link.open();
    await vi.advanceTimersByTimeAsync(2000);
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
    const bus = createMemoryCanBus();
    const endpoint = bus.endpoint('ems');
    let finishOpen: () => void = () => undefined;
    const slow: CanTransport = {
      ...endpoint,
      name: endpoint.name,
      open: () =>
        new Promise<void>((resolve) => (finishOpen = resolve)).then(() => endpoint.open()),
    };
    const link = createBmsLink(slow);
    const opening = link.open();
    await link.close();
    finishOpen();
    await opening;
    await vi.advanceTimersByTimeAsync(3000);
    expect(link.stats()).toMatchObject({ open: false, keepalivesSent: 0 });
  });
});
