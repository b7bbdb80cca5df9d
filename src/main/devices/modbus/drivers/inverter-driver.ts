import type { InverterReading } from '../../../core/measurements';
import { ModbusTcpClient } from '../wire/modbus-client';
import type { ModbusTcpOptions } from '../wire/modbus-client';
import { ModbusValueError } from '../wire/modbus-errors';
import type { DeviceProfile } from '../profile/profile-schema';
import type { PointValues } from './profiled-device';
import { ProfiledDevice } from './profiled-device';

/**
 * The battery inverter as the runtime sees it: read power and SOC, write the power setpoint,
 * keep the device's revert watchdog fed. All values in the project's sign (positive =
 * discharge, negative = charge), whatever the device's own sign or setpoint method.
 */

/** One inverter poll. */
export interface InverterDriverReading extends InverterReading {
  /** SOC, %; null when the profile has no SOC point or the device reports no valid one. */
  readonly socPct: number | null;
  /** Rated charge power, W (positive), when the device reports it. */
  readonly ratedChargeW?: number;
  /** Rated discharge power, W (positive), when the device reports it. */
  readonly ratedDischargeW?: number;
  /**
   * The setpoint register read back, W (project sign), so the runtime can tell a write the
   * device acknowledged but did not keep; null when the setpoint is not one signed-watts point.
   */
  readonly setpointReadbackW: number | null;
  /** Every point of the profile, engineering units. */
  readonly points: PointValues;
}

/** StorCtl_Mod with both bits set: the charge limit (bit 0) and the discharge limit (bit 1) apply. */
const STORCTL_BOTH_LIMITS = 3;

/** Inverter driver over a profiled Modbus device. */
export class InverterDriver {
  private readonly section: NonNullable<DeviceProfile['inverter']>;
  private counter: number | null = null;
  private commandedW: number | null = null;
  /** False until the watchdog timeout is written, and again after any failed request (the device may have restarted). */
  private prepared = false;

  /** Throws an Error when the profile is not an inverter profile. */
  constructor(readonly device: ProfiledDevice) {
    const section = device.profile.inverter;
    if (device.profile.kind !== 'inverter' || section === undefined) {
      throw new Error(`profile "${device.profile.name}" is not an inverter profile`);
    }
    this.section = section;
  }

  /** Prefix of error messages. */
  get label(): string {
    return this.device.label;
  }

  /** The power the last successful setpoint write commanded, W (after clamping); null before one. */
  get lastCommandedW(): number | null {
    return this.commandedW;
  }

  /** Modbus requests made by the last read. */
  get lastReadRequests(): number {
    return this.device.lastReadRequests;
  }

  /** Revert time of the device's watchdog, s; null when it has none. */
  get watchdogTimeoutS(): number | null {
    return this.section.watchdog?.timeoutS ?? null;
  }

  /** Opens the link, resolves SunSpec addresses and writes the watchdog timeout. */
  async connect(): Promise<void> {
    await this.guard(() => this.device.connect());
    await this.prepare();
  }

  /** What the device does when its watchdog expires (the profile's declaration). */
  get onWatchdogExpiry(): 'zero' | 'deviceDefault' {
    return this.section.onWatchdogExpiry;
  }

  /** Writes the watchdog timeout (nothing when the device has none). */
  async prepare(): Promise<void> {
    const watchdog = this.section.watchdog;
    const timeoutPoint = watchdog?.timeoutPoint;
    if (watchdog !== null && timeoutPoint !== undefined)
      await this.guard(() => this.device.writePoint(timeoutPoint, watchdog.timeoutS));
    this.prepared = true;
  }

  /** Reads the watchdog timeout register back, s; null when the profile has no timeout point. */
  async readWatchdogTimeoutS(): Promise<number | null> {
    const point = this.section.watchdog?.timeoutPoint;
    if (point === undefined) return null;
    const values = await this.guard(() => this.device.readPoints([point]));
    const v = values[point];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }

