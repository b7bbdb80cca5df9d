import type { FaultCode } from '../../shared/ems-names';
import type { BmsStatus } from '../../shared/snapshot';
import type { Measurements } from './measurements';
import { finiteOrNull, isRecord } from './safe-values';

/** How many entries the fault log keeps; older ones are dropped first. */
export const FAULT_LOG_LIMIT = 500;

/** BMS values as they were when a fault entry was written (the operator's view, without SOH). */
export type BmsSnapshot = Omit<BmsStatus, 'sohPct'>;

/**
 * The latest value of every link at the moment of a fault entry, fresh or not, with its
 * age, so a technician sees what the EMS last knew (a stale value shows a large age).
 */
export interface MeasurementSnapshot {
  readonly gridW: number | null;
  readonly gridAgeMs: number | null;
  readonly inverterW: number | null;
  readonly inverterAgeMs: number | null;
  /** The SOC the core was using (null = unknown). */
  readonly socPct: number | null;
  readonly bms: BmsSnapshot | null;
  readonly bmsAgeMs: number | null;
}

/** What happened to the fault: raised, cleared (condition gone) or acknowledged by an operator. */
export type FaultLogKind = 'raised' | 'cleared' | 'acknowledged';

/** One line of the fault log. */
export interface FaultLogEntry {
  readonly at: number;
  readonly code: FaultCode;
  readonly kind: FaultLogKind;
  readonly message: string;
  readonly measurements: MeasurementSnapshot;
}

/** Copies a list of codes from a BMS field of any shape. */
function stringList(x: unknown): string[] {
  return Array.isArray(x) ? x.map((item) => String(item)) : [];
}

/** Value and age of a raw sample of any shape. */
function valueAndAge(sample: unknown, now: number): { value: unknown; ageMs: number | null } {
  if (!isRecord(sample)) return { value: null, ageMs: null };
  const at = finiteOrNull(sample.at);
  return { value: sample.value, ageMs: at === null ? null : finiteOrNull(now - at) };
}

/** A plain-data copy of the BMS values (never a reference into driver objects). */
function snapshotBms(value: unknown): BmsSnapshot | null {
  if (!isRecord(value)) return null;
  const bool = (x: unknown): boolean | null => (typeof x === 'boolean' ? x : null);
  return {
    socPct: finiteOrNull(value.socPct),
    voltageV: finiteOrNull(value.voltageV),
    currentA: finiteOrNull(value.currentA),
    temperatureC: finiteOrNull(value.temperatureC),
    chargeCurrentLimitA: finiteOrNull(value.chargeCurrentLimitA),
    dischargeCurrentLimitA: finiteOrNull(value.dischargeCurrentLimitA),
    chargeEnabled: bool(value.chargeEnabled),
    dischargeEnabled: bool(value.dischargeEnabled),
    alarms: stringList(value.alarms),
    warnings: stringList(value.warnings),
  };
}

/** Snapshot of the measurements at `now`; `socPct` is the SOC the core used. */
export function snapshotMeasurements(
  m: Measurements,
  now: number,
  socPct: number | null,
): MeasurementSnapshot {
  const raw: unknown = m;
  const all = isRecord(raw) ? raw : {};
  const grid = valueAndAge(all.grid, now);
  const inverter = valueAndAge(all.inverter, now);
  const bms = valueAndAge(all.bms, now);
  return {
    gridW: finiteOrNull(grid.value),
    gridAgeMs: grid.ageMs,
    inverterW: isRecord(inverter.value) ? finiteOrNull(inverter.value.activePowerW) : null,
    inverterAgeMs: inverter.ageMs,
    socPct,
    bms: snapshotBms(bms.value),
    bmsAgeMs: bms.ageMs,
  };
}

/** The log with `entries` appended, trimmed to the last FAULT_LOG_LIMIT entries. */
export function appendFaultLog(
  log: readonly FaultLogEntry[],
  entries: readonly FaultLogEntry[],
): readonly FaultLogEntry[] {
  if (entries.length === 0) return log;
  const next = [...log, ...entries];
  return next.length > FAULT_LOG_LIMIT ? next.slice(next.length - FAULT_LOG_LIMIT) : next;
}
