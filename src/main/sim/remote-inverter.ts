import type { TimeSource } from '../../shared/clock';
import { decodeRaw, registerCount, toEngineering } from '../devices/modbus/profile/codec';
import { ModbusTcpClient } from '../devices/modbus/wire/modbus-client';
import { reasonOf } from '../devices/modbus/wire/modbus-errors';
import { readRegisters } from '../devices/modbus/modbus-transport';
import type { DeviceProfile, PointSpec } from '../devices/modbus/profile/profile-schema';

/**
 * The meter-only process's view of the inverter: the physical site is split over two
 * processes (`--only meter`, `--only inverter`), and the meter must see the inverter's power
 * to close the energy balance. It reads the inverter's power point over Modbus TCP, through
 * the inverter profile, as any client would. An inverter that does not answer is taken as a
 * site whose inverter is off: 0 W, once the last good reading is older than `holdMs`.
 */

/** Where the inverter process listens and how patiently to ask it. */
export interface RemoteInverterOptions {
  readonly host: string;
  readonly port: number;
  /** The profile the inverter process serves (its power point and sign are used). */
  readonly profile: DeviceProfile;
  /** Deadline of each read, ms (default 500). */
  readonly timeoutMs?: number;
  /** How long a good reading stays valid after reads start failing, ms (default 2000). */
  readonly holdMs?: number;
  /** The simulator's time: its wall clock stamps readings, the client's deadlines run on it. */
  readonly time: TimeSource;
}

/** Polls a remote inverter's active power. */
export class RemoteInverterPower {
  private readonly client: ModbusTcpClient;
  private readonly point: PointSpec;
  private readonly scaleFactorPoint: PointSpec | null;
  private readonly sign: number;
  private readonly holdMs: number;
  private readonly clock: () => number;
  private inFlight: Promise<void> | null = null;
  private last: { watts: number; at: number } | null = null;
  private error: string | null = null;
  private closed = false;
  private connectCalled = false;

  /** Throws Error when the profile has no inverter power point. */
  constructor(private readonly options: RemoteInverterOptions) {
    const inv = options.profile.inverter;
    const point = inv === undefined ? undefined : options.profile.points[inv.powerPoint];
    if (inv === undefined || point === undefined) {
      throw new Error(`profile ${options.profile.name} has no inverter power point to read`);
    }
    if (options.profile.addressing.type !== 'absolute') {
      throw new Error(
        `profile ${options.profile.name}: the meter-only simulator reads absolute addressing only`,
      );
    }
    this.point = point;
    const sfName = point.scaleFactorPoint;
    this.scaleFactorPoint = sfName === undefined ? null : (options.profile.points[sfName] ?? null);
    this.sign = inv.powerSign;
    this.holdMs = options.holdMs ?? 2_000;
    this.clock = () => options.time.wallNow();
    this.client = new ModbusTcpClient({
      host: options.host,
      port: options.port,
      timeoutMs: options.timeoutMs ?? 500,
      name: 'remote inverter',
      backoff: { initialMs: 500, maxMs: 2_000 },
      clock: options.time,
    });
  }

  /** The last failure, or null after a good read. */
  get lastError(): string | null {
    return this.error;
  }

  /** Inverter power (positive = discharge) valid at `now`, or null when it is unknown or stale. */
  valueAt(now: number): number | null {
    return this.last !== null && now - this.last.at <= this.holdMs ? this.last.watts : null;
  }

  /** Starts one read unless one is already running; never rejects. */
  poll(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.inFlight ??= this.readOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async readOnce(): Promise<void> {
    try {
      // connect() opens at once; after that, reads reopen a dropped link paced by the backoff.
      if (!this.connectCalled) {
        this.connectCalled = true;
        await this.client.connect();
      }
      const words = await this.read(this.point);
      const raw = decodeRaw(
        words,
        this.point.type,
        this.point.wordOrder ?? this.options.profile.wordOrder,
      );
      let sf = 0;
      if (this.scaleFactorPoint !== null) {
        const sfRaw = decodeRaw(await this.read(this.scaleFactorPoint), 'int16', 'big');
        if (sfRaw === null) throw new Error('the power scale factor reads "not implemented"');
        sf = sfRaw;
      }
      if (raw === null) throw new Error('the power point reads "not implemented"');
      this.last = { watts: toEngineering(raw, this.point.scale, sf) * this.sign, at: this.clock() };
      this.error = null;
    } catch (err) {
      this.error = reasonOf(err);
    }
  }

  private read(spec: PointSpec): Promise<number[]> {
    return readRegisters(this.client, spec.kind, spec.address, registerCount(spec.type));
  }

  /** Stops polling and closes the link. */
  async close(): Promise<void> {
    this.closed = true;
    await this.client.close();
    await this.inFlight;
  }
}
