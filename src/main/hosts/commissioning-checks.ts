import type { TimeSource } from '../../shared/clock';
import { CheckRunner } from '../commissioning/checks/check-runner';
import type { CheckBms, CheckSite } from '../commissioning/checks/check-context';
import { reportSite } from '../commissioning/report/report-site';
import { ReportService } from '../commissioning/report/report-service';
import { setSiteMeterSign } from '../commissioning/site-sign-file';
import type { CommissioningStateFile } from '../config/commissioning-state';
import type { CoreConfig } from '../core/core-config';
import type { DeviceProfile } from '../devices/modbus/profile/profile-schema';
import type { DeviceIdentity } from '../devices/modbus/sunspec/sunspec-identity';
import type { RecordingStore } from '../recording';
import type { BmsPort } from '../runtime/device-ports';
import type { EmsRuntime } from '../runtime/ems-runtime';
import type { SiteFile } from '../site/site-schema';

/** What the host hands over to set up the commissioning checks and report. */
export interface CommissioningChecksOptions {
  readonly runtime: EmsRuntime;
  readonly time: TimeSource;
  readonly site: SiteFile;
  /** The site file, where there is one (the meter sign fix writes it); null: built-in simulator. */
  readonly siteFile: string | null;
  readonly siteId: string;
  /** Where a meter sign change is remembered across restarts (by site id); absent: not remembered. */
  readonly commissioningState?: CommissioningStateFile;
  /** The sign change of this site still to be confirmed, as read from that file (wall ms). */
  readonly signChangedAt?: number | null;
  readonly config: CoreConfig;
  readonly profiles: { readonly meter: DeviceProfile; readonly inverter: DeviceProfile };
  /** The meter's and inverter's SunSpec model 1, as their drivers read it at connect (null: none yet). */
  readonly identities?: {
    readonly meter: () => DeviceIdentity | null;
    readonly inverter: () => DeviceIdentity | null;
  };
  readonly bms: BmsPort | null;
  readonly bmsProtocol: string | null;
  readonly recording: RecordingStore;
  readonly log: (line: string) => void;
  /** The desktop app's PDF save; absent in the headless host. */
  readonly savePdf?: (
    html: string,
    siteName: string,
  ) => Promise<{ saved: boolean; path: string | null }>;
}

/** The app's version for the report (npm sets it for `npm run`; else unknown). */
function appVersion(): string {
  return process.env['npm_package_version'] ?? 'unknown';
}

/**
 * The comm-loss bound of docs/safety.md for the meter: the later of its staleness time and
 * the failed-poll budget (missedPolls x (request timeout + poll)).
 */
export function meterCommLossBoundMs(site: SiteFile, config: CoreConfig): number {
  const c = site.control;
  return Math.max(
    config.timeouts.meterMs,
    c.missedPolls * (site.meter.timeoutMs + c.pollIntervalMs),
  );
}

/** The checks' runner and the report service of one running site. */
export function commissioningChecks(o: CommissioningChecksOptions): {
  runner: CheckRunner;
  report: ReportService;
  savePdf?: CommissioningChecksOptions['savePdf'];
} {
  const inverterSection = o.profiles.inverter.inverter;
  const site: CheckSite = {
    inverterMaxChargeW: o.config.inverterMaxChargeW,
    inverterMaxDischargeW: o.config.inverterMaxDischargeW,
    watchdogTimeoutS: inverterSection?.watchdog?.timeoutS ?? null,
    onWatchdogExpiry: inverterSection?.onWatchdogExpiry ?? 'zero',
    meterPowerSign: o.site.meter.powerSign ?? 1,
    controlledQuantity: inverterSection?.controlled?.quantity ?? 'AC power',
    commLossBoundMs: meterCommLossBoundMs(o.site, o.config),
    pollIntervalMs: o.site.control.pollIntervalMs,
  };
  const port = o.bms;
  const bms: CheckBms | null =
    port === null
      ? null
      : {
          port,
          protocol: o.bmsProtocol ?? 'unknown',
          framesSeen: () => port.framesDecoded?.() ?? null,
        };
  const { siteFile, commissioningState: state } = o;
  const runner = new CheckRunner({
    runtime: o.runtime,
    clock: o.time,
    site,
    bms,
    // The file the site runs from: sites/<id>.json for a stored site, the --site file otherwise.
    ...(siteFile === null ? {} : { applyMeterSign: (sign) => setSiteMeterSign(siteFile, sign) }),
    signChangedAt: o.signChangedAt ?? null,
    ...(state === undefined
      ? {}
      : { signChangeStore: { save: (at) => state.setMeterSignChangedAt(o.siteId, at) } }),
    log: o.log,
    onFinished: (run) => o.log(`check ${run.check} (${run.runId}): ${run.status}: ${run.message}`),
  });
  const report = new ReportService({
    clock: o.time,
    site: reportSite(o.siteId, o.site, o.profiles, appVersion()),
    checks: runner,
    recording: o.recording,
    log: o.log,
    knownIdentity: (role) => (role === 'bms' ? null : (o.identities?.[role]() ?? null)),
  });
  return { runner, report, ...(o.savePdf === undefined ? {} : { savePdf: o.savePdf }) };
}
