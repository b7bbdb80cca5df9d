import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../devices/modbus/wire/memory-transport';
import { ModbusExceptionError } from '../devices/modbus/wire/modbus-errors';
import type { RegisterWriteEntry } from '../../shared/commissioning-views';
import type { ConsoleDevice } from './register-console';
import { RegisterConsole, RegisterConsoleError } from './register-console';
import { connectionTest } from './register-console-connection';

async function device(): Promise<ConsoleDevice & { transport: MemoryTransport }> {
  const transport = new MemoryTransport('inverter');
  transport.set('holding', 100, [1, 2, 3, 0xffff]);
  transport.set('input', 7, [0x4048, 0xf5c3]);
  await transport.connect();
  return { id: 'inverter', transport };
}

const T0 = Date.parse('2024-05-01T10:00:00Z');

describe('RegisterConsole.read', () => {
  it('reads holding and input registers and interprets them', async () => {
    const dev = await device();
    const console = new RegisterConsole();
    const r = await console.read(dev, { kind: 'holding', address: 100, count: 4, scale: 10 });
    expect(r.registers).toEqual([1, 2, 3, 0xffff]);
    expect(r.views.map((v) => v.int16)).toEqual([10, 20, 30, -10]);
    const f = await console.read(dev, { kind: 'input', address: 7, count: 2 });
    expect(f.views[0]?.float32.big).toBeCloseTo(3.14, 5);
  });

  it('refuses a bad span or scale before touching the device, and passes device errors on', async () => {
    const dev = await device();
    const console = new RegisterConsole();
    await expect(console.read(dev, { kind: 'holding', address: 65535, count: 2 })).rejects.toThrow(
      'inverter: cannot read: the span runs past register 65535',
    );
    await expect(console.read(dev, { kind: 'holding', address: 0, count: 126 })).rejects.toThrow(
      'count 126 is not 1..125',
    );
    await expect(
      console.read(dev, { kind: 'holding', address: 100, count: 1, scale: 0 }),
    ).rejects.toBeInstanceOf(RegisterConsoleError);
    expect(dev.transport.requests).toBe(0);
    await expect(
      console.read(dev, { kind: 'holding', address: 0, count: 1 }),
    ).rejects.toBeInstanceOf(ModbusExceptionError);
  });
});

describe('RegisterConsole.write', () => {
  it('writes only in STOP after a confirmation, and logs every attempt', async () => {
    const dev = await device();
    const logged: RegisterWriteEntry[] = [];
    const console = new RegisterConsole({ clock: () => T0, onLog: (e) => logged.push(e) });
    const write = { address: 101, values: [42, 43] };

    await expect(
      console.write(dev, { ...write, emsState: 'SELF_CONSUMPTION', confirmed: true }),
    ).rejects.toThrow(
      'inverter: write refused: the EMS is in SELF_CONSUMPTION; registers are written only in STOP',
    );
    await expect(
      console.write(dev, { ...write, emsState: 'STOP', confirmed: false }),
    ).rejects.toThrow('inverter: write refused: not confirmed; confirm this write first');
    await expect(
      console.write(dev, { address: 101, values: [1, 70000], emsState: 'STOP', confirmed: true }),
    ).rejects.toThrow('value 70000 at position 1 is not a register value 0..65535');
    expect(dev.transport.writes).toEqual([]);

    const entry = await console.write(dev, { ...write, emsState: 'STOP', confirmed: true });
    expect(dev.transport.get('holding', 100, 4)).toEqual([1, 42, 43, 0xffff]);
    expect(entry).toEqual({
      at: '2024-05-01T10:00:00.000Z',
      device: 'inverter',
      address: 101,
      values: [42, 43],
      result: 'written',
    });
    expect(console.writeLog.map((e) => e.result)).toEqual([
      'refused',
      'refused',
      'refused',
      'written',
    ]);
    expect(logged).toEqual(console.writeLog);
  });

  it('logs a write the device rejects as failed and rejects with the device error', async () => {
    const dev = await device();
    const console = new RegisterConsole({ clock: () => T0, logLimit: 2 });
    const bad = { address: 5000, values: [1], emsState: 'STOP', confirmed: true } as const;
    await expect(console.write(dev, bad)).rejects.toBeInstanceOf(ModbusExceptionError);
    await expect(console.write(dev, bad)).rejects.toBeInstanceOf(ModbusExceptionError);
    await console.write(dev, { ...bad, address: 100 });
    expect(console.writeLog.map((e) => e.result)).toEqual(['failed', 'written']);
    expect(console.writeLog[0]?.reason).toMatch(/exception 2/);
  });
});

