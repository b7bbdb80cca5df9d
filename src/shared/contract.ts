import { z } from 'zod';
import { emsCommandSchema, type CommandResult, type EmsCommand } from './commands';
import type { EventView, FaultLogView } from './fault-view';
import {
  HISTORY_WINDOWS,
  type HistorySample,
  type HistorySeries,
  type HistoryWindow,
} from './history';
import type { EmsSnapshot } from './snapshot';
import type { CanFramesView, CanRecordingView, CanRecordStartView } from './can-monitor-view';
import {
  MODBUS_DEVICE_IDS,
  SESSION_EXPORT_KINDS,
  type ConnectionTestView,
  type ModbusDeviceId,
  type ModbusDeviceView,
  type RecordingStatusView,
  type RegisterReadView,
  type RegisterWriteEntry,
  type SessionCsv,
  type SessionExportKind,
  type SessionView,
  type TokenInfoView,
} from './commissioning-views';
import type {
  SunSpecDiscoveryView,
  SunSpecProfileDownload,
  SunSpecProgressView,
} from './sunspec-views';

/**
 * The one contract between the EMS and every client: the renderer over Electron IPC, the
 * renderer in a browser over the WebSocket bridge, and (later) REST. Requests are validated
 * with these schemas at the boundary in main; replies and pushes are typed here.
 */

/** Every request a client can make, with the schema of its parameters. */
export const requestSchemas = {
  getSnapshot: z.strictObject({}),
  command: z.strictObject({ command: emsCommandSchema }),
  getHistory: z.strictObject({ window: z.enum(HISTORY_WINDOWS) }),
  getFaultLog: z.strictObject({}),
  ...commissioningRequestSchemas(),
} as const;

/**
 * The requests of the commissioning and recording tools. Methods that change
 * a device or the token need the host's token (see WRITE_METHODS).
 */
