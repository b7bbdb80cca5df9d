import type { ReadBlock } from '../profile/block-planner';
import { planReadBlocks, pointRegisters } from '../profile/block-planner';
import { encodeRaw, registerCount, toRaw } from '../profile/codec';
import { ModbusConnectionError, ModbusValueError } from '../wire/modbus-errors';
import type { ModbusTransport, RegisterKind } from '../modbus-transport';
import { readRegisters } from '../modbus-transport';
import { decodePoint, engineeringValue, isScaleFactor } from '../profile/point-value';
import type { DeviceProfile, PointSpec, WordOrder } from '../profile/profile-schema';
import type { SunSpecMap } from '../sunspec/sunspec-resolver';
import { discoverSunSpec, resolveSunSpecAddresses } from '../sunspec/sunspec-resolver';
import { readSunSpecIdentity, type DeviceIdentity } from '../sunspec/sunspec-identity';
import type { PendingWrite } from '../profile/write-planner';
import { planWrites } from '../profile/write-planner';
import { describeError } from '../../../util/describe-error';

/**
 * A Modbus device described by a profile: reads all its points in the fewest requests, turns
 * registers into engineering values (scale factors applied, "not implemented" -> null) and
 * writes points through the same codec. The meter and inverter drivers are thin layers on it.
 */

/** A profile point with its absolute address. */
export interface ResolvedPoint {
  readonly name: string;
  readonly spec: PointSpec;
  readonly kind: RegisterKind;
  readonly address: number;
  readonly count: number;
  readonly wordOrder: WordOrder;
}

/** Engineering values by point name; null = not implemented by the device or not a valid number. */
export type PointValues = Record<string, number | null>;

/** A device driven through its profile. */
export class ProfiledDevice {
  /** Modbus requests made by the last readAll(), for the benchmark and diagnostics. */
  lastReadRequests = 0;
  /** Where the SunSpec models were found (null with absolute addressing or before connect). */
  sunspec: SunSpecMap | null = null;
  /**
   * The device's SunSpec model 1 (manufacturer, model, serial, version), read when the model
   * chain is walked at connect; null with absolute addressing, before connect, or when the
   * device has no readable model 1.
   */
  identity: DeviceIdentity | null = null;
  private points: Map<string, ResolvedPoint> | null = null;
  private blocks: ReadBlock[] = [];
  private resolving: Promise<Map<string, ResolvedPoint>> | null = null;
  private readonly lastRaw = new Map<string, number | null>();
  /** Whether connect() (or close()) was called; until then the first request connects. */
  private started = false;
  private readonly lastValues: PointValues = {};

  constructor(
    readonly profile: DeviceProfile,
    readonly transport: ModbusTransport,
  ) {
    if (profile.addressing.type === 'absolute') {
      this.adopt(
        new Map(Object.entries(profile.points).map(([name, spec]) => [name, spec.address])),
      );
    }
  }

  /** Prefix of error messages ("inverter 10.0.0.5:502 unit 1"). */
  get label(): string {
    return this.transport.label;
  }

  /** Read requests one readAll() makes. */
  get plannedReadRequests(): number {
    return this.blocks.length;
  }

  /**
   * Opens the link and, with SunSpec addressing, finds the models and resolves every point.
   * Optional: the first read or write connects too, and after a failure the transport
   * reconnects on later requests, paced by its backoff.
   */
  async connect(): Promise<void> {
    this.started = true;
    await this.transport.connect();
    await this.resolved();
  }

  /** Closes the link for good: later reads and writes reject. */
  close(): Promise<void> {
    this.started = true;
    return this.transport.close();
  }

  /** Absolute address of a point (undefined before SunSpec resolution or for an unknown name). */
  addressOf(name: string): number | undefined {
    return this.points?.get(name)?.address;
  }

  /** The value of a point from the last read (undefined if never read). */
  cachedValue(name: string): number | null | undefined {
    return this.lastValues[name];
  }

  /** Reads every point of the profile. */
  async readAll(): Promise<PointValues> {
    await this.resolved();
    const raws = await this.readBlocks(this.blocks);
    this.lastReadRequests = this.blocks.length;
    return this.toValues(raws, [...raws.keys()]);
  }

  /** Reads some points (and the scale factors they need) in as few requests as possible. */
  async readPoints(names: readonly string[]): Promise<PointValues> {
    const points = await this.resolved();
    const wanted = new Set<string>();
    for (const name of names) {
      const point = this.point(points, name);
      wanted.add(name);
      if (point.spec.scaleFactorPoint !== undefined) wanted.add(point.spec.scaleFactorPoint);
    }
    const selected = [...wanted].map((n) => this.point(points, n));
    const raws = await this.readBlocks(
      planReadBlocks(selected, { maxGap: this.profile.maxReadGap }),
    );
    return this.toValues(raws, names);
  }

  /** Writes one point (engineering value). Only points with access "rw". */
  writePoint(name: string, value: number): Promise<void> {
    return this.writePoints({ [name]: value });
  }

