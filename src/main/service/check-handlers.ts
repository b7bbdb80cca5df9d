import type { CommissioningTools } from '../commissioning/commissioning-tools';
import { CommissioningError } from '../commissioning/commissioning-error';
import type { ReportDeps } from '../commissioning/report/report-service';
import type { RequestHandlers } from './request-handlers';

/** The commissioning checks' and report's requests. */
export type CheckMethod =
  | 'runCheck'
  | 'listChecks'
  | 'cancelCheck'
  | 'commissioningStatus'
  | 'applyMeterSignFix'
  | 'setReportMeta'
  | 'getReportMeta'
  | 'getReport'
  | 'saveReportPdf';

/** The handlers of {@link CheckMethod}. */
export type CheckHandlers = Pick<RequestHandlers, CheckMethod>;

/**
 * Handlers of the commissioning checks and report, over the host's runner and report
 * service. `identity` reads a device's SunSpec model 1 for the report.
 */
export function checkHandlers(
  tools: CommissioningTools,
  identity: ReportDeps['identity'],
): CheckHandlers {
  const checks = (): NonNullable<CommissioningTools['checks']> => {
    if (!tools.checks) throw new CommissioningError('this host runs no commissioning checks');
    return tools.checks;
  };
  return {
    runCheck: (p) => checks().runner.start(p.check, p.options ?? {}),
    listChecks: () => checks().runner.list(),
    cancelCheck: () => ({ cancelled: checks().runner.cancel() }),
    commissioningStatus: () => checks().runner.status(),
    applyMeterSignFix: (p) => checks().runner.applyMeterSignFix(p.runId),
    setReportMeta: (p) => checks().report.setMeta(p),
    getReportMeta: () => checks().report.getMeta(),
    getReport: () => checks().report.generate(identity),
    saveReportPdf: async () => {
      const { report, savePdf } = checks();
      if (savePdf === undefined)
        throw new CommissioningError(
          'saving as PDF is done by the desktop app; in a browser, open the report and print it',
        );
      const { html } = await report.generate(identity);
      return savePdf(html, report.siteName);
    },
  };
}
