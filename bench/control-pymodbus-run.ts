import { writeFile } from 'node:fs/promises';
import { DEFAULT_CORE_CONFIG } from '../src/main/core/core-config';
import {
  measuredFigures,
  noBatteryMeanAbsW,
  oracleFigures,
  parseSeries,
  type SeriesFigures,
} from '../test/support/control-quality/site-series';
import {
  startHybridHost,
  startPymodbusSite,
  writeHybridSiteFile,
} from '../test/support/pymodbus-site';
import { parseStatus, statusWhere } from '../test/support/status-lines';

/**
 * One control-quality run on the pymodbus SunSpec hybrid: the site with a meter refreshing
 * every `meterPeriodS` (0: every 50 ms step), the real headless host in SELF_CONSUMPTION
 * against it, `seconds` of the site's true samples recorded once the EMS is in control, and
 * the EMS's figures next to the ramp-limited oracle's over the same load and PV.
 */

/**
 * The oracle's ramp: the site's rampWPerS (the site file sets none, so the default), the
 * fastest the EMS itself may move the battery.
 */
export const SITE_RAMP_W_PER_S = DEFAULT_CORE_CONFIG.rampWPerS;
/** The battery's rating in the site file and the fixture (WChaMax). */
export const SITE_RATED_W = 5000;
/** The fixture's power-stage lag after the ramp, s. */
export const SITE_LAG_S = 0.2;

/** What one run measured. */
export interface PymodbusControlRun {
  readonly meterPeriodS: number;
  readonly samples: number;
  readonly seconds: number;
  readonly noBatteryMeanAbsW: number;
  readonly ems: SeriesFigures;
  readonly oracle: SeriesFigures;
  /** The oracle through the device's lag as well: the best reachable through this device. */
  readonly laggedOracle: SeriesFigures;
  /** ems.reduction / oracle.reduction. */
  readonly shareOfOracle: number;
  /** Every fault code on the host's status lines during the recording. */
  readonly faults: readonly string[];
  /** States other than SELF_CONSUMPTION seen during the recording. */
  readonly otherStates: readonly string[];
  /** Read requests to the meter per second during the recording: the EMS's poll cycles. */
  readonly meterReadsPerS: number;
}

/** Parses the site's "reads SECONDS INVERTER METER" answer into meter reads per second. */
function meterReadsPerS(answer: string): number {
  const m = /^reads ([\d.]+) (\d+) (\d+)$/.exec(answer);
  if (m === null) throw new Error(`pymodbus site: unexpected answer to "reads": ${answer}`);
  return Number(m[3]) / Number(m[1]);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one meter period on a fresh site and host; writes the samples to `samplesPath` if given. */
export async function runPymodbusControl(
  meterPeriodS: number,
  seconds: number,
  samplesPath?: string,
): Promise<PymodbusControlRun> {
  const site = await startPymodbusSite(['--meter-period', String(meterPeriodS)]);
  const host = startHybridHost(await writeHybridSiteFile(site.port));
  try {
    const first = host.lines.indexOf(
      await host.waitForLine(
        statusWhere((s) => s.state === 'SELF_CONSUMPTION'),
        60_000,
      ),
    );
    // Three more status lines: the EMS has the battery in hand before the recording starts.
    await host.waitForLine(() => host.lines.length - first > 3, 30_000, first);
    await site.ask('reset');
    const from = host.lines.length;
    await pause(seconds * 1000);
    const reads = meterReadsPerS(await site.ask('reads'));
    const series = parseSeries(await site.ask('samples'));
    const statuses = host.lines.slice(from).flatMap((l) => {
      try {
        return [parseStatus(l)];
      } catch {
        return [];
      }
    });
    const ems = measuredFigures(series);
    const limits = { rampWPerS: SITE_RAMP_W_PER_S, ratedW: SITE_RATED_W };
    const oracle = oracleFigures(series, limits);
    if (samplesPath !== undefined) await writeFile(samplesPath, JSON.stringify(series));
    return {
      meterPeriodS,
      samples: series.t.length,
      seconds: (series.t.at(-1) ?? 0) - (series.t[0] ?? 0),
      noBatteryMeanAbsW: noBatteryMeanAbsW(series),
      ems,
      oracle,
      laggedOracle: oracleFigures(series, { ...limits, lagS: SITE_LAG_S }),
      shareOfOracle: ems.reduction / oracle.reduction,
      faults: [...new Set(statuses.flatMap((s) => s.faults))],
      meterReadsPerS: reads,
      otherStates: [
        ...new Set(statuses.map((s) => s.state).filter((s) => s !== 'SELF_CONSUMPTION')),
      ],
    };
  } finally {
    host.kill('SIGTERM');
    await host.exited;
    await site.close();
  }
}
