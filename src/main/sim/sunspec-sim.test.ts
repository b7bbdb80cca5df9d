import { describe, expect, it } from 'vitest';
import { InverterDriver } from '../devices/modbus/drivers/inverter-driver';
import { ModbusExceptionError } from '../devices/modbus/wire/modbus-errors';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';
import { loadProfile } from '../devices/modbus/profile/profile-loader';
import { ProfiledDevice } from '../devices/modbus/drivers/profiled-device';
import { discoverDevice } from '../devices/modbus/sunspec/sunspec-discovery';
import { profileFromDiscovery } from '../devices/modbus/sunspec/sunspec-profile';
import { parseSimArgs } from './cli-args';
import { ModbusServerException } from './modbus-server-exception';
import type { RegisterBank } from './register-bank';
import { SiteModel } from './site-model';
import { sunspecInverterDevice } from './sunspec-sim-inverter';
import { sunspecMeterDevice } from './sunspec-sim-meter';

/** A transport straight onto a register bank: the whole SunSpec path without sockets. */
function bankTransport(bank: RegisterBank, before: () => void): ModbusTransport {
  const serve = <T>(run: () => T): Promise<T> => {
    before();
    try {
      return Promise.resolve(run());
    } catch (err) {
      if (err instanceof ModbusServerException)
        return Promise.reject(new ModbusExceptionError(err.message, err.modbusErrorCode));
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  return {
    label: 'sim',
    isOpen: true,
    connect: () => Promise.resolve(),
    close: () => Promise.resolve(),
    readHolding: (a, n) => serve(() => bank.read('holding', a, n)),
    readInput: (a, n) => serve(() => bank.read('input', a, n)),
    writeRegisters: (a, v) => serve(() => bank.write(a, v)),
  };
}

function site(): { model: SiteModel; now: { t: number } } {
  const now = { t: 1_000_000 };
  return { model: new SiteModel({ startAt: now.t, initialSocPct: 60 }), now };
}

describe('simulated SunSpec inverter', () => {
  it('is discovered as models 1, 103, 124 with live, scaled values', async () => {
    const { model, now } = site();
    const { bank } = sunspecInverterDevice(model, () => now.t);
    const result = await discoverDevice(bankTransport(bank, () => model.advance(now.t)));
    expect(result.base).toBe(40000);
    expect(result.models.map((m) => m.id)).toEqual([1, 103, 124]);
    const point = (id: number, name: string): unknown =>
      result.models.find((m) => m.id === id)?.decoded?.points.find((p) => p.name === name);
    expect(point(1, 'Mn')).toMatchObject({ value: 'ems-commissioning' });
    expect(point(103, 'W')).toMatchObject({ sf: 1, value: 0 });
    expect(point(103, 'DCA')).toMatchObject({ raw: null, value: null });
    expect(point(124, 'ChaState')).toMatchObject({ sf: -1, value: 60 });
    expect(point(124, 'WChaMax')).toMatchObject({ value: 5000 });
  });

  it('follows EMS writes through the built-in and the generated profile, and reverts on its watchdog', async () => {
    const { model, now } = site();
    const { bank } = sunspecInverterDevice(model, () => now.t);
    const transport = bankTransport(bank, () => model.advance(now.t));
    for (const profile of [
      await loadProfile('sunspec-storage-124'),
      profileFromDiscovery(await discoverDevice(transport), 'inverter'),
    ]) {
      const driver = new InverterDriver(new ProfiledDevice(profile, transport));
      await driver.connect();
      expect(model.inverter.watchdogTimeoutS).toBe(30);
      await driver.writeSetpoint(-1500);
      expect(model.inverter.setpointW).toBe(-1500);
      now.t += 3_000;
      const r = await driver.read();
      expect(r.activePowerW).toBe(-1500);
      expect(r.points).toMatchObject({ StorCtl_Mod: 3, OutWRte: -30, InWRte: 30 });
      now.t += 31_000;
      const reverted = await driver.read();
      expect([model.inverter.setpointW, reverted.points.StorCtl_Mod]).toEqual([0, 0]);
      expect(reverted.points.OutWRte).toBe(100);
    }
  });

  it('refuses what a careful device refuses', async () => {
    const { model, now } = site();
    const { bank, layout } = sunspecInverterDevice(model, () => now.t);
    const t = bankTransport(bank, () => model.advance(now.t));
    const at124 = layout.modelAddress.get(124) ?? 0;
    await expect(t.writeRegisters(at124 + 15, [0])).rejects.toThrow(/reverts after 1\.\.3600 s/);
    await expect(t.writeRegisters(at124 + 5, [4])).rejects.toThrow(/only bits 0/);
    await expect(t.writeRegisters(at124 + 12, [20000])).rejects.toThrow(/outside -100\.\.100/);
    await expect(t.writeRegisters(at124 + 2, [1])).rejects.toThrow(/read-only/);
    await expect(t.readHolding(39999, 2)).rejects.toBeInstanceOf(ModbusExceptionError);
    expect(model.inverter.setpointW).toBe(0);
  });
});

describe('simulated SunSpec hybrid inverter', () => {
  it('reports W = PV + battery and DCW = PV; only the hybrid profile reads battery power', async () => {
    const now = { t: 1_000_000 };
    const model = new SiteModel({ startAt: now.t, initialSocPct: 60, startTimeOfDayS: 12 * 3600 });
    const { bank } = sunspecInverterDevice(model, () => now.t, 'hybrid');
    const transport = bankTransport(bank, () => model.advance(now.t));
    const hybrid = new InverterDriver(
      new ProfiledDevice(await loadProfile('sunspec-hybrid-124'), transport),
    );
    const ac = new InverterDriver(
      new ProfiledDevice(await loadProfile('sunspec-storage-124'), transport),
    );
    await hybrid.connect();
    await ac.connect();
    await hybrid.writeSetpoint(-1500);
    now.t += 3_000;
    const pv = model.pvW;
    expect(pv).toBeGreaterThan(500);
    const r = await hybrid.read();
    // 103 W and DCW have 10 W steps (W_SF 1).
    expect(r.controlledW).toBeCloseTo(-1500, -1.5);
    expect(r.pvW).toBeCloseTo(pv, -1.5);
    expect(r.activePowerW).toBeCloseTo(pv - 1500, -1.5);
    // The AC profile takes the whole AC output, PV included, for battery power.
    const wrong = await ac.read();
    expect(wrong.controlledW).toBe(wrong.activePowerW);
    expect(Math.abs((wrong.controlledW ?? 0) - -1500)).toBeGreaterThan(400);
  });
});

describe('simulated SunSpec meter', () => {
  it('serves models 1 and 203 with the grid power in the project sign', async () => {
    const { model, now } = site();
    const { bank } = sunspecMeterDevice(model);
    const t = bankTransport(bank, () => model.advance(now.t));
    const result = await discoverDevice(t);
    expect(result.models.map((m) => m.id)).toEqual([1, 203]);
    const w = result.models[1]?.decoded?.points.find((p) => p.name === 'W')?.value;
    expect(w).toBe(Math.round(model.meter.readings().gridPowerW));
    await expect(t.writeRegisters(40002 + 68 + 18, [1])).rejects.toBeInstanceOf(
      ModbusExceptionError,
    );
  });
});

describe('--sunspec', () => {
  it('is a switch that does not combine with --only', () => {
    expect(parseSimArgs(['--sunspec'])).toMatchObject({ options: { sunspec: true } });
    expect(() => parseSimArgs(['--sunspec', '--only', 'meter'])).toThrow(
      '--sunspec serves the whole site from one process',
    );
    expect(() => parseSimArgs(['--sunspec', '--sunspec'])).toThrow('--sunspec given twice');
  });

  it('takes --hybrid only with --sunspec', () => {
    expect(parseSimArgs(['--sunspec', '--hybrid'])).toMatchObject({
      options: { sunspec: true, hybrid: true },
    });
    expect(() => parseSimArgs(['--hybrid'])).toThrow('--hybrid needs --sunspec');
  });
});
