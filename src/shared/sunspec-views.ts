import type { ModbusDeviceId } from './commissioning-views';

/** SunSpec discovery as the UI sees it (see docs/sunspec-discovery.md). */

/** One decoded point of a known model. */
export interface SunSpecPointView {
  readonly name: string;
  readonly offset: number;
  /** SunSpec's point type ("int16", "sunssf", "string", ...). */
  readonly type: string;
  readonly units: string;
  readonly access: 'r' | 'rw';
  /** Registers as read. */
  readonly registers: readonly number[];
  /** Unscaled value (text for a string); null = not implemented or malformed. */
  readonly raw: number | string | null;
  /** The scale factor applied (null when the point needs one that is not valid). */
  readonly sf?: number | null;
  /** Engineering value: raw x 10^sf; null when raw or its scale factor is not valid. */
  readonly value: number | string | null;
  /**
   * Enumerations and bitfields with a SunSpec symbol table: the value's name ("HOLDING",
   * "unknown value 9"), or the name of every set bit (empty when none is set). Absent for
   * other points and for "not implemented".
   */
  readonly symbols?: readonly string[];
}

/** A model decoded with the project's table of it. */
export interface SunSpecDecodedModelView {
  readonly points: readonly SunSpecPointView[];
  /** Points of the table that lie beyond the device's (shorter) model length. */
  readonly beyondLength: readonly string[];
  /** Registers after the fixed block (groups, repeating blocks) left undecoded, from `offset`. */
  readonly undecoded: { readonly offset: number; readonly registers: readonly number[] } | null;
}

/** One model of the chain. */
export interface SunSpecModelView {
  /** Position in the chain, 0 = first after 'SunS'. */
  readonly index: number;
  readonly id: number;
  /** Address of its ID register. */
  readonly address: number;
  /** Its L: registers after the header. */
  readonly length: number;
  /** SunSpec's name when the project knows the model, else null (listed raw). */
  readonly name: string | null;
  /** The body as read (empty when it was not read: see notes). */
  readonly registers: readonly number[];
  /** Decoded points, for a known model whose body was read; null otherwise. */
  readonly decoded: SunSpecDecodedModelView | null;
  /** What went wrong or was left out (read failed, too long, shorter than the table, groups). */
  readonly notes: readonly string[];
}

/** What a device turned out to be: its SunSpec model chain. */
export interface SunSpecChainView {
  /** Address where 'SunS' was found. */
  readonly base: number;
  readonly models: readonly SunSpecModelView[];
  /** Read requests for model bodies. */
  readonly requests: number;
  readonly registersRead: number;
}

/** A discovery's answer: which device, and what it turned out to be. */
export interface SunSpecDiscoveryView extends SunSpecChainView {
  readonly device: ModbusDeviceId;
  /** The unit id scanned. */
  readonly unitId: number;
}

/** One step of a running discovery (push topic `discoveryProgress`). */
export type SunSpecProgressStep =
  | {
      readonly kind: 'base';
      readonly base: number;
      readonly found: boolean;
      readonly detail: string;
    }
  | {
      readonly kind: 'model';
      readonly index: number;
      readonly id: number;
      readonly address: number;
      readonly length: number;
      readonly known: boolean;
    }
  | {
      readonly kind: 'read';
      readonly address: number;
      readonly count: number;
      readonly registersRead: number;
      readonly registersTotal: number;
    }
  | { readonly kind: 'done'; readonly models: number; readonly registersRead: number }
  /** The discovery failed; `detail` says why. */
  | { readonly kind: 'failed'; readonly detail: string };

/** A progress push: which device, and the step. */
export interface SunSpecProgressView {
  readonly device: ModbusDeviceId;
  readonly step: SunSpecProgressStep;
}

/** A device profile generated from the last discovery, for the UI to download. */
export interface SunSpecProfileDownload {
  readonly filename: string;
  /** The profile as pretty-printed JSON (valid per the profile schema). */
  readonly profile: string;
}
