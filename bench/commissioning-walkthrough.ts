/**
 * The commissioning walkthrough of issue 12, as a new user would do it, over the REST API
 * (not a test: it prints what each step measured). Real processes on real time:
 * - the simulator as a SunSpec hybrid (`--sunspec --hybrid`) whose watchdog reverts to its
 *   own dispatch, with a known ramp and dead time, and its BMS on the socketcand gateway;
 * - the headless host (`--ui`) with an empty config folder, so it starts on the built-in site.
 * Steps: scan 127.0.0.1 → a site from the scan's suggestions → activate → start → every
 * check → the report → restart without `--site` and see the same site open.
 * Run with `npm run bench:walkthrough`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRunView } from '../src/shared/check-views';
import type { ScanView } from '../src/shared/scan-views';
import { waitForStderr } from '../test/support/headless-ui-process';
import { spawnTsx, type TsxProcess } from '../test/support/tsx-process';
import { waitFor } from '../test/support/wait-for';

/** What the simulated inverter is told to do; the checks should measure it back. */
const SIM = { rampWPerS: 1000, delayS: 0.4, watchdogS: 10, ownW: 800 } as const;
const TOKEN = 'walkthrough-token-0123456789abcdef';
const CHECKS = ['meterSign', 'inverterStep', 'watchdog', 'bmsLink', 'commLoss'] as const;

const configDir = await mkdtemp(join(tmpdir(), 'ems-walkthrough-'));
const env = { EMS_CONFIG_DIR: configDir, EMS_API_TOKEN: TOKEN };
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const sim = spawnTsx('src/main/sim/cli.ts', [
  ...['--sunspec', '--hybrid', '--meter-port', '0', '--inverter-port', '0', '--can-port', '0'],
  ...['--inverter-ramp', `${SIM.rampWPerS}`, '--inverter-delay', `${SIM.delayS}`],
  ...['--inverter-lag', '0', '--watchdog-timeout', `${SIM.watchdogS}`],
  ...['--watchdog-revert', `own:${SIM.ownW}`, '--time', '20:00', '--seed', '3'],
]);
let host: TsxProcess | null = null;
try {
  await waitFor(() => sim.lines.find((l) => l.includes('"ready":true')), {
    what: 'the simulator',
    timeoutMs: 90_000,
  });
  const ready = JSON.parse(sim.lines.find((l) => l.includes('"ready":true')) ?? '{}') as {
    meterPort: number;
    inverterPort: number;
    canPort: number;
  };
  host = spawnTsx('src/main/hosts/headless/cli.ts', ['--ui', '--port', '0'], env);
  let base = await apiBase(host);
  const api = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return res.headers.get('content-type')?.includes('json') === true ? JSON.parse(text) : text;
  };

  // 1. Find the devices.
  const t0 = performance.now();
  const { scanId } = (await api('POST', '/api/scan', {
    targets: '127.0.0.1',
    ports: [ready.inverterPort, ready.meterPort],
  })) as { scanId: string };
  const scan = await waitFor(
    async () => {
      const s = (await api('GET', `/api/scan/${scanId}`)) as ScanView;
      return s.done ? s : undefined;
    },
    { what: 'the scan', timeoutMs: 60_000, intervalMs: 100 },
  );
  const inverter = scan.found.find((f) => f.port === ready.inverterPort && f.sameAs === undefined);
  const meter = scan.found.find((f) => f.port === ready.meterPort && f.sameAs === undefined);
  say(
    `scan: ${scan.probed} units in ${(performance.now() - t0).toFixed(0)} ms; inverter serial ` +
      `${inverter?.sunspec?.serial ?? '?'} suggests ${inverter?.suggested.inverter?.profile ?? '?'}` +
      ` (${inverter?.suggested.inverter?.alternatives?.map((a) => a.profile).join(', ') ?? ''}); ` +
      `meter suggests ${meter?.suggested.meter?.profile ?? '?'}`,
  );

  // 2. Build the site from the scan: PV sits behind this inverter, so the hybrid profile.
  const reach = (f: typeof inverter): { host: string; port: number; unitId: number } => ({
    host: f?.host ?? '',
    port: f?.port ?? 0,
    unitId: f?.unitId ?? 1,
  });
  const { id } = (await api('POST', '/api/sites', {
    name: 'Walkthrough hybrid',
    meter: { ...reach(meter), profile: meter?.suggested.meter?.profile ?? 'sunspec-meter-203' },
    inverter: {
      ...reach(inverter),
      profile: 'sunspec-hybrid-124',
      ratedChargeW: 5000,
      ratedDischargeW: 5000,
    },
    bms: {
      transport: { type: 'socketcand', host: '127.0.0.1', port: ready.canPort, interface: 'can0' },
    },
  })) as { id: string };
  await api('POST', `/api/sites/${id}/activate`, {});
  await api('POST', '/api/start', {});
  await waitFor(async () => (await status(api)).state === 'STANDBY' || undefined, {
    what: 'STANDBY on the new site',
    timeoutMs: 60_000,
  });
  say(`site ${id} active and in STANDBY`);

  // 3. Every check, one after the other.
  for (const check of CHECKS) {
    const { runId } = (await api('POST', '/api/commissioning/checks', {
      check,
      confirmed: true,
    })) as { runId: string };
    const run = await waitFor(
      async () => {
        const runs = (await api('GET', '/api/commissioning/checks')) as CheckRunView[];
        const r = runs.find((x) => x.runId === runId);
        return r && r.status !== 'running' ? r : undefined;
      },
      { what: `the ${check} check`, timeoutMs: 180_000, intervalMs: 250 },
    );
    say(`${check}: ${run.status} ${JSON.stringify(run.measured)} (${run.message})`);
    await waitFor(async () => (await status(api)).state === 'STANDBY' || undefined, {
      what: `STANDBY after ${check}`,
      timeoutMs: 60_000,
    });
  }

  // 4. The report names the device and every check.
  await api('PUT', '/api/commissioning/report/meta', { technician: 'Walkthrough', notes: '' });
  const report = String(await api('GET', '/api/commissioning/report'));
  const serial = inverter?.sunspec?.serial ?? '(none)';
  say(
    `report: ${report.length} characters; names serial ${serial}: ${report.includes(serial)}; ` +
      `names every check: ${CHECKS.every((c) => report.includes(c))}`,
  );

  // 5. A restart without --site opens the same site.
  await stop(host);
  host = spawnTsx('src/main/hosts/headless/cli.ts', ['--ui', '--port', '0'], env);
  base = await apiBase(host);
  const after = await status(api);
  say(`restart without --site: site ${after.site.id} "${after.site.name}", state ${after.state}`);
} finally {
  if (host !== null) await stop(host);
  await stop(sim);
  await rm(configDir, { recursive: true, force: true });
}

async function apiBase(p: TsxProcess): Promise<string> {
  const [, url] = await waitForStderr(p, /API: (https?:\/\/[^/\s]+)\/api\//, 90_000);
  return url ?? '';
}

async function status(
  api: (m: string, p: string) => Promise<unknown>,
): Promise<{ state: string; site: { id: string; name: string } }> {
  return (await api('GET', '/api/status')) as { state: string; site: { id: string; name: string } };
}

async function stop(p: TsxProcess): Promise<void> {
  p.kill('SIGTERM');
  await p.exited;
}
