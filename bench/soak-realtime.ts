import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { startUiHost, stopUiHost, type UiHost } from '../test/support/headless-ui-process';
import { fmt } from './bench-stats';
import { formatTable } from './control-quality-report';
import { descendants, mb, procStatusBytes, totalPss } from './soak-memory';

/**
 * The real-time soak with the UI open: the headless host (`--ui --port 0`, its embedded
 * simulated site on loopback sockets, SELF_CONSUMPTION) as a child process, the operator UI
 * in Debian Chromium, and every minute the host's resident size from /proc, the page's JS
 * heap (CDP Runtime.getHeapUsage after a CDP-forced GC, and performance.memory as the page
 * sees it) and Chromium's memory (PSS summed over its processes, so shared pages count once). The page alternates between the live and the
 * trends screen each minute, so charts are mounted and unmounted all along.
 */

const RESULT = join(fileURLToPath(new URL('.', import.meta.url)), 'results', 'soak-realtime.json');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** One minute's readings. */
interface MinuteRow {
  readonly minute: number;
  readonly hostRssMb: number | null;
  readonly hostPeakRssMb: number | null;
  readonly pageHeapUsedMb: number;
  readonly pageHeapTotalMb: number;
  readonly perfMemoryUsedMb: number | null;
  readonly chromiumPssMb: number;
  readonly state: string;
  readonly screen: string;
}

/** The host's last status line's state ('?' before the first). */
function hostState(host: UiHost): string {
  const line = host.process.lines.at(-1);
  if (line === undefined) return '?';
  try {
    const state = (JSON.parse(line) as { state?: unknown }).state;
    return typeof state === 'string' ? state : '?';
  } catch {
    return '?';
  }
}

async function readMinute(
  minute: number,
  host: UiHost,
  page: Page,
  cdp: CDPSession,
  screen: string,
): Promise<MinuteRow> {
  const hostPid = host.process.child.pid ?? -1;
  const hostTree = new Set([hostPid, ...(await descendants(hostPid))]);
  const browserPids = (await descendants(process.pid)).filter((pid) => !hostTree.has(pid));
  const perf = await page.evaluate(() => {
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return memory === undefined ? null : memory.usedJSHeapSize;
  });
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const rss = await procStatusBytes(hostPid, 'VmRSS');
  const hwm = await procStatusBytes(hostPid, 'VmHWM');
  return {
    minute,
    hostRssMb: rss === null ? null : mb(rss),
    hostPeakRssMb: hwm === null ? null : mb(hwm),
    pageHeapUsedMb: mb(heap.usedSize),
    pageHeapTotalMb: mb(heap.totalSize),
    perfMemoryUsedMb: perf === null ? null : mb(perf),
    chromiumPssMb: mb(await totalPss(browserPids)),
    state: hostState(host),
    screen,
  };
}

function print(rows: readonly MinuteRow[]): void {
  const header = [
    'minute',
    'host RSS MB',
    'host peak MB',
    'page heap MB (GC)',
    'page heap total MB',
    'performance.memory MB',
    'chromium PSS MB',
    'EMS state',
    'screen',
  ];
  const cell = (v: number | null, d = 1): string => (v === null ? '-' : fmt(v, d));
  process.stdout.write(
    `${formatTable(
      header,
      rows.map((r) => [
        String(r.minute),
        cell(r.hostRssMb),
        cell(r.hostPeakRssMb),
        cell(r.pageHeapUsedMb, 2),
        cell(r.pageHeapTotalMb, 2),
        cell(r.perfMemoryUsedMb, 2),
        cell(r.chromiumPssMb),
        r.state,
        r.screen,
      ]),
    )}\n`,
  );
}

/** Growth on one screen: from its first reading once both screens were shown to its last, MB. */
interface ScreenGrowth {
  readonly screen: string;
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly mb: number;
  /** The same growth at that rate for one hour, MB/h. */
  readonly perHourMb: number;
}

