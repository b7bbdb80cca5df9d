import type { BmsReading, Sample } from '../../core/measurements';
import type { BmsCanProfile } from './bms-can-profile';
import type { FieldValue } from './can-field-codec';
import type { CanFrame } from './can-transport';
import { decodeBmsFrame } from './bms-frame-decoder';
import type { BmsDecodeResult, DecodedBmsFrame } from './bms-frame-decoder';
import { DEFAULT_BMS_CAN_PROFILE } from './pylontech-protocol';

/**
 * Builds one BmsReading out of the separate frames a BMS sends. No timers and no clock:
 * the caller passes each frame with its receive time, so tests replay any timing exactly.
 */

/** Counters for the link status view and for diagnosing a noisy bus. */
export interface BmsAssemblerStats {
  readonly framesReceived: number;
  readonly framesDecoded: number;
  readonly framesMalformed: number;
  /** Why the last malformed frame was rejected; null if none was. */
  readonly lastMalformedReason: string | null;
  readonly framesUnknown: number;
  /** Ids seen that the profile does not know, ascending (capped at {@link MAX_TRACKED_UNKNOWN_IDS}). */
  readonly unknownIds: readonly number[];
  /** Receive time of the last frame that decoded; null before the first. */
  readonly lastValidFrameAt: number | null;
}

/** Assembles BMS frames into readings. */
export interface BmsAssembler {
  /** Feeds one received frame; returns what the decoder made of it. Never throws. */
  accept(frame: CanFrame, at: number): BmsDecodeResult;
  /**
   * The reading built from the latest frames, or null until every essential frame has been
   * seen. Its `at` is the receive time of the OLDEST essential frame: if the BMS stops sending
   * one frame (say voltage/current), the reading ages and the core sees it going stale.
   */
  reading(): Sample<BmsReading> | null;
  /** The latest decoded frame with this id (e.g. 0x35E for the manufacturer name). */
  latestFrame(id: number): DecodedBmsFrame | undefined;
  stats(): BmsAssemblerStats;
}

/** Bound on the unknown-id set, so a bus full of other traffic cannot grow memory without end. */
export const MAX_TRACKED_UNKNOWN_IDS = 64;

interface Received {
  readonly frame: DecodedBmsFrame;
  readonly at: number;
}

function numberField(fields: Readonly<Record<string, FieldValue>>, name: string): number | null {
  const value = fields[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function booleanField(fields: Readonly<Record<string, FieldValue>>, name: string): boolean | null {
  const value = fields[name];
  return typeof value === 'boolean' ? value : null;
}

/**
 * The SOC to trust: the 0.01 % value when it agrees with the whole-percent one, else the
 * whole-percent one. Some SMA-style batteries send 0 in the high-resolution field they do
 * not implement, and a made-up 0 % would block discharging for no reason.
 */
function chooseSoc(socPct: number | null, hiRes: number | null): number | null {
  if (hiRes === null) return socPct;
  if (socPct === null) return hiRes;
  return Math.abs(hiRes - socPct) <= 1 ? hiRes : socPct;
}

/** Maps canonical field names to a reading; null when a field the core needs is missing. */
function toReading(frames: readonly DecodedBmsFrame[]): BmsReading | null {
  const fields: Record<string, FieldValue> = {};
  for (const frame of frames) Object.assign(fields, frame.fields);
  const socPct = chooseSoc(numberField(fields, 'socPct'), numberField(fields, 'socHiResPct'));
  const voltageV = numberField(fields, 'voltageV');
  const currentA = numberField(fields, 'currentA');
  const temperatureC = numberField(fields, 'temperatureC');
  const ccl = numberField(fields, 'chargeCurrentLimitA');
  const dcl = numberField(fields, 'dischargeCurrentLimitA');
  if (
    socPct === null ||
    voltageV === null ||
    currentA === null ||
    temperatureC === null ||
    ccl === null ||
    dcl === null
  ) {
    return null;
  }
  // Limits are magnitudes; a negative one from a confused BMS means "none allowed", never more.
  const chargeCurrentLimitA = Math.max(0, ccl);
  const dischargeCurrentLimitA = Math.max(0, dcl);
  return {
    socPct,
    sohPct: numberField(fields, 'sohPct'),
    voltageV,
    currentA,
    temperatureC,
    chargeVoltageLimitV: numberField(fields, 'chargeVoltageLimitV'),
    chargeCurrentLimitA,
    dischargeCurrentLimitA,
    // Profiles without enable flags (Pylontech v1.3 has no 0x35C) permit by the limits.
    chargeEnabled: booleanField(fields, 'chargeEnabled') ?? chargeCurrentLimitA > 0,
    dischargeEnabled: booleanField(fields, 'dischargeEnabled') ?? dischargeCurrentLimitA > 0,
    alarms: [...new Set(frames.flatMap((f) => f.alarms))],
    warnings: [...new Set(frames.flatMap((f) => f.warnings))],
  };
}

/** Creates an assembler for one BMS speaking the given profile (default Pylontech v1.2). */
export function createBmsAssembler(profile: BmsCanProfile = DEFAULT_BMS_CAN_PROFILE): BmsAssembler {
  const latest = new Map<number, Received>();
  const unknownIds = new Set<number>();
  let framesReceived = 0;
  let framesDecoded = 0;
  let framesMalformed = 0;
  let framesUnknown = 0;
  let lastMalformedReason: string | null = null;
  let lastValidFrameAt: number | null = null;

  return {
    accept(frame: CanFrame, at: number): BmsDecodeResult {
      framesReceived++;
      const result = decodeBmsFrame(frame, profile);
      if (result.ok) {
        framesDecoded++;
        latest.set(result.id, { frame: result, at });
        lastValidFrameAt = at;
      } else if (result.kind === 'unknown') {
        framesUnknown++;
        if (unknownIds.size < MAX_TRACKED_UNKNOWN_IDS) unknownIds.add(result.id);
      } else {
        framesMalformed++;
        lastMalformedReason = result.reason;
      }
      return result;
    },

    reading(): Sample<BmsReading> | null {
      let oldest = Infinity;
      for (const id of profile.essentialIds) {
        const received = latest.get(id);
        if (received === undefined) return null;
        oldest = Math.min(oldest, received.at);
      }
      // Table order, so a later frame's field wins consistently if two frames carry one name.
      const frames = profile.frames.flatMap((spec) => latest.get(spec.id)?.frame ?? []);
      const value = toReading(frames);
      return value === null ? null : { value, at: oldest };
    },

    latestFrame(id: number): DecodedBmsFrame | undefined {
      return latest.get(id)?.frame;
    },

    stats(): BmsAssemblerStats {
      return {
        framesReceived,
        framesDecoded,
        framesMalformed,
        lastMalformedReason,
        framesUnknown,
        unknownIds: [...unknownIds].sort((a, b) => a - b),
        lastValidFrameAt,
      };
    },
  };
}