  /** Reads all points; rejects with a ModbusValueError when the power point has no valid value. */
  async read(): Promise<InverterDriverReading> {
    const points = await this.guard(() => this.device.readAll());
    const power = points[this.section.powerPoint];
    if (power === null || power === undefined) {
      throw new ModbusValueError(
        `${this.label}: active power point ${this.section.powerPoint} has no valid value (not implemented or not a number)`,
      );
    }
    const soc =
      this.section.socPoint === undefined ? null : (points[this.section.socPoint] ?? null);
    const ratedChargeW = positive(this.section.ratedChargePoint, points);
    const ratedDischargeW = positive(this.section.ratedDischargePoint, points);
    const sp = this.section.setpoint;
    const raw = sp.method === 'signedWatts' ? points[sp.point] : undefined;
    const readback =
      sp.method === 'signedWatts' && typeof raw === 'number' ? raw * sp.sign + 0 : null;
    const activePowerW = power * this.section.powerSign + 0;
    const pv = this.pv(points);
    return {
      activePowerW,
      controlledW: this.controlled(points, activePowerW),
      pvW: pv !== null && Number.isFinite(pv) ? Math.max(0, pv) : null,
      socPct: soc !== null && soc >= 0 && soc <= 100 ? soc : null,
      setpointReadbackW: readback,
      ...(ratedChargeW === undefined ? {} : { ratedChargeW }),
      ...(ratedDischargeW === undefined ? {} : { ratedDischargeW }),
      points,
    };
  }

  /**
   * Commands the active power, W (positive = discharge). The value is clamped to the rated
   * powers when the device reports them; {@link lastCommandedW} tells what was written.
   */
  async writeSetpoint(watts: number): Promise<void> {
    if (!Number.isFinite(watts))
      throw new ModbusValueError(`${this.label}: setpoint ${watts} W is not a finite number`);
    if (!this.prepared) await this.prepare();
    const sp = this.section.setpoint;
    if (sp.method === 'signedWatts' || sp.method === 'splitWatts') {
      const maxCharge = positive(this.section.ratedChargePoint, this.cached()) ?? Infinity;
      const maxDischarge = positive(this.section.ratedDischargePoint, this.cached()) ?? Infinity;
      const commanded = Math.round(Math.min(maxDischarge, Math.max(-maxCharge, watts))) + 0;
      // The heartbeat rides along: one write-multiple when the profile puts it next to the setpoint.
      const beat = this.nextHeartbeat();
      const values =
        sp.method === 'signedWatts'
          ? { [sp.point]: commanded * sp.sign + 0, ...sp.with }
          : splitPower(sp, commanded);
      await this.guard(() => this.device.writePoints({ ...values, ...beat?.values }));
      if (beat) this.counter = beat.next;
      this.commandedW = commanded;
      return;
    }
    const wMax =
      this.device.cachedValue(sp.maxPowerPoint) ??
      (await this.guard(() => this.device.readPoints([sp.maxPowerPoint])))[sp.maxPowerPoint];
    if (wMax === null || wMax === undefined || !(wMax > 0)) {
      throw new ModbusValueError(
        `${this.label}: ${sp.maxPowerPoint} has no valid value, so a setpoint cannot be turned into a percentage`,
      );
    }
    // Signed percentage of the maximum: discharge at X % = OutWRte X and InWRte -X; charge the reverse.
    const pct = Math.min(100, Math.max(-100, (watts / wMax) * 100)) + 0;
    const beat = this.nextHeartbeat();
    await this.guard(() =>
      this.device.writePoints({
        [sp.dischargeRatePoint]: pct,
        [sp.chargeRatePoint]: -pct + 0,
        [sp.modePoint]: STORCTL_BOTH_LIMITS,
        ...beat?.values,
      }),
    );
    if (beat) this.counter = beat.next;
    this.commandedW = (pct / 100) * wMax;
  }

