import { CHECK_IDS, type CheckRunView, type MeasuredValue } from '../../../shared/check-views';
import { chartSvg } from './report-chart-svg';
import type { ReportData, ReportDevice } from './report-data';
import { escapeHtml as h } from './escape-html';

/** What each check proves, one line for the reader of the report. */
const CHECK_PURPOSE: Readonly<Record<string, string>> = {
  meterSign:
    'A charge and a discharge step move the grid reading the right way, by about the step.',
  inverterStep: "The inverter's own response to a step: delay, ramp, settling and steady error.",
  watchdog: 'What the inverter does when the EMS stops refreshing it.',
  bmsLink: 'BMS frames arrive and decode; limits and SOC are read.',
  commLoss: 'Losing the meter link puts the EMS in FAULT at 0 W within its bound.',
};

const CSS = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#111;max-width:960px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #ddd}
h3{font-size:15px;margin:16px 0 4px}table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;font-size:13px}
th{background:#f5f5f5}.muted{color:#666}.chart{width:100%;height:auto;max-width:640px}
.pass{color:#047857;font-weight:600}.warn{color:#b45309;font-weight:600}
.fail,.aborted{color:#b91c1c;font-weight:600}.check{break-inside:avoid;page-break-inside:avoid}
.notes{white-space:pre-wrap;border:1px solid #ddd;padding:6px;min-height:2em}
@media print{body{margin:0}h2{break-after:avoid}a{color:inherit}}`;

function when(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

function value(v: MeasuredValue): string {
  if (v === null) return '—';
  return h(String(v));
}

function deviceRow(d: ReportDevice): string {
  const id = d.identity;
  const identity =
    id === null
      ? '<span class="muted">not known</span>'
      : [
          id.manufacturer,
          id.model,
          id.serial === null ? null : `serial ${id.serial}`,
          id.version === null ? null : `version ${id.version}`,
        ]
          .filter((x): x is string => x !== null && x !== '')
          .map(h)
          .join(', ');
  const verified = d.verified === null ? '—' : d.verified ? 'yes' : '<b>no</b>';
  return `<tr><td>${h(d.role)}</td><td>${h(d.address)}</td><td>${d.unitId ?? '—'}</td><td>${h(d.profile)}</td><td>${verified}</td><td>${identity}</td></tr>`;
}

function checkSection(id: string, run: CheckRunView | undefined): string {
  const purpose = h(CHECK_PURPOSE[id] ?? '');
  if (run === undefined)
    return `<section class="check" id="check-${id}"><h3>${id}: <span class="fail">not run</span></h3><p class="muted">${purpose}</p></section>`;
  const rows = Object.entries(run.measured)
    .map(([k, v]) => `<tr><th>${h(k)}</th><td>${value(v)}</td></tr>`)
    .join('');
  return `<section class="check" id="check-${id}">
<h3>${id}: <span class="${run.status}">${run.status}</span></h3>
<p class="muted">${purpose} Run ${h(run.runId)}, ${when(run.startedAt)} to ${when(run.finishedAt)}.</p>
<p>${h(run.message)}</p>
${rows === '' ? '' : `<table>${rows}</table>`}
${chartSvg(run.chart)}
</section>`;
}

/**
 * The commissioning report: one self-contained HTML page (inline CSS and SVG, no script, no
 * link to anything), so it can be stored, mailed, opened in any browser and printed or saved
 * as PDF as it is. Every text from the site or the technician is escaped.
 */
export function renderReportHtml(d: ReportData): string {
  const latest = new Map(d.checks.map((r) => [r.check, r]));
  const settings = Object.entries(d.settings)
    .map(([k, v]) => `<tr><th>${h(k)}</th><td>${value(v)}</td></tr>`)
    .join('');
  const status = d.status.commissioned
    ? '<span class="pass">commissioned</span>'
    : `<span class="fail">not commissioned</span> (${d.status.missing.map((m) => `${h(m.check)}: ${h(m.why)}`).join('; ')})`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Commissioning report: ${h(d.siteName)}</title>
<style>${CSS}</style></head>
<body>
<h1>Commissioning report: ${h(d.siteName)}</h1>
<p class="muted">Site id ${h(d.siteId)} · generated ${when(d.generatedAt)} · app version ${h(d.appVersion)}</p>
<p>Status: ${status}</p>
<table><tr><th>Technician</th><td>${h(d.technician)}</td></tr></table>
<h2>Notes</h2><div class="notes">${h(d.notes)}</div>
<h2>Devices</h2>
<table><tr><th>Role</th><th>Address</th><th>Unit</th><th>Profile</th><th>Verified profile</th><th>Identity (SunSpec model 1)</th></tr>
${d.devices.map(deviceRow).join('\n')}</table>
<h2>Settings</h2><table>${settings}</table>
<h2>Checks</h2>
<p class="muted">Powers are the quantity the inverter's setpoint acts on, + discharge / - charge; grid power is + import.</p>
${CHECK_IDS.map((id) => checkSection(id, latest.get(id))).join('\n')}
</body></html>
`;
}
