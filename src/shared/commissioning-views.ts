/**
 * What the commissioning tools answer over the contract: recorded sessions, the Modbus
 * register console, SunSpec discovery, the API token and the CAN monitor. Plain data only
 * (JSON over WebSocket, structured clone over IPC); main builds these from its own types.
 */

/** A recorded session (one run of a host). Times are ms since the epoch. */
export interface SessionView {
  readonly id: number;
  readonly startedAt: number;
  /** Null while the session is running. */
  readonly endedAt: number | null;
  readonly siteName: string;
  /** The process died without closing the store. */
  readonly endedUnexpectedly: boolean;
}

/** The tables a session exports as CSV. */
export const SESSION_EXPORT_KINDS = ['snapshots', 'events', 'faults'] as const;
/** A table a session exports as CSV. */
export type SessionExportKind = (typeof SESSION_EXPORT_KINDS)[number];

/** Largest CSV export served, bytes; a bigger one is refused with the reason. */
export const MAX_SESSION_EXPORT_BYTES = 20 * 1024 * 1024;

/** A text file for the UI to download. */
export interface FileDownload {
  readonly filename: string;
}

/** A session table as CSV. */
export interface SessionCsv extends FileDownload {
  readonly csv: string;
}

/** Whether sessions are being recorded. */
export interface RecordingStatusView {
  readonly available: boolean;
  /** Why recording is unavailable; null when it is available. */
  readonly reason: string | null;
  /** The database file. */
  readonly path: string;
}

/** The Modbus devices of a site the console can talk to. */
export const MODBUS_DEVICE_IDS = ['meter', 'inverter'] as const;
/** A Modbus device of the site. */
export type ModbusDeviceId = (typeof MODBUS_DEVICE_IDS)[number];

/** A Modbus device as the console lists it. */
export interface ModbusDeviceView {
  readonly id: ModbusDeviceId;
  /** "inverter 127.0.0.1:5020 unit 1". */
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly unitId: number;
}

/** A value read as a 32-bit type in both word orders (big = high word first); each null when unreadable. */
export interface WordOrderPairView {
  readonly big: number | null;
  readonly little: number | null;
}

/** One register of a block read, every way at once (each numeric view times the scale). */
export interface RegisterRowView {
  readonly address: number;
  /** The register as read, 0..65535; null when the device sent something that is not a 16-bit word. */
  readonly word: number | null;
  /** "0x1234"; "?" when the input was not a 16-bit word. */
  readonly hex: string;
  /** The two bytes as characters ('.' for non-printable). */
  readonly ascii: string;
  readonly int16: number | null;
  readonly uint16: number | null;
  /** With the next register; null at the last row or when either is malformed. */
  readonly int32: WordOrderPairView;
  readonly uint32: WordOrderPairView;
  /** NaN and infinities read as null. */
  readonly float32: WordOrderPairView;
  /** The register holds a SunSpec "not implemented" value (0x8000 or 0xFFFF). */
  readonly sentinel: boolean;
  /** Why the input at this position is not a register, when it is not. */
  readonly error?: string;
}

/** A point of the device's profile in the active site, where it lies in the registers. */
export interface RegisterPointView {
  /** The profile's point name ("setpointW"). */
  readonly name: string;
  readonly kind: 'holding' | 'input';
  /** Its first register (SunSpec points: as resolved on the device). */
  readonly address: number;
  /** Registers it occupies (1 or 2). */
  readonly count: number;
  /** The profile's register type ("int32"). */
  readonly type: string;
  readonly unit: string;
}

/** A block read by the register console. */
export interface RegisterReadView {
  readonly device: ModbusDeviceId;
  readonly kind: 'holding' | 'input';
  readonly address: number;
  readonly registers: readonly number[];
  readonly rows: readonly RegisterRowView[];
  /** The profile points that lie in the block, in address order (empty when none do). */
  readonly points: readonly RegisterPointView[];
}

/** One register write attempt (refused and failed ones too). */
export interface RegisterWriteEntry {
  /** ISO time of the attempt. */
  readonly at: string;
  readonly device: string;
  readonly address: number;
  readonly values: readonly number[];
  readonly result: 'written' | 'refused' | 'failed';
  /** The typed value the words stand for ("int32 -2000 (scale 1, high word first)"), when one was typed. */
  readonly typed?: string;
  /** Why it was refused or failed. */
  readonly reason?: string;
}

/** The outcome of a connection test (sequential single-register reads, timed). */
export interface ConnectionTestView {
  readonly device: ModbusDeviceId;
  readonly reads: number;
  /** Reads answered normally. */
  readonly ok: number;
  /** Round-trip times of every answered read (normal or exception), ms. */
  readonly samplesMs: readonly number[];
  readonly roundTripMs: {
    readonly min: number;
    readonly median: number;
    readonly max: number;
  } | null;
  readonly exceptions: readonly {
    readonly code: number;
    readonly text: string;
    readonly count: number;
  }[];
  /** Reads with no reply (timeouts, link failures), with their reasons. */
  readonly failures: readonly string[];
}

/** The API token as the UI shows it (never the whole token). */
/** What a client may do, as the host sees it (see docs/security.md). */
export interface AccessView {
  /** True with the host's token, a paired browser session, or the desktop app's own window. */
  readonly authorised: boolean;
}

/** A pairing code for a browser, as the desktop app shows it. */
export interface PairingCodeView {
  /** Ten characters of Crockford base32, shown as "ABCDE-FGHJK". */
  readonly code: string;
  readonly expiresInS: number;
}

export interface TokenInfoView {
  /** "abcd…wxyz"; empty when this host has no token (its API is off). */
  readonly masked: string;
  /** The file that holds it; null when it comes from EMS_API_TOKEN or there is none. */
  readonly path: string | null;
  readonly canRotate: boolean;
}

/**
 * The answer to a token rotation. The new token is in force at once for REST and the
 * WebSocket; the old one stops working, including the copy in an already served page.
 */
export interface TokenRotation {
  readonly token: string;
  /** The file that now holds it. */
  readonly tokenFile: string;
}

// Issue 10 (security): what a browser shows before it pairs.
/** The host's server identity, shown so a technician can check it before pairing. */
export interface ServerIdentityView {
  /**
   * SHA-256 fingerprint of the TLS certificate the host serves (`AA:BB:...`), to compare
   * with the one the browser shows; null when it serves plain HTTP (loopback) or no API.
   */
  readonly tlsFingerprint256: string | null;
}
