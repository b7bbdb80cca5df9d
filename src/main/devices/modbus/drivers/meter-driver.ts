import { ModbusTcpClient } from '../wire/modbus-client';
import type { ModbusTcpOptions } from '../wire/modbus-client';
import { ModbusValueError } from '../wire/modbus-errors';
import type { DeviceProfile } from '../profile/profile-schema';
import type { PointValues } from './profiled-device';
import { ProfiledDevice } from './profiled-device';

/**
 * The grid meter as the runtime sees it: one call per cycle returning grid power in the
 * project's sign (positive = import, negative = export), whatever the device's own sign.
 */

/** One meter poll. */
export interface MeterReading {
  /** Grid power, W. Positive = import, negative = export. */
  readonly gridW: number;
  /** The meter's update counter (the profile's `updatePoint`); null when it has none or it is unreadable. */
  readonly updateCounter: number | null;
  /** The meter's own import counter, Wh (the profile's `importEnergyPoint`); null when it has none or it is unreadable. */
  readonly importWh: number | null;
  /** The meter's own export counter, Wh (the profile's `exportEnergyPoint`); null likewise. */
  readonly exportWh: number | null;
  /** Every point of the profile, engineering units, for display and logs. */
  readonly points: PointValues;
}

/** Grid meter driver over a profiled Modbus device. */
export class MeterDriver {
  private readonly powerPoint: string;
  private readonly addPoints: readonly string[];
  private readonly sign: 1 | -1;
  private readonly updatePoint: string | undefined;
  private readonly energyPoints: { readonly import?: string; readonly export?: string };

  /** Throws an Error when the profile is not a meter profile. */
  constructor(readonly device: ProfiledDevice) {
    const section = device.profile.meter;
    if (device.profile.kind !== 'meter' || section === undefined) {
      throw new Error(`profile "${device.profile.name}" is not a meter profile`);
    }
    this.powerPoint = section.powerPoint;
    this.addPoints = section.addPoints ?? [];
    this.sign = section.powerSign;
    this.updatePoint = section.updatePoint;
    this.energyPoints = {
      ...(section.importEnergyPoint === undefined ? {} : { import: section.importEnergyPoint }),
      ...(section.exportEnergyPoint === undefined ? {} : { export: section.exportEnergyPoint }),
    };
  }

  /** Prefix of error messages. */
  get label(): string {
    return this.device.label;
  }

  /** Modbus requests made by the last read. */
  get lastReadRequests(): number {
    return this.device.lastReadRequests;
  }

  /** Opens the link (and resolves SunSpec addresses). */
  connect(): Promise<void> {
    return this.device.connect();
  }

  /** Reads all points; rejects with a ModbusValueError when the power point has no valid value. */
  async read(): Promise<MeterReading> {
    const points = await this.device.readAll();
    const power = points[this.powerPoint];
    if (power === null || power === undefined) {
      throw new ModbusValueError(
        `${this.label}: grid power point ${this.powerPoint} has no valid value (not implemented or not a number)`,
      );
    }
    let total = power;
    for (const name of this.addPoints) {
      const part = points[name];
      if (part === null || part === undefined) {
        throw new ModbusValueError(
          `${this.label}: grid power point ${name} has no valid value (not implemented or not a number)`,
        );
      }
      total += part;
    }
    const counter = this.updatePoint === undefined ? null : points[this.updatePoint];
    const energy = (name: string | undefined): number | null => {
      const v = name === undefined ? null : points[name];
      // A counter that is not implemented, not a number or negative counts as absent.
      return v === null || v === undefined || !Number.isFinite(v) || v < 0 ? null : v;
    };
    return {
      gridW: total * this.sign + 0,
      updateCounter: counter ?? null,
      importWh: energy(this.energyPoints.import),
      exportWh: energy(this.energyPoints.export),
      points,
    };
  }

  /** Closes the link. */
  close(): Promise<void> {
    return this.device.close();
  }
}

/** A meter driver over Modbus TCP (named "meter" in messages). */
export function createMeterDriver(
  profile: DeviceProfile,
  tcp: Omit<ModbusTcpOptions, 'name'>,
): MeterDriver {
  return new MeterDriver(
    new ProfiledDevice(profile, new ModbusTcpClient({ ...tcp, name: 'meter' })),
  );
}
