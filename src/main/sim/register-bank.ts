import { decodeRaw, registerCount, toEngineering } from '../devices/modbus/profile/codec';
import type { RegisterKind } from '../devices/modbus/modbus-transport';
import type { DeviceProfile, PointSpec } from '../devices/modbus/profile/profile-schema';
import { MODBUS_EXCEPTION, ModbusServerException } from './modbus-server-exception';
import { encodePoint } from './point-encoding';

/**
 * The register map a simulated device serves, built from the same profile the EMS reads it
 * with, so the two cannot disagree about an address, a type, a scale or a word order. Values
 * are engineering values pulled from the model on every request and encoded with the shared
 * codec; writes to "rw" points are decoded the same way and handed to the model.
 *
 * Like a strict real device, it answers an exception for any register the profile does not
 * name (reads and writes), and for writes that cover only part of a point or a read-only one.
 */

/** Engineering values by point name; a missing or null value reads as "not implemented". */
export type ValueSource = () => Readonly<Record<string, number | null | undefined>>;

/**
 * Applies decoded writes (engineering values by point name, in address order). Throws a
 * ModbusServerException (illegal data value) for a value the device refuses.
 */
export type WriteSink = (values: ReadonlyMap<string, number>) => void;

interface Slot {
  readonly name: string;
  readonly spec: PointSpec;
  /** Register offset inside the point. */
  readonly offset: number;
}

const MAX_READ = 125;
const MAX_WRITE = 123;

/** A simulated device's registers. */
export class RegisterBank {
  private readonly tables: Record<RegisterKind, Map<number, Slot>> = {
    holding: new Map(),
    input: new Map(),
  };

  /** Throws Error naming the point when the profile is not servable (SunSpec addressing, overlaps). */
  constructor(
    readonly profile: DeviceProfile,
    private readonly source: ValueSource,
    private readonly sink: WriteSink,
  ) {
    if (profile.addressing.type !== 'absolute') {
      throw new Error(`profile ${profile.name}: the simulator serves absolute addressing only`);
    }
    for (const [name, spec] of Object.entries(profile.points)) {
      const table = this.tables[spec.kind];
      const count = registerCount(spec.type);
      if (spec.address + count > 0x10000)
        throw new Error(`profile ${profile.name}: point ${name} runs past register 65535`);
      for (let offset = 0; offset < count; offset += 1) {
        const taken = table.get(spec.address + offset);
        if (taken)
          throw new Error(
            `profile ${profile.name}: points ${taken.name} and ${name} overlap at ${spec.kind} register ${spec.address + offset}`,
          );
        table.set(spec.address + offset, { name, spec, offset });
      }
    }
  }

  /** Reads `count` registers of `kind` from `address`; throws ModbusServerException. */
  read(kind: RegisterKind, address: number, count: number): number[] {
    if (!Number.isInteger(count) || count < 1 || count > MAX_READ) {
      throw new ModbusServerException(
        `read of ${count} registers (1..${MAX_READ} allowed)`,
        MODBUS_EXCEPTION.illegalDataValue,
      );
    }
    const slots = this.slots(kind, address, count);
    const values = this.source();
    const encoded = new Map<string, number[]>();
    return slots.map((slot) => {
      let words = encoded.get(slot.name);
      if (words === undefined) {
        const wordOrder = slot.spec.wordOrder ?? this.profile.wordOrder;
        words = encodePoint(
          slot.spec,
          wordOrder,
          values[slot.name],
          this.scaleFactor(slot.spec, values),
        );
        encoded.set(slot.name, words);
      }
      return words[slot.offset] ?? 0;
    });
  }

  /** Writes holding registers from `address`; throws ModbusServerException. */
  write(address: number, words: readonly number[]): void {
    if (words.length < 1 || words.length > MAX_WRITE) {
      throw new ModbusServerException(
        `write of ${words.length} registers (1..${MAX_WRITE} allowed)`,
        MODBUS_EXCEPTION.illegalDataValue,
      );
    }
    const slots = this.slots('holding', address, words.length);
    const values = this.source();
    const decoded = new Map<string, number>();
    for (let i = 0; i < slots.length;) {
      const slot = slots[i];
      if (slot === undefined) break;
      const count = registerCount(slot.spec.type);
      if (slot.spec.access !== 'rw') {
        throw new ModbusServerException(
          `register ${address + i} (${slot.name}) is read-only`,
          MODBUS_EXCEPTION.illegalDataAddress,
        );
      }
      if (slot.offset !== 0 || i + count > words.length) {
        throw new ModbusServerException(
          `write covers only part of ${slot.name}`,
          MODBUS_EXCEPTION.illegalDataAddress,
        );
      }
      const wordOrder = slot.spec.wordOrder ?? this.profile.wordOrder;
      const raw = decodeRaw(words.slice(i, i + count), slot.spec.type, wordOrder);
      if (raw === null)
        throw new ModbusServerException(
          `${slot.name}: "not implemented" value written`,
          MODBUS_EXCEPTION.illegalDataValue,
        );
      const sf = this.scaleFactor(slot.spec, values);
      if (sf === null)
        throw new ModbusServerException(
          `${slot.name}: its scale factor is unknown`,
          MODBUS_EXCEPTION.serverDeviceFailure,
        );
      decoded.set(slot.name, toEngineering(raw, slot.spec.scale, sf));
      i += count;
    }
    this.sink(decoded);
  }

  private slots(kind: RegisterKind, address: number, count: number): Slot[] {
    const table = this.tables[kind];
    const out: Slot[] = [];
    for (let a = address; a < address + count; a += 1) {
      const slot = table.get(a);
      if (slot === undefined) {
        throw new ModbusServerException(
          `${kind} register ${a} is not in the map of ${this.profile.name}`,
          MODBUS_EXCEPTION.illegalDataAddress,
        );
      }
      out.push(slot);
    }
    return out;
  }

  private scaleFactor(
    spec: PointSpec,
    values: Readonly<Record<string, number | null | undefined>>,
  ): number | null {
    if (spec.scaleFactorPoint === undefined) return 0;
    const sf = values[spec.scaleFactorPoint];
    return typeof sf === 'number' && Number.isInteger(sf) ? sf : null;
  }
}
