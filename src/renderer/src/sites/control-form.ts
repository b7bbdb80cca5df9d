import { siteControlSchema, type SiteFile } from '../../../shared/site-schema';

/**
 * The control settings the site form shows, each with what it means and its unit. The
 * other settings of the `control` section are carried over from the file unchanged (their
 * defaults on a new site); docs/site-file.md describes them all.
 */

/** One shown control setting. */
export interface ControlFieldSpec {
  readonly key: ControlKey;
  readonly label: string;
  readonly unit: string;
  /** What it does, in a sentence. */
  readonly meaning: string;
  /** Empty text means "no limit" (null in the file) rather than the default. */
  readonly nullable?: true;
}

/** The control settings the form shows. */
export const CONTROL_KEYS = [
  'gridTargetW',
  'socMinPct',
  'socMaxPct',
  'rampWPerS',
  'deadbandW',
  'gridImportLimitW',
  'gridExportLimitW',
  'pollIntervalMs',
  'meterMaxHoldS',
] as const;
/** A shown control setting's key in the file. */
export type ControlKey = (typeof CONTROL_KEYS)[number];

/** The shown settings as typed. */
export type ControlForm = Readonly<Record<ControlKey, string>>;

/** The shown settings in form order, with meaning and unit. */
export const CONTROL_FIELDS: readonly ControlFieldSpec[] = [
  {
    key: 'gridTargetW',
    label: 'Grid target',
    unit: 'W',
    meaning: 'Grid power the EMS steers to in AUTO; + import, - export; 0 = self-consumption.',
  },
  {
    key: 'socMinPct',
    label: 'SOC minimum',
    unit: '%',
    meaning: 'Below this state of charge the battery is not discharged.',
  },
  {
    key: 'socMaxPct',
    label: 'SOC maximum',
    unit: '%',
    meaning: 'Above this state of charge the battery is not charged.',
  },
  {
    key: 'rampWPerS',
    label: 'Ramp rate',
    unit: 'W/s',
    meaning: 'How fast the inverter setpoint may change.',
  },
  {
    key: 'deadbandW',
    label: 'Deadband',
    unit: 'W',
    meaning: 'Grid errors smaller than this leave the setpoint as it is.',
  },
  {
    key: 'gridImportLimitW',
    label: 'Grid import limit',
    unit: 'W',
    meaning:
      'Most the site may take from the grid; the battery discharges to keep under it. Empty: no limit.',
    nullable: true,
  },
  {
    key: 'gridExportLimitW',
    label: 'Grid export limit',
    unit: 'W',
    meaning:
      'Most the site may feed into the grid; the battery charges to keep under it. Empty: no limit.',
    nullable: true,
  },
  {
    key: 'pollIntervalMs',
    label: 'Poll interval',
    unit: 'ms',
    meaning: 'Time between two reads of the meter and the inverter (one control cycle).',
  },
  {
    key: 'meterMaxHoldS',
    label: 'Meter hold limit',
    unit: 's',
    meaning: 'A meter that repeats the same sample longer than this is stale (METER_STALE).',
  },
];

/** The defaults of every control setting (a new site's). */
export const DEFAULT_CONTROL: SiteFile['control'] = siteControlSchema.parse({});

/** The shown settings of a control section, as text. */
export function controlFormOf(control: SiteFile['control']): ControlForm {
  const entries = CONTROL_KEYS.map((k) => {
    const v = control[k];
    return [k, v === null ? '' : String(v)] as const;
  });
  return Object.fromEntries(entries) as Record<ControlKey, string>;
}

/**
 * The control section to check and store: `carried` (the file's, or the defaults) with the
 * shown settings as typed. An empty field is the default, or no limit for a limit; text
 * that is not a number goes to the schema as text, so it says what is wrong.
 */
export function controlObjectOf(
  form: ControlForm,
  carried: SiteFile['control'] | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(carried ?? DEFAULT_CONTROL) };
  for (const f of CONTROL_FIELDS) {
    const t = form[f.key].trim();
    if (t === '') {
      out[f.key] = f.nullable ? null : DEFAULT_CONTROL[f.key];
      continue;
    }
    const n = Number(t);
    out[f.key] = Number.isFinite(n) ? n : t;
  }
  return out;
}
