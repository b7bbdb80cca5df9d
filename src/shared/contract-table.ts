import { z } from 'zod';
import { emsCommandSchema } from './commands';
import { MODBUS_DEVICE_IDS, SESSION_EXPORT_KINDS } from './commissioning-views';
import {
  accessSchema,
  pairingCodeSchema,
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
  serverIdentitySchema,
} from './commissioning-result-schemas';
import {
  commandResultSchema,
  faultLogSchema,
  historySeriesSchema,
  snapshotSchema,
} from './core-result-schemas';
import { HISTORY_WINDOWS } from './history';
import {
  siteActivationSchema,
  siteDetailSchema,
  siteExportSchema,
  siteIdResultSchema,
  siteListEntrySchema,
  siteParams,
} from './site-views';
import {
  localPortsSchema,
  scanIdSchema,
  scanParamsSchema,
  scanSchema,
  scanStartSchema,
} from './scan-schemas';
import {
  cancelCheckSchema,
  checkRunListSchema,
  checkStartedSchema,
  commissioningStatusSchema,
  meterSignFixParamsSchema,
  meterSignFixSchema,
  reportMetaSchema,
  reportMetaViewSchema,
  reportPdfSchema,
  reportSchema,
  runCheckParamsSchema,
} from './check-schemas';
import { libraryProfileSchema, tryDeviceParamsSchema, tryDeviceSchema } from './build-site-views';
import { TYPED_VALUE_TYPES, TYPED_WORD_ORDERS } from './typed-register-value';
import { RECENT_EVENTS_MAX, recentEventsSchema, sessionHistorySchema } from './trend-views';

/**
 * The contract table: every request a client can make, once. Per method: the schema of its
 * params (validated in main before anything runs), the schema of its result (its view type,
 * see `describes`), and who may call it (`access`, see docs/security.md):
 * - `open`: anyone who reaches the host (read-only dashboards: state, trends, faults);
 * - `private`: reads that make device traffic or touch files, or show secrets;
 * - `write`: changes something.
 * `private` and `write` need the host's token, a paired browser session or the desktop
 * app's own window. Everything else is derived from here: the request and result types,
 * `EmsApi`, the envelope's method enum, the service's handler map type, the REST reads'
 * OpenAPI answers and security, and (held equal by a test) the preload's zod-free list.
 */

/** No parameters (unknown fields are rejected; a client may also leave params out). */
const none = z.strictObject({});
const device = z.enum(MODBUS_DEVICE_IDS);
const register = z.number().int().min(0).max(65535);

