import type { ScanDeviceView } from '../../../shared/scan-views';
import type { ModbusTransport } from '../../devices/modbus/modbus-transport';
import { ModbusConnectionError } from '../../devices/modbus/wire/modbus-errors';
import { suggestForProbes, suggestForSunSpec } from './profile-suggestions';
import { readOnlyTransport } from './read-only-transport';
import type { ScanLibrary } from './scan-library';
import { probeUnit } from './unit-probe';

/**
 * The scan itself: every host:port of the targets, each unit id in turn, with a bounded
 * number of host:ports in flight at once. The units of one host:port are probed one after
 * the other over their own connection, because many devices accept only one or two Modbus
 * TCP clients. A host:port that refuses the connection is given up for all its units at
 * once, so a /24 of mostly empty addresses takes about one connect round per address.
 */

/** Opens a link to one unit (the scan wraps it read-only itself). */
export type ScanLinkFactory = (
  host: string,
  port: number,
  unitId: number,
  timeoutMs: number,
) => ModbusTransport;

/** What a scan needs. */
export interface DeviceScanOptions {
  readonly addresses: readonly string[];
  readonly ports: readonly number[];
  readonly unitIds: readonly number[];
  readonly timeoutMs: number;
  /** Host:ports probed at once. */
  readonly concurrency: number;
  readonly library: ScanLibrary;
  readonly link: ScanLinkFactory;
  /** Asked before every unit: a reason to stop (the EMS left STOP), or null to go on. */
  readonly mustStop: () => string | null;
  /** After every unit; `found` is the unit just found, if it answered. */
  readonly onProgress: (found: ScanDeviceView | null) => void;
}

/** Host:ports probed at once by default: enough to cover a /24 in a few connect rounds. */
export const DEFAULT_SCAN_CONCURRENCY = 64;

/** One scan: run it once; cancel it at any time. */
export class DeviceScan {
  readonly total: number;
  private probedUnits = 0;
  private readonly devices: ScanDeviceView[] = [];
  private stopReason: string | null = null;
  private finished = false;
  private readonly open = new Set<ModbusTransport>();
  /** Writes the read-only wrapper refused (a probe bug if ever above 0). */
  private refused = 0;

  constructor(private readonly o: DeviceScanOptions) {
    this.total = o.addresses.length * o.ports.length * o.unitIds.length;
  }

  get probed(): number {
    return this.probedUnits;
  }
  get found(): readonly ScanDeviceView[] {
    return this.devices;
  }
  get done(): boolean {
    return this.finished;
  }
  get stopped(): string | null {
    return this.stopReason;
  }
  /** Writes refused by the read-only links so far. */
  get refusedWrites(): number {
    return this.refused;
  }

  /** Stops the scan: no new probe starts, and probes in flight are cut off (links closed). */
  cancel(reason: string): void {
    if (this.finished || this.stopReason !== null) return;
    this.stopReason = reason;
    for (const t of this.open) void t.close();
  }

  /** Runs the scan to its end (or its cancellation). Never rejects. */
  async run(): Promise<void> {
    const endpoints = this.o.addresses.flatMap((host) =>
      this.o.ports.map((port) => ({ host, port })),
    );
    let next = 0;
    const worker = async (): Promise<void> => {
      while (this.stopReason === null && next < endpoints.length) {
        const e = endpoints[next];
        next += 1;
        if (e !== undefined) await this.scanEndpoint(e.host, e.port);
      }
    };
    const workers = Math.max(1, Math.min(this.o.concurrency, endpoints.length));
    await Promise.all(Array.from({ length: workers }, worker));
    this.finished = true;
    this.o.onProgress(null);
  }

  /**
   * `t` with the stop condition asked before every read as well, so a scan stops within one
   * request of the EMS leaving STOP, not only between units.
   */
  private stoppable(t: ModbusTransport): ModbusTransport {
    const check = (): Promise<never> | null => {
      const reason = this.stopReason ?? this.o.mustStop();
      if (reason === null) return null;
      this.cancel(reason);
      return Promise.reject(new ModbusConnectionError(`${t.label}: scan stopped: ${reason}`));
    };
    return {
      get label() {
        return t.label;
      },
      get isOpen() {
        return t.isOpen;
      },
      connect: () => check() ?? t.connect(),
      readHolding: (a, n) => check() ?? t.readHolding(a, n),
      readInput: (a, n) => check() ?? t.readInput(a, n),
      writeRegisters: (a, v) => check() ?? t.writeRegisters(a, v),
      close: () => t.close(),
    };
  }

  private async scanEndpoint(host: string, port: number): Promise<void> {
    // What each unit of this host:port answered, to spot a device that ignores the unit id.
    const answers = new Map<string, number>();
    for (const [i, unitId] of this.o.unitIds.entries()) {
      const reason = this.stopReason ?? this.o.mustStop();
      if (reason !== null) {
        this.cancel(reason);
        return;
      }
      const t = readOnlyTransport(
        this.stoppable(this.o.link(host, port, unitId, this.o.timeoutMs)),
      );
      this.open.add(t);
      const result = await probeUnit(t, this.o.library);
      this.open.delete(t);
      await t.close();
      this.refused += t.refusedWrites;
      if (this.stopReason !== null) return;
      if (result.kind === 'unreachable') {
        this.probedUnits += this.o.unitIds.length - i;
        this.o.onProgress(null);
        return;
      }
      this.probedUnits += 1;
      if (result.kind === 'absent') {
        this.o.onProgress(null);
        continue;
      }
      const answer = JSON.stringify([result.sunspec, result.probes]);
      const sameAs = answers.get(answer);
      if (sameAs === undefined) answers.set(answer, unitId);
      const device: ScanDeviceView = {
        ...(sameAs === undefined ? {} : { sameAs }),
        host,
        port,
        unitId,
        sunspec: result.sunspec,
        probes: result.probes,
        suggested:
          result.sunspec !== null
            ? suggestForSunSpec(result.sunspec.models, this.o.library)
            : suggestForProbes(result.probes, this.o.library),
      };
      this.devices.push(device);
      this.o.onProgress(device);
    }
  }
}
