import { describe, expect, it } from 'vitest';
import { decodeRaw, encodeRaw } from '../devices/modbus/profile/codec';
import { loadProfile } from '../devices/modbus/profile/profile-loader';
import type { DeviceProfile } from '../devices/modbus/profile/profile-schema';
import { inverterBank, meterBank } from './device-banks';
import { ModbusServerException } from './modbus-server-exception';
import { SiteModel } from './site-model';

const meterProfile = await loadProfile('sim-meter');
const inverterProfile = await loadProfile('sim-inverter');

function requireInverter(profile: DeviceProfile): NonNullable<DeviceProfile['inverter']> {
  if (profile.inverter === undefined) throw new Error(`${profile.name} has no inverter section`);
  return profile.inverter;
}

function code(run: () => unknown): number | null {
  try {
    run();
  } catch (err) {
    if (err instanceof ModbusServerException) return err.modbusErrorCode;
    throw err;
  }
  return null;
}

describe('device banks on the built-in sim profiles', () => {
  it('serve the meter from the model', () => {
    const model = new SiteModel({ startAt: 0 });
    model.advance(1_000);
    const bank = meterBank(meterProfile, model);
    const regs = bank.read('holding', 0, 17);
    // The meter's reading: the true grid power plus a few W of measurement noise.
    const shown = model.meter.readings().gridPowerW;
    expect(decodeRaw(regs.slice(0, 2), 'int32', 'big')).toBe(Math.round(shown));
    expect(Math.abs(shown - model.gridW)).toBeLessThanOrEqual(4.5);
    expect(decodeRaw(regs.slice(16, 17), 'uint16', 'big')).toBe(
      model.meter.readings().updateCounter,
    );
    expect(code(() => bank.write(0, [0, 0]))).toBe(2);
  });

  it('serve the inverter and apply writes at the clock time', () => {
    const model = new SiteModel({ startAt: 0, initialSocPct: 33.3 });
    let now = 0;
    const bank = inverterBank(inverterProfile, model, () => now);
    now = 500;
    // setpointW 8-9, heartbeat 10, watchdogTimeoutS 11: one write-multiple sets all three.
    bank.write(8, [...encodeRaw(-1_500, 'int32', 'big'), 7, 20]);
    expect(model.inverter.setpointW).toBe(-1_500);
    expect(model.inverter.watchdogTimeoutS).toBe(20);
    expect(model.inverter.heartbeat).toBe(7);
    // The whole map in one read.
    const regs = bank.read('holding', 0, 12);
    expect(decodeRaw(regs.slice(2, 3), 'uint16', 'big')).toBe(333);
    expect(decodeRaw(regs.slice(3, 4), 'uint16', 'big')).toBe(2);
    expect(regs.slice(8)).toEqual([...encodeRaw(-1_500, 'int32', 'big'), 7, 20]);
  });

  it('refuses a bad watchdog timeout without applying the rest of the request', () => {
    const model = new SiteModel({ startAt: 0 });
    const bank = inverterBank(inverterProfile, model, () => 0);
    expect(code(() => bank.write(8, [...encodeRaw(2_000, 'int32', 'big'), 5, 0]))).toBe(3);
    expect(model.inverter.setpointW).toBe(0);
    expect(model.inverter.heartbeat).toBe(0);
    expect(model.inverter.watchdogTimeoutS).toBe(10);
  });

  it('honours the signs a profile declares', () => {
    const flipped: DeviceProfile = {
      ...inverterProfile,
      inverter: {
        ...requireInverter(inverterProfile),
        powerSign: -1,
        setpoint: { method: 'signedWatts', point: 'setpointW', sign: -1 },
      },
    };
    const model = new SiteModel({ startAt: 0 });
    const bank = inverterBank(flipped, model, () => 0);
    bank.write(8, encodeRaw(1_000, 'int32', 'big'));
    expect(model.inverter.setpointW).toBe(-1_000);
    model.advance(5_000);
    expect(decodeRaw(bank.read('holding', 0, 2), 'int32', 'big')).toBe(
      -Math.round(model.inverter.activePowerW),
    );
  });

  it('refuse a profile of the wrong kind', () => {
    const model = new SiteModel({ startAt: 0 });
    expect(() => meterBank(inverterProfile, model)).toThrow(/not a meter profile/);
    expect(() => inverterBank(meterProfile, model, () => 0)).toThrow(/not an inverter profile/);
  });
});