function commissioningRequestSchemas() {
  const device = z.enum(MODBUS_DEVICE_IDS);
  const register = z.number().int().min(0).max(65535);
  return {
    listSessions: z.strictObject({}),
    sessionExport: z.strictObject({
      sessionId: z.number().int().positive(),
      what: z.enum(SESSION_EXPORT_KINDS),
    }),
    recordingStatus: z.strictObject({}),
    modbusDevices: z.strictObject({}),
    registerRead: z.strictObject({
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
    registerWrite: z.strictObject({
      device,
      address: register,
      values: z.array(register).min(1).max(123),
      confirmed: z.literal(true),
    }),
    registerWriteLog: z.strictObject({}),
    connectionTest: z.strictObject({
      device,
      reads: z.number().int().min(1).max(100).optional(),
    }),
    discoverSunSpec: z.strictObject({
      device,
      bases: z.array(register).min(1).max(8).optional(),
    }),
    profileFromDiscovery: z.strictObject({ device, kind: z.enum(['meter', 'inverter']) }),
    tokenInfo: z.strictObject({}),
    rotateToken: z.strictObject({}),
    canRecordStart: z.strictObject({}),
    canRecordStop: z.strictObject({}),
  } as const;
}

/** Requests that change something outside the EMS core: they need the host's token. */
export const WRITE_METHODS = ['command', 'registerWrite', 'rotateToken'] as const;

/** A request name. */
export type RequestMethod = keyof typeof requestSchemas;
/** The parameters of a request. */
export type RequestParams<M extends RequestMethod> = z.infer<(typeof requestSchemas)[M]>;

/** What each request resolves to. */
export interface ResponseTypes {
  getSnapshot: EmsSnapshot;
  command: CommandResult;
  getHistory: HistorySeries;
  getFaultLog: readonly FaultLogView[];
  listSessions: readonly SessionView[];
  sessionExport: SessionCsv;
  recordingStatus: RecordingStatusView;
  modbusDevices: readonly ModbusDeviceView[];
  registerRead: RegisterReadView;
  /** The log entry of the write (result "written"); a refusal is an error reply with the reason. */
  registerWrite: RegisterWriteEntry;
  /** Every write attempt since the host started, oldest first. */
  registerWriteLog: readonly RegisterWriteEntry[];
  connectionTest: ConnectionTestView;
  discoverSunSpec: SunSpecDiscoveryView;
  profileFromDiscovery: SunSpecProfileDownload;
  tokenInfo: TokenInfoView;
  rotateToken: TokenRotation;
  canRecordStart: CanRecordStartView;
  canRecordStop: CanRecordingView;
}

/** Messages main pushes without being asked. */
export interface PushTypes {
  /** At most 10 per second. */
  snapshot: EmsSnapshot;
  event: EventView;
  /** One per second: the newest trend sample. */
  history: HistorySample;
  /** The fault log changed (an entry was added). */
  faultLog: readonly FaultLogView[];
  /** CAN monitor: per-id activity on the BMS bus, at most 10 per second, only when frames came. */
  canFrames: CanFramesView;
  /** Each step of a running SunSpec discovery. */
  discoveryProgress: SunSpecProgressView;
}
/** A push topic. */
export type PushTopic = keyof PushTypes;
export const PUSH_TOPICS = [
  'snapshot',
  'event',
  'history',
  'faultLog',
  'canFrames',
  'discoveryProgress',
] as const satisfies readonly PushTopic[];

/** The most snapshots per second any client is sent. */
export const MAX_SNAPSHOTS_PER_SECOND = 10;

/**
 * The API the renderer sees, whichever transport carries it. The preload object and the
 * WebSocket client both `satisfies` this type, so the renderer's view cannot drift.
 */
export interface EmsApi {
  getSnapshot(): Promise<EmsSnapshot>;
  command(command: EmsCommand): Promise<CommandResult>;
  getHistory(window: HistoryWindow): Promise<HistorySeries>;
  getFaultLog(): Promise<readonly FaultLogView[]>;
  listSessions(): Promise<readonly SessionView[]>;
  sessionExport(sessionId: number, what: SessionExportKind): Promise<SessionCsv>;
  recordingStatus(): Promise<RecordingStatusView>;
  modbusDevices(): Promise<readonly ModbusDeviceView[]>;
  registerRead(params: RequestParams<'registerRead'>): Promise<RegisterReadView>;
  registerWrite(params: RequestParams<'registerWrite'>): Promise<RegisterWriteEntry>;
  registerWriteLog(): Promise<readonly RegisterWriteEntry[]>;
  connectionTest(device: ModbusDeviceId, reads?: number): Promise<ConnectionTestView>;
  discoverSunSpec(device: ModbusDeviceId, bases?: readonly number[]): Promise<SunSpecDiscoveryView>;
  profileFromDiscovery(
    device: ModbusDeviceId,
    kind: 'meter' | 'inverter',
  ): Promise<SunSpecProfileDownload>;
  tokenInfo(): Promise<TokenInfoView>;
  rotateToken(): Promise<TokenRotation>;
  canRecordStart(): Promise<CanRecordStartView>;
  canRecordStop(): Promise<CanRecordingView>;
  /** Subscribes to a push topic; returns the unsubscribe function. */
  subscribe<T extends PushTopic>(topic: T, listener: (payload: PushTypes[T]) => void): () => void;
}

/** Electron IPC channel names: one invoke channel for requests, one for pushes. */
export const IPC_CHANNELS = {
  request: 'ems:request',
  push: 'ems:push',
} as const;

/** The envelope of a request on any transport. */
export const requestEnvelopeSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.enum(Object.keys(requestSchemas) as [RequestMethod, ...RequestMethod[]]),
  params: z.unknown(),
  /** Required for commands over the WebSocket bridge (the host's token). */
  token: z.string().max(256).optional(),
});
/** A request envelope. */
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

/** The reply to a request: a result, or an error that says what was wrong. */
export type ResponseEnvelope =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number | null; readonly ok: false; readonly error: string };

/** A push on any transport. */
export interface PushEnvelope<T extends PushTopic = PushTopic> {
  readonly topic: T;
  readonly payload: PushTypes[T];
}

/** REST path that replaces the host's write token (POST, with the current token as bearer). */
export const TOKEN_ROTATE_PATH = '/api/token/rotate';

/** Parameters of a token rotation: none (unknown fields are rejected). */
export const rotateTokenRequestSchema = z.strictObject({});

/**
 * The answer to a token rotation. The new token is in force at once for REST and the
 * WebSocket; the old one stops working, including the copy in an already served page.
 */
export interface TokenRotation {
  readonly token: string;
  /** The file that now holds it. */
  readonly tokenFile: string;
}
