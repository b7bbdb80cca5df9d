import type { ModbusDeviceId } from '../../shared/commissioning-views';
import type { RequestMethod } from '../../shared/contract';
import type { EmsState } from '../../shared/ems-names';
import type { SunSpecProgressStep } from '../../shared/sunspec-views';
import type { TimeSource } from '../../shared/clock';
import type { ScanProgressView } from '../../shared/scan-views';
import { listLocalPorts } from '../commissioning/scan/local-ports';
import { ScanHandlers } from '../commissioning/scan/scan-handlers';
import { TryDeviceHandlers } from '../commissioning/build/try-device';
import type { CanMonitor } from '../commissioning/can-monitor';
import {
  CommissioningError,
  type CommissioningTools,
  type ServiceTokens,
} from '../commissioning/commissioning-tools';
import { RegisterHandlers, registerWriteEvent } from '../commissioning/register-handlers';
import { SunSpecHandlers } from '../commissioning/sunspec-handlers';
import type { RequestHandlers } from './request-handlers';
import type { SiteMethod } from './site-handlers';
import { checkHandlers } from './check-handlers';
import { identityFromChain } from '../commissioning/report/device-identity';
import { exportSessionCsv, listSessionViews, recordingStatusView } from './session-handlers';
import { pairingCode, rotateToken, tokenInfo } from './token-handlers';
import { recentEventViews, sessionHistoryView } from './trend-handlers';

/** The requests answered here (everything but the core's five and the managed sites). */
export type CommissioningMethod = Exclude<
  RequestMethod,
  'getSnapshot' | 'command' | 'getHistory' | 'getFaultLog' | 'getAccess' | SiteMethod
>;

/** The handlers of the commissioning requests. */
export type CommissioningHandlers = Pick<RequestHandlers, CommissioningMethod>;

/** What the commissioning requests need from the service around them. */
export interface CommissioningDeps {
  readonly emsState: () => EmsState;
  readonly progress: (device: ModbusDeviceId, step: SunSpecProgressStep) => void;
  /** Find the devices: the host's time (probe deadlines) and the scan's progress pushes. */
  readonly time: TimeSource;
  readonly scanProgress: (progress: ScanProgressView) => void;
  /** Wall-clock ms: the end of a running session's trend. */
  readonly now: () => number;
}

/**
 * Answers the commissioning requests (sessions, register console, SunSpec discovery, token,
 * CAN recording) from the tools the host handed over. Params arrive already validated.
 * A handler rejects with an error whose message is meant for the client.
 */
export class CommissioningService {
  readonly handlers: CommissioningHandlers;
  private tokens: ServiceTokens | null;

  constructor(
    private readonly tools: CommissioningTools,
    deps: CommissioningDeps,
  ) {
    this.tokens = tools.tokens ?? null;
    // Every register write attempt goes into the session record, refused and failed ones too.
    const registers = new RegisterHandlers(tools.modbus ?? [], deps.emsState, (entry) =>
      tools.recording?.recordEvent(registerWriteEvent(entry)),
    );
    const sunspec = new SunSpecHandlers((id) => registers.device(id), deps.progress);
    const { recording } = tools;
    const scans = new ScanHandlers({
      emsState: deps.emsState,
      time: deps.time,
      push: deps.scanProgress,
      ...(tools.scanLink ? { link: tools.scanLink } : {}),
    });
    const build = new TryDeviceHandlers({ emsState: deps.emsState, time: deps.time });
    this.handlers = {
      listSessions: () => listSessionViews(recording),
      sessionExport: (p) => exportSessionCsv(recording, p.sessionId, p.what),
      recordingStatus: () => recordingStatusView(recording),
      modbusDevices: () => registers.list(),
      registerRead: (p) => registers.read(p),
      registerWrite: (p) => registers.write(p),
      registerWriteLog: () => registers.log(),
      connectionTest: (p) => registers.test(p),
      discoverSunSpec: (p) => sunspec.discover(p.device, p.bases, p.unitId),
      profileFromDiscovery: (p) => sunspec.profile(p.device, p.kind),
      tokenInfo: () => tokenInfo(this.tokens),
      rotateToken: () => rotateToken(this.tokens),
      pairingCode: () => pairingCode(this.tokens),
      canRecordStart: () => this.requireCan().recordStart(),
      canRecordStop: () => this.requireCan().recordStop(),
      // Issue 10 (security)
      getServerIdentity: () => ({ tlsFingerprint256: this.tokens?.tlsFingerprint256 ?? null }),
      // Find the devices (issue 12).
      startScan: (p) => scans.start(p),
      getScan: (p) => scans.get(p.scanId),
      cancelScan: (p) => scans.cancel(p.scanId),
      listLocalPorts: () => listLocalPorts(tools.localPorts ?? {}),
      // Build the site (issue 12).
      listProfiles: () => build.listProfiles(),
      tryDevice: (p) => build.tryDevice(p),
      // Commissioning checks and report (issue 12): model 1 is read for the report where the
      // site has the device in the register console (SunSpec profiles only).
      ...checkHandlers(tools, async (role) => {
        const device = (tools.modbus ?? []).find((d) => d.id === role);
        if (device === undefined) return null;
        return identityFromChain(await sunspec.discover(device.id));
      }),
      // Trends and events from the session store (issue 13).
      getRecentEvents: (p) => recentEventViews(recording, p.limit),
      sessionHistory: (p) => sessionHistoryView(recording, p, deps.now()),
    };
  }

  /** The CAN monitor, when the site has a CAN BMS. */
  get canMonitor(): CanMonitor | null {
    return this.tools.canMonitor ?? null;
  }

  /** Sets the token store once it exists (the desktop app opens it with its API). */
  useTokens(tokens: ServiceTokens | null): void {
    this.tokens = tokens;
  }

  private requireCan(): CanMonitor {
    const m = this.tools.canMonitor;
    if (!m) throw new CommissioningError('this site has no CAN BMS to monitor');
    return m;
  }
}
