import { describe, expect, it } from 'vitest';
import { decodeRaw, toEngineering } from '../devices/modbus/profile/codec';
import { deviceProfileSchema, type DeviceProfile } from '../devices/modbus/profile/profile-schema';
import { ModbusServerException } from './modbus-server-exception';
import { RegisterBank } from './register-bank';

const PROFILE: DeviceProfile = deviceProfileSchema.parse({
  name: 'test-inverter',
  kind: 'inverter',
  points: {
    powerW: { address: 0, type: 'int32' },
    powerLowFirstW: { address: 2, type: 'int32', wordOrder: 'little' },
    socPct: { address: 4, type: 'uint16', scale: 0.1 },
    tempC: { address: 5, type: 'float32' },
    energyWh: { address: 7, type: 'int16', scaleFactorPoint: 'energySf' },
    energySf: { address: 8, type: 'int16' },
    setpointW: { address: 20, type: 'int32', access: 'rw' },
    timeoutS: { address: 22, type: 'uint16', access: 'rw' },
    frequencyHz: { address: 0, type: 'uint16', kind: 'input', scale: 0.01 },
  },
  inverter: {
    powerPoint: 'powerW',
    setpoint: { method: 'signedWatts', point: 'setpointW' },
    watchdog: null,
  },
});

type Values = Record<string, number | null | undefined>;

function bank(values: Values): { bank: RegisterBank; writes: Map<string, number>[] } {
  const writes: Map<string, number>[] = [];
  return {
    bank: new RegisterBank(
      PROFILE,
      () => values,
      (w) => void writes.push(new Map(w)),
    ),
    writes,
  };
}

function exceptionCode(run: () => unknown): number | null {
  try {
    run();
  } catch (err) {
    if (err instanceof ModbusServerException) return err.modbusErrorCode;
    throw err;
  }
  return null;
}

describe('register bank', () => {
  it('encodes engineering values through the profile: type, scale, word order, scale factor', () => {
    const { bank: b } = bank({
      powerW: -1234.4,
      powerLowFirstW: 70_000,
      socPct: 55.55,
      tempC: 21.5,
      energyWh: 12_300,
      energySf: 2,
      frequencyHz: 50.01,
    });
    const regs = b.read('holding', 0, 9);
    expect(decodeRaw(regs.slice(0, 2), 'int32', 'big')).toBe(-1234);
    expect(decodeRaw(regs.slice(2, 4), 'int32', 'little')).toBe(70_000);
    expect(regs.slice(2, 4)).toEqual([70_000 % 65_536, 1]);
    expect(toEngineering(decodeRaw(regs.slice(4, 5), 'uint16', 'big') ?? NaN, 0.1)).toBeCloseTo(
      55.6,
      9,
    );
    expect(decodeRaw(regs.slice(5, 7), 'float32', 'big')).toBe(21.5);
    expect(toEngineering(decodeRaw(regs.slice(7, 8), 'int16', 'big') ?? NaN, undefined, 2)).toBe(
      12_300,
    );
    expect(toEngineering(b.read('input', 0, 1)[0] ?? NaN, 0.01)).toBe(50.01);
  });

  it('serves "not implemented" for values the model does not have, and pins values beyond the range', () => {
    const { bank: b } = bank({ powerW: 1e12, socPct: -5, energyWh: 5, energySf: null });
    const regs = b.read('holding', 0, 9);
    expect(decodeRaw(regs.slice(0, 2), 'int32', 'big')).toBe(0x7fffffff);
    expect(decodeRaw(regs.slice(2, 4), 'int32', 'little')).toBeNull();
    expect(decodeRaw(regs.slice(4, 5), 'uint16', 'big')).toBe(0);
    expect(decodeRaw(regs.slice(5, 7), 'float32', 'big')).toBeNull();
    expect(decodeRaw(regs.slice(7, 8), 'int16', 'big')).toBeNull();
  });

  it('answers illegal data address outside the map and illegal data value for a bad count', () => {
    const { bank: b } = bank({});
    expect(exceptionCode(() => b.read('holding', 9, 1))).toBe(2);
    expect(exceptionCode(() => b.read('holding', 7, 5))).toBe(2);
    expect(exceptionCode(() => b.read('input', 1, 1))).toBe(2);
    expect(exceptionCode(() => b.read('holding', 0, 0))).toBe(3);
    expect(exceptionCode(() => b.read('holding', 0, 126))).toBe(3);
    expect(b.read('holding', 1, 1)).toHaveLength(1);
  });

  it('decodes whole-point writes to rw points and hands them over in one batch', () => {
    const { bank: b, writes } = bank({});
    b.write(20, [0xffff, 0xf830, 30]);
    expect(writes).toEqual([
      new Map([
        ['setpointW', -2000],
        ['timeoutS', 30],
      ]),
    ]);
  });

  it('refuses writes to read-only points, to half a point, outside the map, or of a sentinel', () => {
    const { bank: b, writes } = bank({});
    expect(exceptionCode(() => b.write(0, [0, 1]))).toBe(2);
    expect(exceptionCode(() => b.write(20, [0]))).toBe(2);
    expect(exceptionCode(() => b.write(21, [0, 5]))).toBe(2);
    expect(exceptionCode(() => b.write(23, [1]))).toBe(2);
    expect(exceptionCode(() => b.write(20, [0x8000, 0]))).toBe(3);
    expect(exceptionCode(() => b.write(20, []))).toBe(3);
    expect(writes).toEqual([]);
  });

  it('rejects a profile it cannot serve, naming the problem', () => {
    const { powerW, socPct } = PROFILE.points;
    if (!powerW || !socPct) throw new Error('test profile lost its points');
    // Built by hand: the schema may refuse such a profile itself; the bank must not rely on it.
    const overlapping: DeviceProfile = {
      ...PROFILE,
      points: { a: powerW, b: { ...socPct, address: 1 } },
    };
    expect(
      () =>
        new RegisterBank(
          overlapping,
          () => ({}),
          () => undefined,
        ),
    ).toThrow(/points a and b overlap at holding register 1/);
    const sunspec: DeviceProfile = {
      ...PROFILE,
      addressing: { type: 'sunspec', baseAddresses: [40000] },
    };
    expect(
      () =>
        new RegisterBank(
          sunspec,
          () => ({}),
          () => undefined,
        ),
    ).toThrow(/absolute addressing only/);
  });
});
