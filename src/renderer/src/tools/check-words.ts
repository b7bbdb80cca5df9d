import type {
  CheckId,
  CheckRunView,
  CheckStatus,
  MeasuredValue,
} from '../../../shared/check-views';

/** What each check does, in the technician's words. */
export const CHECK_INFO: Readonly<Record<CheckId, { title: string; does: string }>> = {
  meterSign: {
    title: 'Meter sign',
    does: 'Charges, then discharges by the step (1 kW unless set) and checks that the grid reading moves the right way by about the step.',
  },
  inverterStep: {
    title: 'Inverter step response',
    does: "Steps the inverter to minus and plus the step (1 kW unless set) without the EMS's ramp and measures its delay, ramp, settling and steady error.",
  },
  watchdog: {
    title: 'Watchdog',
    does: 'Sets 500 W, stops refreshing on purpose and watches what the inverter does when its watchdog expires.',
  },
  bmsLink: {
    title: 'BMS link',
    does: 'Checks that BMS frames arrive and decode, the limits are read and the SOC agrees with the inverter.',
  },
  commLoss: {
    title: 'Meter link loss',
    does: 'Drops the meter link in software: the EMS must go to FAULT at 0 W within its bound, then recover.',
  },
};

/** The tone a status is shown in. */
export function statusTone(status: CheckStatus | 'never'): 'good' | 'warn' | 'bad' | 'unknown' {
  if (status === 'pass') return 'good';
  if (status === 'warn') return 'warn';
  if (status === 'fail' || status === 'aborted') return 'bad';
  return 'unknown';
}

const UNITS: readonly [RegExp, string][] = [
  [/WPerS$/, 'W/s'],
  [/Pct$/, '%'],
  [/Ms$/, 'ms'],
  [/S$/, 's'],
  [/W$/, 'W'],
  [/A$/, 'A'],
  [/V$/, 'V'],
];

/** A figure's name split into words and its unit: "rampWPerS" -> ["ramp", "W/s"]. */
export function figureLabel(name: string): { label: string; unit: string } {
  const found = UNITS.find(([re]) => re.test(name));
  const base = found === undefined ? name : name.replace(found[0], '');
  const words = base.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return { label: words, unit: found?.[1] ?? '' };
}

/** A figure's value as shown: numbers with their unit, null as a dash. */
export function figureText(name: string, value: MeasuredValue): string {
  if (value === null) return '\u2014';
  if (typeof value !== 'number') return String(value);
  const { unit } = figureLabel(name);
  return unit === '' ? String(value) : `${value} ${unit}`;
}

/** The latest run of each check (the running one counts). */
export function latestRuns(runs: readonly CheckRunView[]): Partial<Record<CheckId, CheckRunView>> {
  const out: Partial<Record<CheckId, CheckRunView>> = {};
  for (const r of runs) out[r.check] = r;
  return out;
}
