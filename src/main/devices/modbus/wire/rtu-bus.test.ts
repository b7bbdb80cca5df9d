import { describe, expect, it } from 'vitest';
import { nodeVirtualTime } from '../../../util/node-virtual-time.test-kit';
import type { RegisterKind } from '../modbus-transport';
import { ModbusConnectionError, ModbusTimeoutError } from './modbus-errors';
import { ModbusRtuClient } from './modbus-rtu-client';
import { RtuBus, type RtuLink } from './rtu-bus';
import { interFrameSilenceMs, type SerialLine } from './serial-line';

/**
 * A serial line as seen from the bus: every request takes `replyMs` of (virtual) time on the
 * wire, and the link logs when each one started and ended. It plays the wire; the bus is
 * under test.
 */
class TimedLink implements RtuLink {
  isOpen = false;
  replyMs = 10;
  failOpen: Error | null = null;
  readonly log: { unit: number; start: number; end: number }[] = [];

  constructor(private readonly time: ReturnType<typeof nodeVirtualTime>) {}

  open(): Promise<void> {
    if (this.failOpen) return Promise.reject(this.failOpen);
    this.isOpen = true;
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.isOpen = false;
    return Promise.resolve();
  }

  read(unitId: number, _kind: RegisterKind, address: number, count: number): Promise<number[]> {
    return this.exchange(unitId, () => Array.from({ length: count }, (_, i) => address + i));
  }

  write(unitId: number): Promise<void> {
    return this.exchange(unitId, () => undefined);
  }

  private exchange<T>(unit: number, value: () => T): Promise<T> {
    const entry = { unit, start: this.time.now(), end: Number.NaN };
    this.log.push(entry);
    return new Promise((resolve) =>
      this.time.timeout(() => {
        entry.end = this.time.now();
        resolve(value());
      }, this.replyMs),
    );
  }
}

const LINE_9600_8N1: SerialLine = {
  device: '/dev/ttyUSB0',
  baudRate: 9600,
  parity: 'none',
  dataBits: 8,
  stopBits: 1,
};

function rig(silenceMs = 4) {
  const time = nodeVirtualTime();
  const link = new TimedLink(time);
  const bus = new RtuBus(link, { label: 'serial /dev/ttyUSB0 9600 8N1', silenceMs, clock: time });
  const unit = (unitId: number, timeoutMs = 100): ModbusRtuClient =>
    new ModbusRtuClient({ bus, unitId, timeoutMs, name: `unit${unitId}` });
  return { time, link, bus, unit };
}

describe('RTU inter-frame silence', () => {
  it('is 3.5 character times up to 19200 baud and 1.75 ms above', () => {
    expect(interFrameSilenceMs(LINE_9600_8N1)).toBeCloseTo((3.5 * 10 * 1000) / 9600, 9);
    expect(interFrameSilenceMs({ ...LINE_9600_8N1, parity: 'even' })).toBeCloseTo(
      (3.5 * 11 * 1000) / 9600,
      9,
    );
    expect(interFrameSilenceMs({ ...LINE_9600_8N1, baudRate: 19200, stopBits: 2 })).toBeCloseTo(
      (3.5 * 11 * 1000) / 19200,
      9,
    );
    expect(interFrameSilenceMs({ ...LINE_9600_8N1, baudRate: 38400 })).toBe(1.75);
  });
});

describe('RtuBus', () => {
  it('sends one request at a time across units, each after the silence', async () => {
    const { time, link, unit } = rig(4);
    const a = unit(1);
    const b = unit(2);
    await Promise.all([a.connect(), b.connect()]);
    const replies = Promise.all([
      a.readInput(52, 2),
      b.readHolding(0, 3),
      a.writeRegisters(10, [1]),
    ]);
    await time.runFor(200);
    await expect(replies).resolves.toEqual([[52, 53], [0, 1, 2], undefined]);
    expect(link.log.map((e) => e.unit)).toEqual([1, 2, 1]);
    for (let i = 1; i < link.log.length; i++) {
      const gap = (link.log[i]?.start ?? 0) - (link.log[i - 1]?.end ?? 0);
      expect(gap).toBeGreaterThanOrEqual(4);
    }
  });

  it('times a request out on the caller deadline, and keeps the bus busy until the line settles', async () => {
    const { time, link, unit } = rig(4);
    link.replyMs = 300;
    const slow = unit(1, 100);
    const next = unit(2, 1000);
    await Promise.all([slow.connect(), next.connect()]);
    const first = slow.readInput(0, 1);
    const firstOutcome = first.then(
      () => 'ok',
      (err: unknown) => err,
    );
    const second = next.readInput(0, 1);
    await time.runFor(150);
    const err = await firstOutcome;
    expect(err).toBeInstanceOf(ModbusTimeoutError);
    expect(String(err)).toMatch(
      /unit1 serial \/dev\/ttyUSB0 9600 8N1 unit 1: read 1 input registers at 0: no reply within 100 ms/,
    );
    // The second request has not gone out: the first exchange still owns the line.
    expect(link.log).toHaveLength(1);
    await time.runFor(1000);
    await expect(second).resolves.toEqual([0]);
    expect((link.log[1]?.start ?? 0) - (link.log[0]?.end ?? 0)).toBeGreaterThanOrEqual(4);
  });

  it('names the port when it cannot be opened, and refuses bad spans without touching the line', async () => {
    const { time, link, unit } = rig();
    link.failOpen = new Error('ENOENT: no such file or directory');
    const meter = unit(1);
    await expect(meter.connect()).rejects.toThrow(ModbusConnectionError);
    await expect(meter.connect()).rejects.toThrow(
      /cannot open serial \/dev\/ttyUSB0 9600 8N1: ENOENT/,
    );
    link.failOpen = null;
    await expect(meter.readInput(65535, 2)).rejects.toThrow(/runs past register 65535/);
    await expect(meter.writeRegisters(0, [70000])).rejects.toThrow(/not a 16-bit word/);
    expect(link.log).toHaveLength(0);
    await time.runFor(10);
  });

  it('closes the port when the last unit closes', async () => {
    const { link, unit } = rig();
    const a = unit(1);
    const b = unit(2);
    await a.connect();
    await b.connect();
    await a.close();
    expect(link.isOpen).toBe(true);
    await b.close();
    expect(link.isOpen).toBe(false);
    await expect(a.readInput(0, 1)).rejects.toThrow(/closed/);
  });
});