export const contractTable = {
  getSnapshot: { params: none, result: snapshotSchema, access: 'open' },
  command: {
    params: z.strictObject({ command: emsCommandSchema }),
    result: commandResultSchema,
    access: 'write',
  },
  getHistory: {
    params: z.strictObject({ window: z.enum(HISTORY_WINDOWS) }),
    result: historySeriesSchema,
    access: 'open',
  },
  getFaultLog: { params: none, result: faultLogSchema, access: 'open' },
  /** Whether this client is authorised (the page shows its controls or asks for pairing). */
  getAccess: { params: none, result: accessSchema, access: 'open' },
  /** A new single-use pairing code for a browser (the previous one stops working). */
  pairingCode: { params: none, result: pairingCodeSchema, access: 'write' },

  // The commissioning tools.
  listSessions: { params: none, result: sessionListSchema, access: 'private' },
  sessionExport: {
    params: z.strictObject({
      sessionId: z.number().int().positive(),
      what: z.enum(SESSION_EXPORT_KINDS),
    }),
    result: sessionCsvSchema,
    access: 'private',
  },
  recordingStatus: { params: none, result: recordingStatusSchema, access: 'private' },
  modbusDevices: { params: none, result: modbusDeviceListSchema, access: 'private' },
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
    access: 'private',
  },
  /** Result: the log entry of the write ("written"); a refusal is an error reply with the reason. */
  registerWrite: {
    params: z.strictObject({
      device,
      address: register,
      values: z.array(register).min(1).max(123),
      confirmed: z.literal(true),
      /** What the words stand for, when typed: main computes them again and refuses a mismatch. */
      typed: z
        .strictObject({
          type: z.enum(TYPED_VALUE_TYPES),
          wordOrder: z.enum(TYPED_WORD_ORDERS),
          scale: z
            .number()
            .finite()
            .refine((v) => v !== 0, 'scale must not be 0'),
          values: z.array(z.number().finite()).min(1).max(123),
        })
        .optional(),
    }),
    result: registerWriteEntrySchema,
    access: 'write',
  },
  /** Every write attempt since the host started, oldest first. */
  registerWriteLog: { params: none, result: registerWriteLogSchema, access: 'private' },
  connectionTest: {
    params: z.strictObject({ device, reads: z.number().int().min(1).max(100).optional() }),
    result: connectionTestSchema,
    access: 'private',
  },
  discoverSunSpec: {
    params: z.strictObject({
      device,
      bases: z.array(register).min(1).max(8).optional(),
      /** Another unit id behind the device's address (Modbus TCP only); default its own. */
      unitId: z.number().int().min(0).max(255).optional(),
    }),
    result: sunSpecDiscoverySchema,
    access: 'private',
  },
  profileFromDiscovery: {
    params: z.strictObject({ device, kind: z.enum(['meter', 'inverter']) }),
    result: sunSpecProfileDownloadSchema,
    access: 'private',
  },
  tokenInfo: { params: none, result: tokenInfoSchema, access: 'private' },
  rotateToken: { params: none, result: tokenRotationSchema, access: 'write' },
  canRecordStart: { params: none, result: canRecordStartSchema, access: 'private' },
  canRecordStop: { params: none, result: canRecordingSchema, access: 'private' },

  // Issue 10 (security): an unpaired page shows the certificate's fingerprint to check.
  /** The TLS certificate's fingerprint (public: the browser sees the certificate anyway). */
  getServerIdentity: { params: none, result: serverIdentitySchema, access: 'open' },
  // Managed sites (docs/sites.md): stored site files touch the disk, so even reads are private.
  listSites: { params: none, result: z.array(siteListEntrySchema), access: 'private' },
  getSite: { params: siteParams.id, result: siteDetailSchema, access: 'private' },
  createSite: { params: siteParams.create, result: siteIdResultSchema, access: 'write' },
  /** Stored at once; on the active site it takes effect at the site's next activation. */
  updateSite: { params: siteParams.update, result: siteIdResultSchema, access: 'write' },
  duplicateSite: { params: siteParams.duplicate, result: siteIdResultSchema, access: 'write' },
  importSite: { params: siteParams.import, result: siteIdResultSchema, access: 'write' },
  exportSite: { params: siteParams.id, result: siteExportSchema, access: 'private' },
  /** The active site cannot be deleted. */
  deleteSite: { params: siteParams.id, result: siteIdResultSchema, access: 'write' },
  /**
   * Safe stop of the running site (0 W written and confirmed), then the new site in STOP.
   * Refused when 0 W is not confirmed, unless `oldInverterMayRun` acknowledges it.
   */
  activateSite: { params: siteParams.activate, result: siteActivationSchema, access: 'write' },
  // Find the devices (issue 12): a Modbus TCP scan (device traffic, only in STOP) and the local ports.
  /** Starts a scan; refused (code `conflict`) outside STOP or while another scan runs. */
  startScan: { params: scanParamsSchema, result: scanStartSchema, access: 'private' },
  getScan: {
    params: z.strictObject({ scanId: scanIdSchema }),
    result: scanSchema,
    access: 'private',
  },
  /** Cancels a running scan (a finished one is answered as it is). */
  cancelScan: {
    params: z.strictObject({ scanId: scanIdSchema }),
    result: scanSchema,
    access: 'private',
  },
  /** The serial ports and SocketCAN interfaces of this machine. */
  listLocalPorts: { params: none, result: localPortsSchema, access: 'private' },
  // Build the site (issue 12): the profile library and a connection test per device.
  /** The built-in profiles (Modbus and CAN BMS) with their sources and `verified` flag. */
  listProfiles: { params: none, result: z.array(libraryProfileSchema), access: 'private' },
  /**
   * Reads one device as typed in the site form through its profile (and model 1 for SunSpec),
   * on a link of its own; refused (code `conflict`) outside STOP.
   */
  tryDevice: { params: tryDeviceParamsSchema, result: tryDeviceSchema, access: 'private' },
  // Commissioning checks and report (issue 12).
  /** Starts a check (202 on REST); refused while one runs or outside STANDBY (409). */
  runCheck: { params: runCheckParamsSchema, result: checkStartedSchema, access: 'write' },
  /** Every run kept, oldest first; a running one with its live chart and progress. */
  listChecks: { params: none, result: checkRunListSchema, access: 'private' },
  /** Cancels the running check: it ends at 0 W. */
  cancelCheck: { params: none, result: cancelCheckSchema, access: 'write' },
  commissioningStatus: { params: none, result: commissioningStatusSchema, access: 'private' },
  /** Applies a meterSign run's proposed meter.powerSign to the site, after confirmation. */
  applyMeterSignFix: {
    params: meterSignFixParamsSchema,
    result: meterSignFixSchema,
    access: 'write',
  },
  setReportMeta: { params: reportMetaSchema, result: reportMetaViewSchema, access: 'write' },
  getReportMeta: { params: none, result: reportMetaViewSchema, access: 'private' },
  /** Makes the report (one HTML page) and stores it with the session. */
  getReport: { params: none, result: reportSchema, access: 'private' },
  /** Desktop app only: the report printed to PDF (Electron printToPDF) and saved where chosen. */
  saveReportPdf: { params: none, result: reportPdfSchema, access: 'write' },
  // Trends and events from the session store (issue 13, items 5 and 9).
  /** The newest events of every recorded run, oldest first (Live's "Latest events"). */
  getRecentEvents: {
    params: z.strictObject({ limit: z.number().int().min(1).max(RECENT_EVENTS_MAX).optional() }),
    result: recentEventsSchema,
    access: 'open',
  },
  /** A recorded session's trend, bucketed to at most SESSION_HISTORY_MAX_BUCKETS. */
  sessionHistory: {
    params: z
      .strictObject({
        sessionId: z.number().int().positive(),
        fromT: z.number().int().nonnegative().optional(),
        toT: z.number().int().nonnegative().optional(),
      })
      .refine((p) => p.fromT === undefined || p.toT === undefined || p.fromT < p.toT, {
        message: 'fromT must be before toT',
      }),
    result: sessionHistorySchema,
    access: 'private',
  },
} as const;
