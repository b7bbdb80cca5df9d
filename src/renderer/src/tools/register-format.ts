import type { ConnectionTestView } from '../../../shared/commissioning-views';
import { STALE_TEXT } from '../format/format-values';

/**
 * How register readings are printed in the console: integers exactly, floats with enough
 * digits to recognise a value (a scaled 0.1 must not print as 0.10000000149).
 */

/** A reading, or "—" when that interpretation does not exist (last register, bad word). */
export function formatReading(v: number | null): string {
  if (v === null) return STALE_TEXT;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return v.toExponential(4);
  return String(Number(v.toPrecision(7)));
}

/** The connection test in one line: RTT min/median/max and what went wrong. */
export function connectionSummary(t: ConnectionTestView): string {
  const rtt = t.roundTripMs
    ? `RTT min ${t.roundTripMs.min.toFixed(1)} ms / median ${t.roundTripMs.median.toFixed(1)} ms / max ${t.roundTripMs.max.toFixed(1)} ms`
    : 'no reply at all';
  const exc = t.exceptions.map((e) => `${e.text} (code ${e.code}) \u00d7${e.count}`).join(', ');
  const parts = [`${t.ok}/${t.reads} reads answered`, rtt];
  if (exc !== '') parts.push(`exceptions: ${exc}`);
  if (t.failures.length > 0)
    parts.push(`${t.failures.length} without reply: ${t.failures[0] ?? ''}`);
  return parts.join('; ');
}
