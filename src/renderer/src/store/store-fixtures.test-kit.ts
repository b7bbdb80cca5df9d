import { ZERO_ENERGY } from '../../../shared/energy';
import type { CommandResult, EmsCommand } from '../../../shared/commands';
import type {
  EmsApi,
  PushTopic,
  PushTypes,
  RequestMethod,
  RequestParams,
  RequestResult,
} from '../../../shared/contract';
import { namedMethods } from '../../../shared/named-methods';
import type { FaultLogView } from '../../../shared/fault-view';
import type { HistorySeries, HistoryWindow } from '../../../shared/history';
import { HISTORY_WINDOW_SPEC } from '../../../shared/history';
import type { EmsSnapshot } from '../../../shared/snapshot';

/** A complete snapshot for tests, as main would send it. */
export function makeSnapshot(over: Partial<EmsSnapshot> = {}): EmsSnapshot {
  const link = { health: 'ok' as const, ageMs: 100, lastError: null };
  return {
    time: '2026-11-29T10:00:00.000Z',
    site: { id: 'test', name: 'Test site' },
    state: 'SELF_CONSUMPTION',
    mode: 'SELF_CONSUMPTION',
    pendingMode: null,
    gridW: 12,
    inverterW: -1500,
    soc: 50,
    setpointW: -1500,
    limitedBy: 'none',
    band: { lowerW: -5000, upperW: 5000, lowerBy: 'inverterRating', upperBy: 'inverterRating' },
    ratings: { maxChargeW: 5000, maxDischargeW: 5000 },
    socWindow: { minPct: 10, maxPct: 95 },
    gridTargetW: 0,
    overrideW: 1000,
    external: null,
    modbusOk: true,
    canOk: true,
    links: { meter: link, inverter: link, bms: link },
    bms: null,
    faults: [],
    needsAck: false,
    warnings: [],
    energyToday: ZERO_ENERGY,
    energySession: ZERO_ENERGY,
    pvW: null,
    loadW: null,
    ...over,
  };
}