  /** The next heartbeat value to write, or null when the watchdog is not counter-fed. */
  private nextHeartbeat(): { next: number; values: Record<string, number> } | null {
    const watchdog = this.section.watchdog;
    if (watchdog === null || watchdog.refresh.by !== 'counter') return null;
    const point = watchdog.refresh.point;
    const start = this.counter ?? this.device.cachedValue(point) ?? 0;
    const next =
      (Math.round(start) + 1) % (counterMax(this.device.profile.points[point]?.type) + 1);
    return { next, values: { [point]: next } };
  }

  /** Closes the link. */
  close(): Promise<void> {
    return this.device.close();
  }

  /** PV power behind the inverter: the PV point plus any added ones; null when one is unknown. */
  private pv(points: PointValues): number | null {
    const names = this.section.pvPoint === undefined ? [] : [this.section.pvPoint];
    names.push(...(this.section.pvAddPoints ?? []));
    if (names.length === 0) return null;
    let sum = 0;
    for (const name of names) {
      const v = points[name];
      if (v === null || v === undefined) return null;
      sum += v;
    }
    return sum;
  }

  /**
   * The controlled quantity (project sign) from the profile's terms; the AC power when the
   * profile declares none. A term without a valid value fails the read: a guess would steer.
   */
  private controlled(points: PointValues, activePowerW: number): number {
    const spec = this.section.controlled;
    if (spec === undefined) return activePowerW;
    let sum = 0;
    for (const t of spec.terms) {
      const v = points[t.point];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        throw new ModbusValueError(
          `${this.label}: point ${t.point} of the controlled ${spec.quantity} has no valid value`,
        );
      }
      sum += v * t.sign;
    }
    return sum + 0;
  }

  private cached(): PointValues {
    const values: PointValues = {};
    for (const name of [this.section.ratedChargePoint, this.section.ratedDischargePoint]) {
      const v = name === undefined ? undefined : this.device.cachedValue(name);
      if (name !== undefined && v !== undefined) values[name] = v;
    }
    return values;
  }

  /** Runs a device operation; a failure marks the device for re-preparation (it may have restarted). */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      this.prepared = false;
      throw err;
    }
  }
}

function positive(name: string | undefined, points: PointValues): number | undefined {
  const v = name === undefined ? undefined : points[name];
  return v !== null && v !== undefined && v > 0 ? v : undefined;
}

/**
 * The power and command registers of a split (charge / discharge) setpoint for `watts`, with
 * the command last: the request that carries it goes out after the powers and the `with`
 * values it depends on.
 */
function splitPower(
  sp: Extract<DeviceProfile['inverter'], object>['setpoint'] & { method: 'splitWatts' },
  watts: number,
): Record<string, number> {
  const charge = watts < 0 ? -watts : 0;
  const discharge = watts > 0 ? watts : 0;
  const command =
    watts > 0 ? sp.commands.discharge : watts < 0 ? sp.commands.charge : sp.commands.idle;
  return {
    [sp.chargePoint]: charge,
    [sp.dischargePoint]: discharge,
    ...sp.with,
    [sp.commandPoint]: command,
  };
}

/** Largest counter value for a type; uint16 stops below 0xFFFF, SunSpec's "not implemented". */
function counterMax(type: string | undefined): number {
  if (type === 'int16') return 0x7fff;
  if (type === 'int32') return 0x7fffffff;
  if (type === 'uint32') return 0xfffffffe;
  if (type === 'float32') return 0xffffff;
  return 0xfffe;
}

/** An inverter driver over Modbus TCP (named "inverter" in messages). */
export function createInverterDriver(
  profile: DeviceProfile,
  tcp: Omit<ModbusTcpOptions, 'name'>,
): InverterDriver {
  return new InverterDriver(
    new ProfiledDevice(profile, new ModbusTcpClient({ ...tcp, name: 'inverter' })),
  );
}
