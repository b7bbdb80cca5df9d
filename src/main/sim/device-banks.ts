import type { DeviceProfile } from '../devices/modbus/profile/profile-schema';
import { MODBUS_EXCEPTION, ModbusServerException } from './modbus-server-exception';
import { RegisterBank } from './register-bank';
import type { SiteModel } from './site-model';

/**
 * Binds the site model to the register banks of the simulated meter and inverter. Points are
 * found through the roles the profile declares (power point and its sign, SOC point, setpoint,
 * watchdog timeout, heartbeat), so the simulator serves whatever absolute-addressed profile
 * the EMS is configured with; points without a role are matched by name (the meter's phase
 * values, the inverter's "status") and read as "not implemented" when the model has none.
 */

type Values = Record<string, number | null>;

/** Meter values the model has, by the point names of the built-in meter profile. */
const METER_POWER_POINTS = ['powerL1W', 'powerL2W', 'powerL3W'] as const;

/** The grid meter's registers. Throws Error when the profile is not a meter profile. */
export function meterBank(profile: DeviceProfile, model: SiteModel): RegisterBank {
  const meter = profile.meter;
  if (profile.kind !== 'meter' || meter === undefined)
    throw new Error(`profile ${profile.name} is not a meter profile`);
  const read = (): Values => {
    const r = model.meter.readings();
    const values: Values = {
      voltageL1V: r.voltageL1V,
      voltageL2V: r.voltageL2V,
      voltageL3V: r.voltageL3V,
      frequencyHz: r.frequencyHz,
      // Counters never run ahead of the energy actually metered.
      importEnergyWh: Math.floor(r.importEnergyWh),
      exportEnergyWh: Math.floor(r.exportEnergyWh),
      // A 16-bit register wraps, as a real counter does.
      updateCounter: r.updateCounter % 65_536,
    };
    for (const name of METER_POWER_POINTS) values[name] = r[name] * meter.powerSign;
    values[meter.powerPoint] = r.gridPowerW * meter.powerSign;
    return values;
  };
  return new RegisterBank(profile, read, (writes) => {
    const name = [...writes.keys()][0] ?? '';
    throw new ModbusServerException(
      `the meter accepts no writes (${name})`,
      MODBUS_EXCEPTION.illegalDataAddress,
    );
  });
}

/**
 * The inverter's registers; writes go to the model at `clock()` (wall ms). Throws Error when
 * the profile is not a signed-watts inverter profile (the simulated inverter has no SunSpec
 * storage-control block).
 */
export function inverterBank(
  profile: DeviceProfile,
  model: SiteModel,
  clock: () => number,
): RegisterBank {
  const inv = profile.inverter;
  if (profile.kind !== 'inverter' || inv === undefined)
    throw new Error(`profile ${profile.name} is not an inverter profile`);
  const setpoint = inv.setpoint;
  if (setpoint.method !== 'signedWatts') {
    throw new Error(
      `profile ${profile.name}: the simulated inverter takes a signedWatts setpoint, not ${setpoint.method}`,
    );
  }
  const timeoutPoint = inv.watchdog?.timeoutPoint;
  const refresh = inv.watchdog?.refresh;
  const heartbeatPoint = refresh?.by === 'counter' ? refresh.point : undefined;

  const read = (): Values => {
    const { inverter, battery } = model;
    const values: Values = { status: inverter.statusCode(battery.alarms().length > 0) };
    values[inv.powerPoint] = inverter.activePowerW * inv.powerSign;
    values[setpoint.point] = inverter.setpointW * setpoint.sign;
    if (inv.socPoint !== undefined) values[inv.socPoint] = battery.socPct;
    if (inv.ratedChargePoint !== undefined) values[inv.ratedChargePoint] = inverter.ratedChargeW;
    if (inv.ratedDischargePoint !== undefined)
      values[inv.ratedDischargePoint] = inverter.ratedDischargeW;
    if (timeoutPoint !== undefined) values[timeoutPoint] = inverter.watchdogTimeoutS;
    if (heartbeatPoint !== undefined) values[heartbeatPoint] = inverter.heartbeat;
    // Like a real inverter's energy registers: whole Wh that never run ahead of the energy.
    const energy = battery.energyCounters;
    values['chargeEnergyWh'] = Math.floor(energy.chargeWh);
    values['dischargeEnergyWh'] = Math.floor(energy.dischargeWh);
    return values;
  };

  const write = (writes: ReadonlyMap<string, number>): void => {
    for (const name of writes.keys()) {
      if (name !== setpoint.point && name !== timeoutPoint && name !== heartbeatPoint) {
        throw new ModbusServerException(
          `${name} is not writable on the simulated inverter`,
          MODBUS_EXCEPTION.illegalDataAddress,
        );
      }
    }
    const timeout = timeoutPoint === undefined ? undefined : writes.get(timeoutPoint);
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 3_600)) {
      throw new ModbusServerException(
        `${timeoutPoint}: ${timeout} s is outside 1..3600`,
        MODBUS_EXCEPTION.illegalDataValue,
      );
    }
    // Everything is checked before anything is applied: a refused request changes nothing.
    const now = clock();
    if (timeout !== undefined) model.inverter.writeWatchdogTimeout(timeout);
    const watts = writes.get(setpoint.point);
    if (watts !== undefined) model.inverter.writeSetpoint(now, watts * setpoint.sign);
    const beat = heartbeatPoint === undefined ? undefined : writes.get(heartbeatPoint);
    if (beat !== undefined) model.inverter.writeHeartbeat(now, Math.round(beat));
  };
  return new RegisterBank(profile, read, write);
}