/**
 * Growth of `pick` per screen. Readings are compared only with readings on the same screen,
 * and only from minute 2 on (the first minute compiles code; the trends screen loads its
 * history once), so what remains is growth that a longer run would keep adding.
 */
function growthByScreen(
  rows: readonly MinuteRow[],
  pick: (r: MinuteRow) => number | null,
): ScreenGrowth[] {
  const out: ScreenGrowth[] = [];
  for (const screen of ['live', 'trends']) {
    const on = rows.filter((r) => r.minute >= 2 && r.screen === screen && pick(r) !== null);
    const first = on[0];
    const last = on.at(-1);
    if (!first || !last || last.minute === first.minute) continue;
    const grown = (pick(last) ?? 0) - (pick(first) ?? 0);
    out.push({
      screen,
      fromMinute: first.minute,
      toMinute: last.minute,
      mb: grown,
      perHourMb: (grown * 60) / (last.minute - first.minute),
    });
  }
  return out;
}

function describeGrowth(what: string, g: readonly ScreenGrowth[]): string {
  if (g.length === 0)
    return `${what}: too short to compare like with like (needs 5 minutes or more)`;
  return `${what}: ${g
    .map(
      (x) =>
        `${x.screen} ${fmt(x.mb, 2)} MB from minute ${x.fromMinute} to ${x.toMinute} (${fmt(x.perHourMb, 1)} MB/h)`,
    )
    .join(', ')}`;
}

/**
 * Runs the real-time soak for `minutes` (plus start-up), prints a table per minute and writes
 * bench/results/soak-realtime.json. Resolves true when every minute was read, the EMS stayed
 * in SELF_CONSUMPTION and the page logged no error.
 */
export async function soakRealtime(minutes: number): Promise<boolean> {
  const host = await startUiHost(['--mode', 'SELF_CONSUMPTION']);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const pageErrors: string[] = [];
  const rows: MinuteRow[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    // The run counts from the moment the EMS controls the battery, as its status line says.
    await host.process.waitForLine((l) => l.includes('"state":"SELF_CONSUMPTION"'), 60_000);
    await page.goto(host.url);
    await page.locator('[data-app-state="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    let screen = 'live';
    rows.push(await readMinute(0, host, page, cdp, screen));
    process.stderr.write(`soak: UI open at ${host.url}, ${minutes} min to go\n`);
    for (let minute = 1; minute <= minutes; minute++) {
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      rows.push(await readMinute(minute, host, page, cdp, screen));
      process.stderr.write(
        `minute ${minute}: host RSS ${fmt(rows.at(-1)?.hostRssMb ?? Number.NaN, 1)} MB\n`,
      );
      screen = screen === 'live' ? 'trends' : 'live';
      await page.getByTestId(`nav-${screen}`).click();
    }
  } finally {
    await browser.close();
    await stopUiHost(host);
  }
  const hostGrowth = growthByScreen(rows, (r) => r.hostRssMb);
  const heapGrowth = growthByScreen(rows, (r) => r.pageHeapUsedMb);
  const ok =
    rows.length === minutes + 1 &&
    rows.every((r) => r.state === 'SELF_CONSUMPTION') &&
    pageErrors.length === 0;
  process.stdout.write(
    `\nReal-time soak: ${minutes} min, headless host with --ui, Chromium on the UI\n\n`,
  );
  print(rows);
  process.stdout.write(
    `\n${describeGrowth('host RSS', hostGrowth)}\n${describeGrowth('page heap after GC', heapGrowth)}\n` +
      `EMS in SELF_CONSUMPTION at every reading, page errors ${pageErrors.length}: ${ok ? 'ok' : 'FAILED'}\n`,
  );
  await mkdir(dirname(RESULT), { recursive: true });
  await writeFile(
    RESULT,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, minutes, ok, hostGrowth, heapGrowth, pageErrors, rows }, null, 2)}\n`,
  );
  process.stdout.write(`written to ${RESULT}\n`);
  return ok;
}
