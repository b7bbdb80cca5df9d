import type { z } from 'zod';
import { formatZodError } from '../../../shared/format-zod-error';
import {
  DEFAULT_SCAN_PORTS,
  DEFAULT_SCAN_UNIT_IDS,
  scanPortsSchema,
  scanTargetsSchema,
  scanUnitIdsSchema,
  type ScanParams,
} from '../../../shared/scan-schemas';
import { parseScanTargets } from '../../../shared/scan-targets';

/**
 * The Find devices form: three text fields checked as the technician types, with main's own
 * schemas and messages (src/shared/scan-schemas.ts), so the form refuses exactly what the
 * EMS would refuse and says it the same way.
 */

/** What the technician typed. */
export interface ScanFormText {
  readonly targets: string;
  /** Comma- or space-separated. */
  readonly ports: string;
  readonly unitIds: string;
}

/** The form as it opens. */
export const INITIAL_SCAN_FORM: ScanFormText = {
  targets: '',
  ports: DEFAULT_SCAN_PORTS.join(', '),
  unitIds: DEFAULT_SCAN_UNIT_IDS.join(', '),
};

/** The message per field (null when it is fine), and the request when all are. */
export interface ScanFormCheck {
  readonly errors: { readonly [K in keyof ScanFormText]: string | null };
  readonly params: ScanParams | null;
  /** Addresses the targets cover (0 while they are not valid). */
  readonly addresses: number;
}

/** "502, 1502" -> [502, 1502]; a part that is not a whole number is named. */
function numbers(text: string): { values: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const bad = parts.find((p) => !/^\d{1,6}$/.test(p));
  if (bad !== undefined) return { error: `"${bad}" is not a whole number` };
  return { values: parts.map(Number) };
}

function check<T>(schema: z.ZodType<T>, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : formatZodError(r.error).replace(/^\(root\): /, '');
}

function list(schema: z.ZodType, text: string): { values: number[] | null; error: string | null } {
  const parsed = numbers(text);
  if ('error' in parsed) return { values: null, error: parsed.error };
  const raw = check(schema, parsed.values);
  // "1: a TCP port" names the list index; the technician typed the value, so name that.
  const at = raw === null ? null : /^(\d+): (.*)$/.exec(raw);
  const error = at ? `${parsed.values[Number(at[1])] ?? at[1]}: ${at[2] ?? ''}` : raw;
  return { values: error === null ? parsed.values : null, error };
}

/** Checks the form field by field; `params` is what to send when every field is fine. */
export function checkScanForm(form: ScanFormText): ScanFormCheck {
  const targets = check(scanTargetsSchema, form.targets);
  const ports = list(scanPortsSchema, form.ports);
  const unitIds = list(scanUnitIdsSchema, form.unitIds);
  const parsed = parseScanTargets(form.targets);
  const ok = targets === null && ports.values !== null && unitIds.values !== null;
  return {
    errors: { targets, ports: ports.error, unitIds: unitIds.error },
    params:
      ok && ports.values !== null && unitIds.values !== null
        ? { targets: form.targets.trim(), ports: ports.values, unitIds: unitIds.values }
        : null,
    addresses: parsed.ok ? parsed.addresses.length : 0,
  };
}
