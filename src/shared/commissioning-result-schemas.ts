import { z } from 'zod';
import type { CanRecordingView, CanRecordStartView } from './can-monitor-view';
import {
  type AccessView,
  type PairingCodeView,
  MODBUS_DEVICE_IDS,
  type ConnectionTestView,
  type ModbusDeviceView,
  type RecordingStatusView,
  type RegisterReadView,
  type RegisterWriteEntry,
  type SessionCsv,
  type SessionView,
  type TokenInfoView,
  type ServerIdentityView,
  type TokenRotation,
} from './commissioning-views';
import { describes } from './describes';
import type { SunSpecDiscoveryView, SunSpecProfileDownload } from './sunspec-views';

/**
 * Zod schemas of what the commissioning requests answer, each tied to its view type by
 * `describes` (see commissioning-views.ts and sunspec-views.ts for what the fields mean).
 * The contract table uses them as result schemas.
 */

const deviceId = z.enum(MODBUS_DEVICE_IDS);
const nullableNumber = z.number().nullable();
const words = z.array(z.number());

export const sessionListSchema = describes<readonly SessionView[]>()(
  z.array(
    z.strictObject({
      id: z.number(),
      startedAt: z.number(),
      endedAt: nullableNumber,
      siteName: z.string(),
      endedUnexpectedly: z.boolean(),
    }),
  ),
);

export const sessionCsvSchema = describes<SessionCsv>()(
  z.strictObject({ filename: z.string(), csv: z.string() }),
);

export const recordingStatusSchema = describes<RecordingStatusView>()(
  z.strictObject({ available: z.boolean(), reason: z.string().nullable(), path: z.string() }),
);

export const modbusDeviceListSchema = describes<readonly ModbusDeviceView[]>()(
  z.array(
    z.strictObject({
      id: deviceId,
      label: z.string(),
      host: z.string(),
      port: z.number(),
      unitId: z.number(),
    }),
  ),
);

const wordOrderPair = z.strictObject({ big: nullableNumber, little: nullableNumber });

export const registerReadSchema = describes<RegisterReadView>()(
  z.strictObject({
    device: deviceId,
    kind: z.enum(['holding', 'input']),
    address: z.number(),
    registers: words,
    rows: z.array(
      z.strictObject({
        address: z.number(),
        word: nullableNumber,
        hex: z.string(),
        ascii: z.string(),
        int16: nullableNumber,
        uint16: nullableNumber,
        int32: wordOrderPair,
        uint32: wordOrderPair,
        float32: wordOrderPair,
        sentinel: z.boolean(),
        error: z.string().optional(),
      }),
    ),
    points: z.array(
      z.strictObject({
        name: z.string(),
        kind: z.enum(['holding', 'input']),
        address: z.number(),
        count: z.number(),
        type: z.string(),
        unit: z.string(),
      }),
    ),
  }),
);

export const registerWriteEntrySchema = describes<RegisterWriteEntry>()(
  z.strictObject({
    at: z.string(),
    device: z.string(),
    address: z.number(),
    values: words,
    result: z.enum(['written', 'refused', 'failed']),
    typed: z.string().optional(),
    reason: z.string().optional(),
  }),
);

export const registerWriteLogSchema = describes<readonly RegisterWriteEntry[]>()(
  z.array(registerWriteEntrySchema),
);

export const connectionTestSchema = describes<ConnectionTestView>()(
  z.strictObject({
    device: deviceId,
    reads: z.number(),
    ok: z.number(),
    samplesMs: z.array(z.number()),
    roundTripMs: z
      .strictObject({ min: z.number(), median: z.number(), max: z.number() })
      .nullable(),
    exceptions: z.array(z.strictObject({ code: z.number(), text: z.string(), count: z.number() })),
    failures: z.array(z.string()),
  }),
);

const pointValue = z.union([z.number(), z.string()]).nullable();

export const sunSpecDiscoverySchema = describes<SunSpecDiscoveryView>()(
  z.strictObject({
    device: deviceId,
    unitId: z.number(),
    base: z.number(),
    models: z.array(
      z.strictObject({
        index: z.number(),
        id: z.number(),
        address: z.number(),
        length: z.number(),
        name: z.string().nullable(),
        registers: words,
        decoded: z
          .strictObject({
            points: z.array(
              z.strictObject({
                name: z.string(),
                offset: z.number(),
                type: z.string(),
                units: z.string(),
                access: z.enum(['r', 'rw']),
                registers: words,
                raw: pointValue,
                sf: nullableNumber.optional(),
                value: pointValue,
                symbols: z.array(z.string()).optional(),
              }),
            ),
            beyondLength: z.array(z.string()),
            undecoded: z.strictObject({ offset: z.number(), registers: words }).nullable(),
          })
          .nullable(),
        notes: z.array(z.string()),
      }),
    ),
    requests: z.number(),
    registersRead: z.number(),
  }),
);

export const sunSpecProfileDownloadSchema = describes<SunSpecProfileDownload>()(
  z.strictObject({ filename: z.string(), profile: z.string() }),
);

export const accessSchema = describes<AccessView>()(z.strictObject({ authorised: z.boolean() }));

export const pairingCodeSchema = describes<PairingCodeView>()(
  z.strictObject({ code: z.string(), expiresInS: z.number() }),
);

export const tokenInfoSchema = describes<TokenInfoView>()(
  z.strictObject({ masked: z.string(), path: z.string().nullable(), canRotate: z.boolean() }),
);

/** The new token and the file that now holds it. */
export const tokenRotationSchema = describes<TokenRotation>()(
  z.strictObject({ token: z.string(), tokenFile: z.string() }),
);

export const canRecordStartSchema = describes<CanRecordStartView>()(
  z.strictObject({ startedAt: z.number() }),
);

export const canRecordingSchema = describes<CanRecordingView>()(
  z.strictObject({
    filename: z.string(),
    log: z.string(),
    frames: z.number(),
    dropped: z.number(),
  }),
);

// Issue 10 (security): the server identity an unpaired page may read.
export const serverIdentitySchema = describes<ServerIdentityView>()(
  z.strictObject({ tlsFingerprint256: z.string().nullable() }),
);