describe('RegisterConsole.write of a typed value', () => {
  const typed = { type: 'int32', wordOrder: 'big', scale: 1, values: [-2000] } as const;

  it('writes the words of the typed value and logs what they stand for', async () => {
    const dev = await device();
    const console = new RegisterConsole({ clock: () => T0 });
    const entry = await console.write(dev, {
      address: 100,
      values: [0xffff, 0xf830],
      typed,
      emsState: 'STOP',
      confirmed: true,
    });
    expect(dev.transport.get('holding', 100, 2)).toEqual([0xffff, 0xf830]);
    expect(entry.typed).toBe('int32 -2000 (scale 1, high word first)');
    // Read back, the console's own int32 view gives the value that was typed.
    const back = await console.read(dev, { kind: 'holding', address: 100, count: 2 });
    expect(back.views[0]?.int32.big).toBe(-2000);
  });

  it('refuses words that are not the typed value, and a typed value that does not fit', async () => {
    const dev = await device();
    const console = new RegisterConsole({ clock: () => T0 });
    const base = { address: 100, emsState: 'STOP', confirmed: true } as const;
    // The words of low-word-first sent as if high word first: a client that computed wrongly.
    await expect(console.write(dev, { ...base, values: [0xf830, 0xffff], typed })).rejects.toThrow(
      'the words sent (0xF830 0xFFFF) are not int32 -2000 (scale 1, high word first), which is 0xFFFF 0xF830',
    );
    await expect(
      console.write(dev, {
        ...base,
        values: [0],
        typed: { ...typed, type: 'int16', values: [40000] },
      }),
    ).rejects.toThrow(
      'the typed value cannot be written: 40000 does not fit int16 (-32768..32767)',
    );
    expect(dev.transport.writes).toEqual([]);
    expect(console.writeLog.map((e) => [e.result, e.typed])).toEqual([
      ['refused', 'int32 -2000 (scale 1, high word first)'],
      ['refused', 'a typed value that does not encode'],
    ]);
  });
});

describe('connectionTest', () => {
  it('times every answered read, exception replies included, on the injected clock', async () => {
    const dev = await device();
    const times = [0, 3, 10, 11, 20, 22, 30, 35];
    const now = (): number => times.shift() ?? 99;
    const ok = await connectionTest(dev.transport, { reads: 4, address: 100, now });
    expect(ok).toMatchObject({ reads: 4, ok: 4, exceptions: [], failures: [] });
    expect(ok.samplesMs).toEqual([3, 1, 2, 5]);
    expect(ok.roundTripMs).toEqual({ min: 1, median: 2.5, max: 5 });

    const refused = await connectionTest(dev.transport, { reads: 3, address: 9 });
    expect(refused.ok).toBe(0);
    expect(refused.exceptions).toEqual([
      { code: 2, text: 'Modbus exception 2 (illegal data address)', count: 3 },
    ]);
    expect(refused.samplesMs).toHaveLength(3);
  });

  it('counts reads without a reply as failures with no round-trip time', async () => {
    const dev = await device();
    await dev.transport.close();
    const r = await connectionTest(dev.transport, { reads: 2 });
    expect([r.ok, r.roundTripMs, r.failures.length]).toEqual([0, null, 2]);
    expect(r.failures[0]).toMatch(/not connected/);
    await expect(connectionTest(dev.transport, { reads: 0 })).rejects.toThrow(
      'reads must be a whole number 1..1000, got 0',
    );
  });
});