  /**
   * Writes several points; contiguous ones go in one write-multiple request. Requests are made
   * in the order the caller lists the points, so e.g. rates can be set before a mode enables them.
   */
  async writePoints(values: Readonly<Record<string, number>>): Promise<void> {
    const points = await this.resolved();
    const encoded: PendingWrite[] = [];
    for (const [name, value] of Object.entries(values)) {
      const point = this.point(points, name);
      if (point.spec.access !== 'rw')
        throw new ModbusValueError(`${this.label}: point ${name} is read-only`);
      const sf =
        point.spec.scaleFactorPoint === undefined
          ? undefined
          : await this.scaleFactor(point.spec.scaleFactorPoint, name);
      try {
        const raw = toRaw(value, point.spec.type, point.spec.scale, sf);
        encoded.push({
          name,
          address: point.address,
          regs: encodeRaw(raw, point.spec.type, point.wordOrder),
        });
      } catch (err) {
        const reason = describeError(err);
        throw new ModbusValueError(
          `${this.label}: cannot write ${value}${point.spec.unit ? ` ${point.spec.unit}` : ''} to ${name}: ${reason}`,
        );
      }
    }
    for (const request of planWrites(encoded, this.label))
      await this.transport.writeRegisters(request.address, request.regs);
  }

  private point(points: Map<string, ResolvedPoint>, name: string): ResolvedPoint {
    const point = points.get(name);
    if (point === undefined)
      throw new ModbusValueError(
        `${this.label}: profile "${this.profile.name}" has no point ${name}`,
      );
    return point;
  }

  private async scaleFactor(sfName: string, forName: string): Promise<number> {
    let sf = this.lastRaw.get(sfName);
    if (sf === undefined) {
      await this.readPoints([sfName]);
      sf = this.lastRaw.get(sfName);
    }
    if (sf === null || sf === undefined || !isScaleFactor(sf)) {
      throw new ModbusValueError(
        `${this.label}: cannot write ${forName}: its scale factor ${sfName} is not valid (${String(sf)})`,
      );
    }
    return sf;
  }

  private async resolved(): Promise<Map<string, ResolvedPoint>> {
    if (!this.started) await this.connect();
    if (this.points !== null) return this.points;
    this.resolving ??= this.resolveSunSpec().finally(() => {
      this.resolving = null;
    });
    return this.resolving;
  }

  private async resolveSunSpec(): Promise<Map<string, ResolvedPoint>> {
    const addressing = this.profile.addressing;
    if (addressing.type !== 'sunspec')
      throw new Error('unreachable: absolute profiles resolve in the constructor');
    const map = await discoverSunSpec(this.transport, addressing.baseAddresses);
    const addresses = resolveSunSpecAddresses(this.profile, map, this.label);
    // Model 1 is read with the chain, so the report names the unit however the site was made
    // (a library profile, one made by discovery, or by hand).
    this.identity = await this.readIdentity(map);
    this.sunspec = map;
    return this.adopt(addresses);
  }

  /** Model 1, or null when the device refuses it: its identity is not worth failing the link for. */
  private async readIdentity(map: SunSpecMap): Promise<DeviceIdentity | null> {
    try {
      return await readSunSpecIdentity(this.transport, map);
    } catch (err) {
      if (err instanceof ModbusConnectionError) throw err;
      return null;
    }
  }

  private adopt(addresses: Map<string, number>): Map<string, ResolvedPoint> {
    const points = new Map<string, ResolvedPoint>();
    for (const [name, spec] of Object.entries(this.profile.points)) {
      const address = addresses.get(name) ?? spec.address;
      const wordOrder = spec.wordOrder ?? this.profile.wordOrder;
      points.set(name, {
        name,
        spec,
        kind: spec.kind,
        address,
        count: registerCount(spec.type),
        wordOrder,
      });
    }
    this.blocks = planReadBlocks([...points.values()], { maxGap: this.profile.maxReadGap });
    this.points = points;
    return points;
  }

  /** Reads the blocks one after another (many devices serve one request at a time) and decodes raw values. */
  private async readBlocks(blocks: readonly ReadBlock[]): Promise<Map<string, number | null>> {
    const raws = new Map<string, number | null>();
    for (const block of blocks) {
      const data = await readRegisters(this.transport, block.kind, block.start, block.count);
      for (const planned of block.points) {
        const point = this.points?.get(planned.name);
        if (point === undefined) continue;
        raws.set(
          point.name,
          decodePoint(pointRegisters(block, data, planned), point.spec.type, point.wordOrder),
        );
      }
    }
    for (const [name, raw] of raws) this.lastRaw.set(name, raw);
    return raws;
  }

  private toValues(raws: Map<string, number | null>, names: readonly string[]): PointValues {
    const values: PointValues = {};
    for (const name of names) {
      const point = this.points?.get(name);
      const raw = raws.get(name);
      if (point === undefined || raw === undefined) continue;
      values[name] = engineeringValue(point.spec, raw, raws);
      this.lastValues[name] = values[name];
    }
    return values;
  }
}
