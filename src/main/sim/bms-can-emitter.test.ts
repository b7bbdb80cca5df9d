import { beforeEach, describe, expect, it } from 'vitest';
import { VirtualTime } from '../../shared/virtual-time.test-kit';
import type { BmsReading } from '../core/measurements';
import { createBmsLink } from '../devices/can/bms-link';
import type { CanFrame, CanTransport } from '../devices/can/can-transport';
import { createMemoryCanBus } from '../devices/can/memory-can-bus';
import { decodeBmsFrame } from '../devices/can/bms-frame-decoder';
import { nodeVirtualTime } from '../util/node-virtual-time.test-kit';
import { startBmsCanEmitter } from './bms-can-emitter';

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
  warnings: ['CELL_HIGH_VOLTAGE'],
};

/** A transport that records what is sent; optionally rejects every send. */
function recordingTransport(rejectWith?: Error): CanTransport & { sent: CanFrame[] } {
  const sent: CanFrame[] = [];
  return {
    name: 'rec',
    sent,
    open: () => Promise.resolve(),
    send: (frame) => {
      sent.push(frame);
      return rejectWith ? Promise.reject(rejectWith) : Promise.resolve();
    },
    onFrame: () => () => undefined,
    close: () => Promise.resolve(),
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('BMS CAN emitter', () => {
  it('sends the whole Pylontech frame set at start and once per period', async () => {
    const transport = recordingTransport();
    const time = new VirtualTime();
    const emitter = startBmsCanEmitter(transport, () => READING, { scheduler: time });
    expect(transport.sent.map((f) => f.id)).toEqual([0x351, 0x355, 0x356, 0x359, 0x35c, 0x35e]);
    time.advance(999);
    expect(transport.sent).toHaveLength(6);
    time.advance(1);
    expect(transport.sent).toHaveLength(12);
    const volts = decodeBmsFrame(transport.sent[8] as CanFrame);
    expect(volts.ok && volts.fields.voltageV).toBe(52.44);
    await flush();
    expect(emitter.stats()).toEqual({ framesSent: 12, errors: 0, lastError: null });
  });

  it('sends nothing while silent and nothing after stop', () => {
    const transport = recordingTransport();
    const time = new VirtualTime();
    const emitter = startBmsCanEmitter(transport, () => READING, {
      periodMs: 250,
      scheduler: time,
    });
    emitter.setSilent(true);
    time.advance(250);
    expect(transport.sent).toHaveLength(6);
    emitter.setSilent(false);
    time.advance(250);
    expect(transport.sent).toHaveLength(12);
    emitter.stop();
    expect(time.pending).toBe(0);
    time.advance(250);
    expect(transport.sent).toHaveLength(12);
  });

  it('counts failed sends and a throwing reading, and keeps going', async () => {
    const errors: string[] = [];
    const transport = recordingTransport(new Error('bus-off'));
    const time = new VirtualTime();
    let broken = false;
    const emitter = startBmsCanEmitter(
      transport,
      () => {
        if (broken) throw new Error('model exploded');
        return READING;
      },
      { scheduler: time, onError: (m) => errors.push(m) },
    );
    await flush();
    expect(emitter.stats()).toMatchObject({
      framesSent: 0,
      errors: 6,
      lastError: 'rec: sending frame 0x35E failed: bus-off',
    });
    broken = true;
    time.advance(1000);
    expect(emitter.stats().lastError).toBe('rec: reading the BMS state failed: model exploded');
    expect(errors).toHaveLength(7);
    broken = false;
    time.advance(1000);
    expect(transport.sent).toHaveLength(12);
  });

  it('refuses a period that is not a positive number', () => {
    const transport = recordingTransport();
    expect(() =>
      startBmsCanEmitter(transport, () => READING, { periodMs: 0, scheduler: new VirtualTime() }),
    ).toThrow(/periodMs must be a positive/);
    expect(transport.sent).toHaveLength(0);
  });
});

/** The time of the end-to-end tests; each starts it afresh at 10 s. */
let time: VirtualTime;

async function site() {
  const bus = createMemoryCanBus({ clock: time });
  const bmsSide = bus.endpoint('bms');
  const sniffer = bus.endpoint('sniffer');
  await Promise.all([bmsSide.open(), sniffer.open()]);
  const seen: Array<{ id: number; at: number; data: number[] }> = [];
  sniffer.onFrame((f, at) => seen.push({ id: f.id, at, data: Array.from(f.data) }));
  let reading = READING;
  const emitter = startBmsCanEmitter(bmsSide, () => reading, { periodMs: 1000, scheduler: time });
  const link = createBmsLink(bus.endpoint('ems'), { clock: time });
  return { emitter, link, seen, setReading: (r: BmsReading) => (reading = r) };
}

describe('end to end: emitter -> memory bus -> BMS link', () => {
  beforeEach(() => {
    time = nodeVirtualTime({ startMs: 10_000 });
  });

  it('assembles the emitted reading and keeps it fresh', async () => {
    const { emitter, link } = await site();
    await link.open();
    expect(link.latest()).toBeNull(); // the frames sent at start went out before the link listened
    await time.runFor(1000);
    expect(link.latest()).toEqual({ value: READING, at: 11_000 });
    await time.runFor(3000);
    expect(link.latest()?.at).toBe(14_000);
    expect(link.stats()).toMatchObject({
      framesDecoded: 24,
      framesMalformed: 0,
      framesUnknown: 0,
      open: true,
    });
    emitter.stop();
    await link.close();
  });

  it('follows changes in the simulated battery', async () => {
    const { emitter, link, setReading } = await site();
    await link.open();
    await time.runFor(1000);
    setReading({ ...READING, socPct: 40, alarms: ['OVER_TEMPERATURE'], dischargeEnabled: false });
    await time.runFor(1000);
    expect(link.latest()?.value).toMatchObject({
      socPct: 40,
      alarms: ['OVER_TEMPERATURE'],
      dischargeEnabled: false,
    });
    emitter.stop();
    await link.close();
  });

  it('sends the 0x305 keepalive (8 zero bytes) at 1 Hz while open, and stops on close', async () => {
    const { emitter, link, seen } = await site();
    await link.open();
    await time.runFor(3000);
    const keepalives = seen.filter((f) => f.id === 0x305);
    expect(keepalives.map((k) => k.at)).toEqual([10_000, 11_000, 12_000, 13_000]);
    expect(keepalives.every((k) => k.data.length === 8 && k.data.every((b) => b === 0))).toBe(true);
    expect(link.stats().keepalivesSent).toBe(4);
    await link.close();
    await time.runFor(3000);
    expect(seen.filter((f) => f.id === 0x305)).toHaveLength(4);
    expect(link.stats().open).toBe(false);
    emitter.stop();
  });

  it('lets the reading age when the BMS falls silent, for the core to call it stale', async () => {
    const { emitter, link } = await site();
    await link.open();
    await time.runFor(2000);
    emitter.setSilent(true);
    await time.runFor(5000);
    expect(link.latest()?.at).toBe(12_000);
    emitter.setSilent(false);
    await time.runFor(1000);
    expect(link.latest()?.at).toBe(18_000);
    emitter.stop();
    await link.close();
  });
});
