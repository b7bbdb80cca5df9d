import type { ModbusDeviceId } from './commissioning-views';

/** SunSpec discovery as the UI sees it (see docs/sunspec-discovery.md). */

/** One decoded point of a known model. */
export interface SunSpecPointView {
  readonly name: string;
  readonly offset: number;
  readonly type: string;
  readonly units: string;
  readonly access: 'r' | 'rw';
  readonly registers: readonly number[];
  /** Unscaled value; null = not implemented or malformed. */
  readonly raw: number | string | null;
  readonly sf?: number | null;
  /** raw x 10^sf; null when raw or its scale factor is not valid. */
  readonly value: number | string | null;
}

/** One model of the chain. */
export interface SunSpecModelView {
  readonly index: number;
  readonly id: number;
  /** Address of its ID register. */
  readonly address: number;
  readonly length: number;
  /** SunSpec's name when the project knows the model, else null (listed raw). */
  readonly name: string | null;
  readonly registers: readonly number[];
  readonly decoded: {
    readonly points: readonly SunSpecPointView[];
    readonly beyondLength: readonly string[];
    readonly undecoded: { readonly offset: number; readonly registers: readonly number[] } | null;
  } | null;
  readonly notes: readonly string[];
}

/** What a device turned out to be. */
export interface SunSpecDiscoveryView {
  readonly device: ModbusDeviceId;
  /** Address where 'SunS' was found. */
  readonly base: number;
  readonly models: readonly SunSpecModelView[];
  readonly requests: number;
  readonly registersRead: number;
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
