import { describe, expect, it } from 'vitest';
import type { SunSpecProgressStep } from '../../shared/sunspec-views';
import { buildSunSpecImage } from '../devices/modbus/sunspec/sunspec-image';
import { MemoryTransport } from '../devices/modbus/wire/memory-transport';
import type { ConsoleModbusDevice } from './commissioning-tools';
import { SunSpecHandlers } from './sunspec-handlers';

/** Discovery at a chosen base and unit id, on in-memory devices. */

async function sunspecAt(base: number, label: string): Promise<MemoryTransport> {
  const t = new MemoryTransport(label);
  t.set('holding', base, buildSunSpecImage([{ id: 1, length: 66 }]));
  await t.connect();
  return t;
}

describe('SunSpecHandlers.discover', () => {
  it('scans only the base given, and another unit through its own link, closed after', async () => {
    const own = await sunspecAt(40000, 'inverter unit 1');
    const other = await sunspecAt(1000, 'inverter unit 3');
    const opened: number[] = [];
    const device: ConsoleModbusDevice = {
      id: 'inverter',
      host: 'mem',
      port: 502,
      unitId: 1,
      transport: own,
      forUnit: (unitId) => {
        opened.push(unitId);
        return other;
      },
    };
    const steps: SunSpecProgressStep[] = [];
    const handlers = new SunSpecHandlers(
      () => device,
      (_id, step) => steps.push(step),
    );

    const r = await handlers.discover('inverter', [1000], 3);
    expect([r.unitId, r.base, r.models.map((m) => m.id)]).toEqual([3, 1000, [1]]);
    expect(opened).toEqual([3]);
    expect(other.isOpen).toBe(false);
    expect(steps.filter((s) => s.kind === 'base').map((s) => s.kind === 'base' && s.base)).toEqual([
      1000,
    ]);

    // Its own unit id uses the driver's link, which stays open.
    const mine = await handlers.discover('inverter', undefined, 1);
    expect([mine.unitId, mine.base, own.isOpen, opened]).toEqual([1, 40000, true, [3]]);
    await expect(handlers.discover('inverter', [1000], 1)).rejects.toThrow(
      "no SunSpec marker 'SunS' found; tried 1000",
    );
  });

  it('refuses another unit id where the host offers no link for it', async () => {
    const device: ConsoleModbusDevice = {
      id: 'meter',
      host: '/dev/ttyUSB0 9600 8N1',
      port: 0,
      unitId: 2,
      transport: await sunspecAt(40000, 'meter'),
    };
    const handlers = new SunSpecHandlers(
      () => device,
      () => undefined,
    );
    await expect(handlers.discover('meter', undefined, 5)).rejects.toThrow(
      'the meter is on a serial line: only its own unit 2 can be scanned',
    );
  });
});
