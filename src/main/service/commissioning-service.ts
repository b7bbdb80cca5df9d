import type { ModbusDeviceId } from '../../shared/commissioning-views';
import type { RequestMethod, RequestParams, ResponseTypes } from '../../shared/contract';
import type { EmsState } from '../../shared/ems-names';
import type { SunSpecProgressStep } from '../../shared/sunspec-views';
import type { CanMonitor } from '../commissioning/can-monitor';
import {
  CommissioningError,
  type CommissioningTools,
  type ServiceTokens,
} from '../commissioning/commissioning-tools';
import { RegisterHandlers } from '../commissioning/register-handlers';
import { exportSessionCsv, listSessionViews, recordingStatusView } from './session-handlers';
import { SunSpecHandlers } from '../commissioning/sunspec-handlers';
import { rotateToken, tokenInfo } from './token-handlers';

/** The requests answered here (everything but the core's four). */
export type CommissioningMethod = Exclude<
  RequestMethod,
  'getSnapshot' | 'command' | 'getHistory' | 'getFaultLog'
>;

/** What the commissioning requests need from the service around them. */
export interface CommissioningDeps {
  readonly emsState: () => EmsState;
  readonly progress: (device: ModbusDeviceId, step: SunSpecProgressStep) => void;
}

/**
 * Answers the commissioning requests (sessions, register console, SunSpec discovery, token,
 * CAN recording) from the tools the host handed over. Params arrive already validated.
 * Rejects with an error whose message is meant for the client.
 */
export class CommissioningService {
  private readonly registers: RegisterHandlers;
  private readonly sunspec: SunSpecHandlers;
  private tokens: ServiceTokens | null;

  constructor(
    private readonly tools: CommissioningTools,
    deps: CommissioningDeps,
  ) {
    this.tokens = tools.tokens ?? null;
    this.registers = new RegisterHandlers(tools.modbus ?? [], deps.emsState);
    this.sunspec = new SunSpecHandlers((id) => this.registers.device(id), deps.progress);
  }

  /** The CAN monitor, when the site has a CAN BMS. */
  get canMonitor(): CanMonitor | null {
    return this.tools.canMonitor ?? null;
  }

  /** Sets the token store once it exists (the desktop app opens it with its API). */
  useTokens(tokens: ServiceTokens | null): void {
    this.tokens = tokens;
  }

  /** Answers one validated request. */
  answer<M extends CommissioningMethod>(
    method: M,
    params: RequestParams<M>,
  ): Promise<ResponseTypes[M]>;
  async answer(method: CommissioningMethod, params: unknown): Promise<unknown> {
    const { recording } = this.tools;
    switch (method) {
      case 'listSessions':
        return listSessionViews(recording);
      case 'sessionExport': {
        const p = params as RequestParams<'sessionExport'>;
        return exportSessionCsv(recording, p.sessionId, p.what);
      }
      case 'recordingStatus':
        return recordingStatusView(recording);
      case 'modbusDevices':
        return this.registers.list();
      case 'registerRead':
        return this.registers.read(params as RequestParams<'registerRead'>);
      case 'registerWrite':
        return this.registers.write(params as RequestParams<'registerWrite'>);
      case 'registerWriteLog':
        return this.registers.log();
      case 'connectionTest':
        return this.registers.test(params as RequestParams<'connectionTest'>);
      case 'discoverSunSpec': {
        const p = params as RequestParams<'discoverSunSpec'>;
        return this.sunspec.discover(p.device, p.bases);
      }
      case 'profileFromDiscovery': {
        const p = params as RequestParams<'profileFromDiscovery'>;
        return this.sunspec.profile(p.device, p.kind);
      }
      case 'tokenInfo':
        return tokenInfo(this.tokens);
      case 'rotateToken':
        return rotateToken(this.tokens);
      case 'canRecordStart':
        return this.requireCan().recordStart();
      case 'canRecordStop':
        return this.requireCan().recordStop();
    }
  }

  private requireCan(): CanMonitor {
    const m = this.tools.canMonitor;
    if (!m) throw new CommissioningError('this site has no CAN BMS to monitor');
    return m;
  }
}
