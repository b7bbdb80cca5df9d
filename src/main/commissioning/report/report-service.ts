import type { TimeSource } from '../../../shared/clock';
import type { ReportMetaView, ReportView } from '../../../shared/check-views';
import type { RecordingStore } from '../../recording';
import { describeError } from '../../util/describe-error';
import { CommissioningError } from '../commissioning-error';
import type { CheckRunner } from '../checks/check-runner';
import type { DeviceIdentity, ReportData, ReportDevice } from './report-data';
import { renderReportHtml } from './report-html';

/** The site as the report shows it (identities are read when the report is made). */
export interface ReportSite {
  readonly id: string;
  readonly name: string;
  readonly devices: readonly ReportDevice[];
  readonly settings: ReportData['settings'];
  readonly appVersion: string;
}

/** What the report service needs. */
export interface ReportDeps {
  readonly clock: TimeSource;
  readonly site: ReportSite;
  readonly checks: Pick<CheckRunner, 'latest' | 'status'>;
  readonly recording: RecordingStore | null;
  /**
   * The model 1 the running site's driver read when it connected (SunSpec-addressed profiles);
   * null where it has none. Preferred: it costs no request and needs no register console.
   */
  readonly knownIdentity?: (role: ReportDevice['role']) => DeviceIdentity | null;
  /** Reads a device's SunSpec model 1; null when it has none or it cannot be read now. */
  readonly identity?: (role: ReportDevice['role']) => Promise<DeviceIdentity | null>;
  readonly log?: (line: string) => void;
}

/**
 * Makes the commissioning report from the latest run of each check, the site, and the
 * technician's name and notes typed in the app, and stores each one with the session.
 */
export class ReportService {
  private meta: ReportMetaView = { technician: '', notes: '' };

  constructor(private readonly deps: ReportDeps) {}

  /** Sets the technician and notes shown in the next report. */
  setMeta(meta: ReportMetaView): ReportMetaView {
    this.meta = { technician: meta.technician.trim(), notes: meta.notes };
    return this.meta;
  }

  /** The site's name, for file names. */
  get siteName(): string {
    return this.deps.site.name;
  }

  /** The technician and notes in force. */
  getMeta(): ReportMetaView {
    return this.meta;
  }

  /**
   * Builds the page and stores it; refuses until a technician name was typed. `identity`
   * (the service's SunSpec reader) stands in for the deps' one.
   */
  async generate(identity = this.deps.identity): Promise<ReportView> {
    if (this.meta.technician === '')
      throw new CommissioningError(
        'technician: type the technician name first (PUT /api/commissioning/report/meta)',
      );
    const { site, clock, checks } = this.deps;
    const devices = await Promise.all(
      site.devices.map(async (d) => ({
        ...d,
        identity:
          d.identity ?? this.deps.knownIdentity?.(d.role) ?? (await this.identityOf(d, identity)),
      })),
    );
    const latest = checks.latest();
    const html = renderReportHtml({
      siteName: site.name,
      siteId: site.id,
      appVersion: site.appVersion,
      generatedAt: clock.wallNow(),
      technician: this.meta.technician,
      notes: this.meta.notes,
      devices,
      settings: site.settings,
      checks: Object.values(latest),
      status: checks.status(),
    });
    let storedId: number | null = null;
    try {
      storedId =
        this.deps.recording?.saveReport({
          t: clock.wallNow(),
          siteName: site.name,
          technician: this.meta.technician,
          html,
        }) ?? null;
    } catch (err) {
      this.deps.log?.(`commissioning report not stored: ${describeError(err)}`);
    }
    return { html, storedId };
  }

  private async identityOf(
    d: ReportDevice,
    identity: ReportDeps['identity'],
  ): Promise<DeviceIdentity | null> {
    if (identity === undefined || d.role === 'bms') return null;
    try {
      return await identity(d.role);
    } catch {
      // A device that does not answer now is listed without its identity, not a failed report.
      return null;
    }
  }
}
