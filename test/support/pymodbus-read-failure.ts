import { parseStatus, statusWhere } from './status-lines';
import { startHybridHost, startPymodbusSite, writeHybridSiteFile } from './pymodbus-site';
import { waitFor } from './wait-for';

/**
 * Reads fail while writes still work, on the pymodbus SunSpec hybrid: the real headless host
 * in SELF_CONSUMPTION holds a steady house (2600 W load, 1200 W PV) with the battery
 * discharging about 1400 W; then the site answers every read (function codes 3 and 4) of
 * both units, or only of the inverter, with exception 4 while its writes still land. Measured
 * by the site itself: the time from the failure's start until the 124 controls written hold
 * the battery at 0 W.
 */

/** Whose reads fail. */
export type PymodbusReadFailure = 'both' | 'inverter';

/** In words, for tables. */
export const PYMODBUS_READ_FAILURES: Readonly<Record<PymodbusReadFailure, string>> = {
  both: 'reads of meter and inverter get exception 4',
  inverter: 'reads of the inverter get exception 4',
};

/** One measured read failure. */
export interface PymodbusReadFailureResult {
  /** From the failure's start until the controls held 0 W, ms (the site's clock); null: not within the bound. */
  readonly zeroAfterMs: number | null;
  /** The battery's power when the failure began, W. */
  readonly dischargeW: number;
  /** The host's state and faults on its next status line after 0 W (or the bound). */
  readonly state: string;
  readonly faults: readonly string[];
}

const STEADY_LOAD_W = 2600;
const STEADY_PV_W = 1200;

/** Measures one read failure on a fresh site and host; waits `boundMs` for 0 W at most. */
export async function measurePymodbusReadFailure(
  which: PymodbusReadFailure,
  boundMs = 10_000,
): Promise<PymodbusReadFailureResult> {
  const site = await startPymodbusSite();
  const host = startHybridHost(await writeHybridSiteFile(site.port));
  try {
    await host.waitForLine(
      statusWhere((s) => s.state === 'SELF_CONSUMPTION'),
      60_000,
    );
    await site.ask(`steady ${STEADY_LOAD_W} ${STEADY_PV_W}`);
    const wantW = STEADY_LOAD_W - STEADY_PV_W;
    // Steady: the battery within 100 W of covering the house for 2 s running.
    let since: number | null = null;
    const dischargeW = await waitFor(
      async () => {
        const battery = Number((await site.ask('now')).split(' ')[1]);
        if (Math.abs(battery - wantW) > 100) since = null;
        else since ??= Date.now();
        return since !== null && Date.now() - since >= 2000 ? battery : null;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `the battery discharging ~${wantW} W` },
    );
    await site.ask(`readfail ${which}`);
    let zeroAfterMs: number | null = null;
    try {
      zeroAfterMs = await waitFor(
        async () => {
          const ms = Number((await site.ask('zero')).split(' ')[1]);
          return Number.isFinite(ms) ? ms : null;
        },
        { timeoutMs: boundMs, intervalMs: 20, what: '0 W held by the controls' },
      );
    } catch {
      zeroAfterMs = null;
    }
    const from = host.lines.length;
    const line = parseStatus(
      await host.waitForLine(
        statusWhere(() => true),
        10_000,
        from,
      ),
    );
    return { zeroAfterMs, dischargeW, state: line.state, faults: line.faults };
  } finally {
    host.kill('SIGTERM');
    await host.exited;
    await site.close();
  }
}