/** A fault-log entry for tests. */
export function makeFaultEntry(time: string, over: Partial<FaultLogView> = {}): FaultLogView {
  return {
    time,
    code: 'METER_COMM_LOSS',
    kind: 'raised',
    message: 'Meter link lost',
    measurements: {
      gridW: null,
      gridAgeMs: 900,
      inverterW: 0,
      inverterAgeMs: 100,
      socPct: 50,
      bmsAgeMs: 200,
      bmsAlarms: [],
    },
    before: [],
    ...over,
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * An EmsApi whose answers the test gives by hand (each request waits until answered), and
 * whose pushes the test sends. It stands in for main, not for the store under test.
 */
export class ScriptedApi implements EmsApi {
  readonly snapshots: Deferred<EmsSnapshot>[] = [];
  readonly faultLogs: Deferred<readonly FaultLogView[]>[] = [];
  readonly histories: { window: HistoryWindow; d: Deferred<HistorySeries> }[] = [];
  readonly commands: { command: EmsCommand; d: Deferred<CommandResult> }[] = [];
  /** The commissioning tools' requests, each waiting for the test's answer. */
  readonly requests: { method: RequestMethod; params: unknown; d: Deferred<unknown> }[] = [];
  private readonly listeners = new Map<PushTopic, Set<(p: never) => void>>();
  private readonly tools = namedMethods(
    <M extends RequestMethod>(
      method: M,
      params: RequestParams<M> | undefined,
    ): Promise<RequestResult<M>> => {
      const d = deferred<unknown>();
      this.requests.push({ method, params: params ?? {}, d });
      return d.promise as Promise<RequestResult<M>>;
    },
  );
  readonly listSessions = this.tools.listSessions;
  readonly sessionExport = this.tools.sessionExport;
  readonly recordingStatus = this.tools.recordingStatus;
  readonly modbusDevices = this.tools.modbusDevices;
  readonly registerRead = this.tools.registerRead;
  readonly registerWrite = this.tools.registerWrite;
  readonly registerWriteLog = this.tools.registerWriteLog;
  readonly connectionTest = this.tools.connectionTest;
  readonly discoverSunSpec = this.tools.discoverSunSpec;
  readonly profileFromDiscovery = this.tools.profileFromDiscovery;
  readonly getAccess = this.tools.getAccess;
  readonly pairingCode = this.tools.pairingCode;
  readonly tokenInfo = this.tools.tokenInfo;
  readonly rotateToken = this.tools.rotateToken;
  readonly canRecordStart = this.tools.canRecordStart;
  readonly canRecordStop = this.tools.canRecordStop;
  // Issue 10 (security)
  readonly getServerIdentity = this.tools.getServerIdentity;
  // Managed sites.
  readonly listSites = this.tools.listSites;
  readonly getSite = this.tools.getSite;
  readonly createSite = this.tools.createSite;
  readonly updateSite = this.tools.updateSite;
  readonly duplicateSite = this.tools.duplicateSite;
  readonly importSite = this.tools.importSite;
  readonly exportSite = this.tools.exportSite;
  readonly deleteSite = this.tools.deleteSite;
  readonly activateSite = this.tools.activateSite;
  // Find the devices (issue 12).
  readonly startScan = this.tools.startScan;
  readonly getScan = this.tools.getScan;
  readonly cancelScan = this.tools.cancelScan;
  readonly listLocalPorts = this.tools.listLocalPorts;
  // Build the site (issue 12).
  readonly listProfiles = this.tools.listProfiles;
  readonly tryDevice = this.tools.tryDevice;
  // Commissioning checks and report (issue 12).
  readonly runCheck = this.tools.runCheck;
  readonly listChecks = this.tools.listChecks;
  readonly cancelCheck = this.tools.cancelCheck;
  readonly commissioningStatus = this.tools.commissioningStatus;
  readonly applyMeterSignFix = this.tools.applyMeterSignFix;
  readonly setReportMeta = this.tools.setReportMeta;
  readonly getReportMeta = this.tools.getReportMeta;
  readonly getReport = this.tools.getReport;
  readonly saveReportPdf = this.tools.saveReportPdf;
  // Trends and events from the session store (issue 13).
  readonly getRecentEvents = this.tools.getRecentEvents;
  readonly sessionHistory = this.tools.sessionHistory;

  getSnapshot(): Promise<EmsSnapshot> {
    const d = deferred<EmsSnapshot>();
    this.snapshots.push(d);
    return d.promise;
  }
  getFaultLog(): Promise<readonly FaultLogView[]> {
    const d = deferred<readonly FaultLogView[]>();
    this.faultLogs.push(d);
    return d.promise;
  }
  getHistory({ window }: { window: HistoryWindow }): Promise<HistorySeries> {
    const d = deferred<HistorySeries>();
    this.histories.push({ window, d });
    return d.promise;
  }
  command({ command }: { command: EmsCommand }): Promise<CommandResult> {
    const d = deferred<CommandResult>();
    this.commands.push({ command, d });
    return d.promise;
  }
  subscribe<T extends PushTopic>(topic: T, listener: (payload: PushTypes[T]) => void): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    this.listeners.set(topic, set);
    set.add(listener);
    return () => set.delete(listener);
  }
  /** Sends a push to the subscribers, as main would. */
  push<T extends PushTopic>(topic: T, payload: PushTypes[T]): void {
    for (const l of this.listeners.get(topic) ?? []) (l as (p: PushTypes[T]) => void)(payload);
  }
  /** Number of subscribers of a topic. */
  subscribers(topic: PushTopic): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
  /** Answers the open history request of a window with buckets. */
  answerHistory(window: HistoryWindow, buckets: HistorySeries['buckets']): void {
    const req = this.histories.find((h) => h.window === window);
    if (!req) throw new Error(`no getHistory(${window}) pending`);
    this.histories.splice(this.histories.indexOf(req), 1);
    req.d.resolve({ window, bucketMs: HISTORY_WINDOW_SPEC[window].bucketMs, buckets });
  }
}

/** Lets pending promise callbacks run. */
export const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
