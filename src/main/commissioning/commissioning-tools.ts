import type { ModbusDeviceId, RegisterPointView } from '../../shared/commissioning-views';
import type { ModbusTransport } from '../devices/modbus/modbus-transport';
import type { RecordingStore } from '../recording';
import type { CanMonitor } from './can-monitor';
import type { ScanLinkFactory } from './scan/device-scan';
import type { LocalPortsDeps } from './scan/local-ports';
import type { CheckRunner } from './checks/check-runner';
import type { ReportService } from './report/report-service';

// The service's handlers import the error from here, beside the tools it guards.
export { CommissioningError } from './commissioning-error';

/** A Modbus device of the site, with the transport its driver uses (shared with the control loop). */
export interface ConsoleModbusDevice {
  readonly id: ModbusDeviceId;
  readonly host: string;
  readonly port: number;
  readonly unitId: number;
  readonly transport: ModbusTransport;
  /**
   * The points of the device's profile in the active site, where they lie now (SunSpec points
   * once the model chain is resolved); shown beside the addresses in the register console.
   */
  readonly points?: () => readonly RegisterPointView[];
  /**
   * A new link to another unit id behind the same address (a gateway with several devices),
   * for a SunSpec discovery of that unit; the caller closes it. Absent where the host offers
   * none (serial lines, whose bus belongs to the drivers).
   */
  readonly forUnit?: (unitId: number) => ModbusTransport;
}

/** What the service needs of the host's write token. */
export interface ServiceTokens {
  /** The file holding it; null when it comes from EMS_API_TOKEN. */
  readonly path: string | null;
  current(): string;
  rotate(): Promise<string>;
  /** A new pairing code for a browser; absent when this host serves no browser pairing. */
  issuePairingCode?(): { readonly code: string; readonly expiresInS: number };
  /** SHA-256 fingerprint of the certificate the server serves; null or absent over plain HTTP. */
  readonly tlsFingerprint256?: string | null;
}

/**
 * What a host hands the service for the commissioning requests. Each part is optional: a
 * request whose part is missing gets an error saying this host does not offer it.
 */
export interface CommissioningTools {
  readonly recording?: RecordingStore | null;
  readonly modbus?: readonly ConsoleModbusDevice[];
  readonly canMonitor?: CanMonitor | null;
  readonly tokens?: ServiceTokens | null;
  /** Find the devices: how a scan reaches a unit (Modbus TCP by default). */
  readonly scanLink?: ScanLinkFactory;
  /** Find the devices: where the local ports are listed from (the real system by default). */
  readonly localPorts?: LocalPortsDeps;
  /** Commissioning checks and their report (issue 12); absent: this host runs no checks. */
  readonly checks?: {
    readonly runner: CheckRunner;
    readonly report: ReportService;
    /** The desktop app's PDF save (printToPDF); absent in the headless host. */
    readonly savePdf?: (
      html: string,
      siteName: string,
    ) => Promise<{ saved: boolean; path: string | null }>;
  } | null;
}
