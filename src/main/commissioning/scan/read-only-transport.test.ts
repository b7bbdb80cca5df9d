import { describe, expect, it } from 'vitest';
import type { ModbusTransport } from '../../devices/modbus/modbus-transport';
import { ModbusError } from '../../devices/modbus/wire/modbus-errors';
import { readOnlyTransport } from './read-only-transport';

/** A transport that records what reaches it. */
function recording(): ModbusTransport & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    label: 'probe 10.0.0.5:502 unit 1',
    isOpen: true,
    connect: () => (calls.push('connect'), Promise.resolve()),
    readHolding: (a, n) => (calls.push(`fc3 ${a}+${n}`), Promise.resolve([7])),
    readInput: (a, n) => (calls.push(`fc4 ${a}+${n}`), Promise.resolve([8])),
    writeRegisters: (a) => (calls.push(`fc16 ${a}`), Promise.resolve()),
    close: () => (calls.push('close'), Promise.resolve()),
  };
}

describe('readOnlyTransport', () => {
  it('passes reads through and refuses writes without sending them', async () => {
    const inner = recording();
    const t = readOnlyTransport(inner);
    expect(await t.readHolding(40000, 2)).toEqual([7]);
    expect(await t.readInput(0, 1)).toEqual([8]);
    const write = t.writeRegisters(40149, [1]);
    await expect(write).rejects.toBeInstanceOf(ModbusError);
    await expect(write).rejects.toThrow('a scan never writes (refused a write at 40149)');
    expect(t.refusedWrites).toBe(1);
    await t.close();
    expect(inner.calls).toEqual(['fc3 40000+2', 'fc4 0+1', 'close']);
  });
});
