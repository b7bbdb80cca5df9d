import type { TimeSource } from '../../../shared/clock';
import type { RequestParams } from '../../../shared/contract';
import type { EmsState } from '../../../shared/ems-names';
import {
  DEFAULT_SCAN_PORTS,
  DEFAULT_SCAN_TIMEOUT_MS,
  DEFAULT_SCAN_UNIT_IDS,
} from '../../../shared/scan-schemas';
import { parseIpv4, parseScanTargets } from '../../../shared/scan-targets';
import type {
  ScanDeviceView,
  ScanProgressView,
  ScanStartView,
  ScanView,
} from '../../../shared/scan-views';
import { ModbusTcpClient } from '../../devices/modbus/wire/modbus-client';
import { CommissioningError } from '../commissioning-error';
import { DEFAULT_SCAN_CONCURRENCY, DeviceScan, type ScanLinkFactory } from './device-scan';
import { loadScanLibrary, type ScanLibrary } from './scan-library';

/**
 * The scan requests: start (only in STOP, one scan at a time), read, cancel. A scan runs in
 * the background; its progress is pushed, at most every PROGRESS_EVERY_MS for the counts
 * and at once for each unit found. The last few scans are kept for reading back.
 */

/** What the scan handlers need from the host. */
export interface ScanDeps {
  readonly emsState: () => EmsState;
  readonly time: TimeSource;
  readonly push: (progress: ScanProgressView) => void;
  /** How to reach a unit; Modbus TCP on `time` by default. */
  readonly link?: ScanLinkFactory;
  /** The profile library; the built-in one by default (loaded once). */
  readonly library?: () => Promise<ScanLibrary>;
  readonly concurrency?: number;
}

/** Count-only progress pushes are at most this often, ms. */
export const PROGRESS_EVERY_MS = 100;
/** Scans kept for reading back. */
export const SCANS_KEPT = 8;

/** Why a scan is refused or stopped outside STOP. */
export const NOT_IN_STOP = 'a scan runs only while the EMS is in STOP (stop it first)';

interface Entry {
  readonly id: string;
  readonly params: { targets: string; ports: readonly number[]; unitIds: readonly number[] };
  readonly scan: DeviceScan;
}

function hostOrder(a: ScanDeviceView, b: ScanDeviceView): number {
  const ia = parseIpv4(a.host) ?? -1;
  const ib = parseIpv4(b.host) ?? -1;
  return ia - ib || a.host.localeCompare(b.host) || a.port - b.port || a.unitId - b.unitId;
}

/** The scans of one host. */
export class ScanHandlers {
  private readonly scans: Entry[] = [];
  private nextId = 1;
  private libraryLoad: Promise<ScanLibrary> | null = null;

  constructor(private readonly deps: ScanDeps) {}

  /** Starts a scan; rejects (conflict) outside STOP or while another runs. */
  async start(p: RequestParams<'startScan'>): Promise<ScanStartView> {
    if (this.deps.emsState() !== 'STOP') throw new CommissioningError(NOT_IN_STOP, 'conflict');
    const running = this.scans.find((s) => !s.scan.done);
    if (running !== undefined)
      throw new CommissioningError(`${running.id} is still running: cancel it first`, 'conflict');
    const targets = parseScanTargets(p.targets);
    if (!targets.ok) throw new CommissioningError(`targets: ${targets.error}`);
    const library = await this.library();
    const id = `scan-${this.nextId}`;
    this.nextId += 1;
    const params = {
      targets: p.targets.trim(),
      ports: p.ports ?? DEFAULT_SCAN_PORTS,
      unitIds: p.unitIds ?? DEFAULT_SCAN_UNIT_IDS,
    };
    let lastPush = Number.NEGATIVE_INFINITY;
    const scan: DeviceScan = new DeviceScan({
      addresses: targets.addresses,
      ports: params.ports,
      unitIds: params.unitIds,
      timeoutMs: p.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS,
      concurrency: this.deps.concurrency ?? DEFAULT_SCAN_CONCURRENCY,
      library,
      link: this.deps.link ?? this.tcpLink(),
      mustStop: () => (this.deps.emsState() === 'STOP' ? null : NOT_IN_STOP),
      onProgress: (found) => {
        const now = this.deps.time.now();
        if (found === null && !scan.done && now - lastPush < PROGRESS_EVERY_MS) return;
        lastPush = now;
        this.deps.push({
          scanId: id,
          probed: scan.probed,
          total: scan.total,
          done: scan.done,
          stopped: scan.stopped,
          found,
        });
      },
    });
    this.scans.push({ id, params, scan });
    if (this.scans.length > SCANS_KEPT) this.scans.shift();
    void scan.run();
    return { scanId: id, total: scan.total };
  }

  /** A scan's state; rejects (not-found) for an unknown id. */
  get(scanId: string): ScanView {
    return this.view(this.entry(scanId));
  }

  /** Cancels a scan (a finished one is left as it is) and answers its state. */
  cancel(scanId: string): ScanView {
    const e = this.entry(scanId);
    e.scan.cancel('cancelled');
    return this.view(e);
  }

  /** Cancels whatever runs (the host is stopping). */
  cancelAll(reason: string): void {
    for (const s of this.scans) s.scan.cancel(reason);
  }

  private entry(scanId: string): Entry {
    const e = this.scans.find((s) => s.id === scanId);
    if (e === undefined) throw new CommissioningError(`no scan "${scanId}"`, 'not-found');
    return e;
  }

  private view(e: Entry): ScanView {
    return {
      scanId: e.id,
      targets: e.params.targets,
      ports: [...e.params.ports],
      unitIds: [...e.params.unitIds],
      // Cancelled counts as done once the probes in flight were cut off.
      done: e.scan.done,
      stopped: e.scan.stopped,
      probed: e.scan.probed,
      total: e.scan.total,
      found: [...e.scan.found].sort(hostOrder),
    };
  }

  private library(): Promise<ScanLibrary> {
    const load = this.deps.library ?? loadScanLibrary;
    this.libraryLoad ??= load().catch((err: unknown) => {
      this.libraryLoad = null;
      throw err;
    });
    return this.libraryLoad;
  }

  private tcpLink(): ScanLinkFactory {
    const clock = this.deps.time;
    return (host, port, unitId, timeoutMs) =>
      new ModbusTcpClient({ host, port, unitId, timeoutMs, name: 'scan', clock });
  }
}
