/**
 * A device scan as clients see it (docs/commissioning.md, "Find the devices"): what each
 * answering Modbus unit turned out to be, the library profiles it suggests, and the local
 * serial ports and CAN interfaces.
 */

/** The question asked beside `sunspec-hybrid-124` when a device could be either. */
export const HYBRID_QUESTION = "Is there PV on this inverter's DC side?";

/** Model 1 of a SunSpec device, with the model ids of its chain in device order. */
export interface ScanSunSpecView {
  /** Where 'SunS' was found. */
  readonly base: number;
  readonly models: readonly number[];
  /** Model 1's Mn, Md, SN and Vr; null when the device leaves them empty or unreadable. */
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly serial: string | null;
  readonly version: string | null;
}

/** A probe register block of a non-SunSpec device. */
export interface ScanProbeView {
  readonly kind: 'holding' | 'input';
  readonly address: number;
  readonly count: number;
}

/** A suggested built-in profile (its name is usable as is in a site file). */
export interface ScanProfileSuggestion {
  readonly profile: string;
  /** Other profiles that fit as well, each with the question that decides between them. */
  readonly alternatives?: readonly { readonly profile: string; readonly question: string }[];
}

/** What a unit suggests, per device role. */
export interface ScanSuggestionView {
  readonly meter?: ScanProfileSuggestion;
  readonly inverter?: ScanProfileSuggestion;
}

/** One answering unit. */
export interface ScanDeviceView {
  readonly host: string;
  readonly port: number;
  readonly unitId: number;
  /** Its SunSpec identity; null when it has no 'SunS' marker. */
  readonly sunspec: ScanSunSpecView | null;
  /** Without SunSpec: the probe blocks that answered with data (empty for a SunSpec device). */
  readonly probes: readonly ScanProbeView[];
  readonly suggested: ScanSuggestionView;
  /**
   * Set when this unit answered exactly like a lower unit id of the same host:port (its
   * SunSpec identity and models, or its probe registers): most likely one device that
   * ignores the unit id, as many Modbus TCP devices do.
   */
  readonly sameAs?: number;
}

/** A scan's state. */
export interface ScanView {
  readonly scanId: string;
  readonly targets: string;
  readonly ports: readonly number[];
  readonly unitIds: readonly number[];
  readonly done: boolean;
  /** Why it ended early (cancelled, the EMS was started); null when it ran to the end or runs. */
  readonly stopped: string | null;
  /** Units probed so far (a host:port that refuses the connection counts all its units). */
  readonly probed: number;
  readonly total: number;
  readonly found: readonly ScanDeviceView[];
}

/** The answer to a scan request. */
export interface ScanStartView {
  readonly scanId: string;
  readonly total: number;
}

/** A progress push (topic `scanProgress`): the counts, and the unit found since the last. */
export interface ScanProgressView {
  readonly scanId: string;
  readonly probed: number;
  readonly total: number;
  readonly done: boolean;
  readonly stopped: string | null;
  readonly found: ScanDeviceView | null;
}

/** A serial port (for Modbus RTU and slcan). */
export interface SerialPortView {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly serialNumber: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
}

/** A SocketCAN interface. */
export interface CanInterfaceView {
  readonly name: string;
  /** Its operstate ("up", "down", "unknown"). */
  readonly state: string;
}

/** The local ports a site may use; a list that could not be read says why. */
export interface LocalPortsView {
  readonly serial: {
    readonly ports: readonly SerialPortView[];
    readonly unavailable: string | null;
  };
  readonly can: {
    readonly interfaces: readonly CanInterfaceView[];
    readonly unavailable: string | null;
  };
}
