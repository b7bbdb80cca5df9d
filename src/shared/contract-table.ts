import { z } from 'zod';
import { emsCommandSchema } from './commands';
import { MODBUS_DEVICE_IDS, SESSION_EXPORT_KINDS } from './commissioning-views';
import {
  canRecordingSchema,
  canRecordStartSchema,
  connectionTestSchema,
  modbusDeviceListSchema,
  recordingStatusSchema,
  registerReadSchema,
  registerWriteEntrySchema,
  registerWriteLogSchema,
  sessionCsvSchema,
  sessionListSchema,
  sunSpecDiscoverySchema,
  sunSpecProfileDownloadSchema,
  tokenInfoSchema,
  tokenRotationSchema,
} from './commissioning-result-schemas';
import {
  commandResultSchema,
  faultLogSchema,
  historySeriesSchema,
  snapshotSchema,
} from './core-result-schemas';
import { HISTORY_WINDOWS } from './history';

/**
 * The contract table: every request a client can make, once. Per method: the schema of its
 * params (validated in main before anything runs), the schema of its result (its view type,
 * see `describes`), and whether it writes (a write needs the host's token). Everything else
 * is derived from here: the request and result types, `EmsApi`, the envelope's method enum,
 * the service's handler map type, the REST reads' OpenAPI answers, and (held equal by a
 * test) the preload's zod-free method list.
 */

/** No parameters (unknown fields are rejected; a client may also leave params out). */
const none = z.strictObject({});
const device = z.enum(MODBUS_DEVICE_IDS);
const register = z.number().int().min(0).max(65535);

export const contractTable = {
  getSnapshot: { params: none, result: snapshotSchema, writes: false },
  command: {
    params: z.strictObject({ command: emsCommandSchema }),
    result: commandResultSchema,
    writes: true,
  },
  getHistory: {
    params: z.strictObject({ window: z.enum(HISTORY_WINDOWS) }),
    result: historySeriesSchema,
    writes: false,
  },
  getFaultLog: { params: none, result: faultLogSchema, writes: false },

  // The commissioning tools.
  listSessions: { params: none, result: sessionListSchema, writes: false },
  sessionExport: {
    params: z.strictObject({
      sessionId: z.number().int().positive(),
      what: z.enum(SESSION_EXPORT_KINDS),
    }),
    result: sessionCsvSchema,
    writes: false,
  },
  recordingStatus: { params: none, result: recordingStatusSchema, writes: false },
  modbusDevices: { params: none, result: modbusDeviceListSchema, writes: false },
  registerRead: {
    params: z.strictObject({
      device,
      kind: z.enum(['holding', 'input']),
      address: register,
      count: z.number().int().min(1).max(125),
      scale: z
        .number()
        .finite()
        .refine((v) => v !== 0, 'scale must not be 0')
        .optional(),
    }),
    result: registerReadSchema,
    writes: false,
  },
  /** Result: the log entry of the write ("written"); a refusal is an error reply with the reason. */
  registerWrite: {
    params: z.strictObject({
      device,
      address: register,
      values: z.array(register).min(1).max(123),
      confirmed: z.literal(true),
    }),
    result: registerWriteEntrySchema,
    writes: true,
  },
  /** Every write attempt since the host started, oldest first. */
  registerWriteLog: { params: none, result: registerWriteLogSchema, writes: false },
  connectionTest: {
    params: z.strictObject({ device, reads: z.number().int().min(1).max(100).optional() }),
    result: connectionTestSchema,
    writes: false,
  },
  discoverSunSpec: {
    params: z.strictObject({ device, bases: z.array(register).min(1).max(8).optional() }),
    result: sunSpecDiscoverySchema,
    writes: false,
  },
  profileFromDiscovery: {
    params: z.strictObject({ device, kind: z.enum(['meter', 'inverter']) }),
    result: sunSpecProfileDownloadSchema,
    writes: false,
  },
  tokenInfo: { params: none, result: tokenInfoSchema, writes: false },
  rotateToken: { params: none, result: tokenRotationSchema, writes: true },
  canRecordStart: { params: none, result: canRecordStartSchema, writes: false },
  canRecordStop: { params: none, result: canRecordingSchema, writes: false },
} as const;
