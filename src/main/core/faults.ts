import type { FaultCode } from '../../shared/ems-names';
import { FAULT_CODES } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import type { FreshView, LinkHealthMap } from './link-health';
import { timeoutFor } from './link-health';

/** A fault condition present right now. */
export interface DetectedFault {
  readonly code: FaultCode;
  readonly message: string;
}

/** A fault that is active, with the time it was first seen. */
export interface ActiveFault extends DetectedFault {
  readonly since: number;
}

/**
 * The protection alarms of a BMS reading. An alarm field that is not a list counts as an
 * alarm: an unreadable protection status must not look like "all clear".
 */
export function bmsAlarms(bms: FreshView['bms']): string[] {
  if (bms === null) return [];
  const raw: unknown = bms.alarms;
  if (!Array.isArray(raw)) return ['UNREADABLE_ALARM_LIST'];
  return raw.map((alarm) => String(alarm));
}

/**
 * Every fault condition of this step: a lost meter, inverter or (when the site has one) BMS
 * link, any protection alarm from a fresh BMS reading, a fresh inverter reading that says
 * the inverter is not following its setpoint, and a meter whose sample is frozen
 * (`meterStale`: why, from meter-freshness.ts). Ordered as FAULT_CODES.
 */
export function detectFaults(
  links: LinkHealthMap,
  fresh: FreshView,
  config: CoreConfig,
  meterStale: string | null = null,
): DetectedFault[] {
  const found: DetectedFault[] = [];
  const lost = (link: 'meter' | 'inverter' | 'bms', code: FaultCode, name: string): void => {
    if (links[link] !== 'lost') return;
    const timeout = timeoutFor(link, config);
    found.push({ code, message: `${name} link lost: no valid reading within ${timeout} ms` });
  };
  lost('meter', 'METER_COMM_LOSS', 'Meter');
  lost('inverter', 'INVERTER_COMM_LOSS', 'Inverter');
  if (config.hasBms === true) {
    lost('bms', 'BMS_COMM_LOSS', 'BMS');
    const alarms = bmsAlarms(fresh.bms);
    if (alarms.length > 0) {
      found.push({
        code: 'BMS_PROTECTION_ALARM',
        message: `BMS protection alarm: ${alarms.join(', ')}`,
      });
    }
  }
  const notFollowing: unknown = fresh.inverter?.notFollowing;
  if (typeof notFollowing === 'string' && notFollowing !== '') {
    found.push({ code: 'INVERTER_NOT_FOLLOWING', message: notFollowing });
  }
  // A frozen meter only counts while it answers; a silent one is METER_COMM_LOSS above.
  if (meterStale !== null && links.meter === 'ok')
    found.push({ code: 'METER_STALE', message: meterStale });
  return found;
}

/** Result of comparing this step's faults with the active ones. */
export interface FaultChanges {
  readonly active: readonly ActiveFault[];
  readonly raised: readonly ActiveFault[];
  readonly cleared: readonly ActiveFault[];
}

/**
 * Merges detected conditions into the active list: a fault that stays keeps its `since`
 * (its message may change, e.g. a new alarm joins), a new one starts at `now`.
 */
export function mergeFaults(
  previous: readonly ActiveFault[],
  detected: readonly DetectedFault[],
  now: number,
): FaultChanges {
  const byCode = new Map(previous.map((fault) => [fault.code, fault]));
  const active: ActiveFault[] = [];
  const raised: ActiveFault[] = [];
  for (const code of FAULT_CODES) {
    const hit = detected.find((fault) => fault.code === code);
    if (hit === undefined) continue;
    const before = byCode.get(code);
    const fault = { code, message: hit.message, since: before?.since ?? now };
    active.push(fault);
    if (before === undefined) raised.push(fault);
  }
  const cleared = previous.filter((fault) => !active.some((a) => a.code === fault.code));
  return { active, raised, cleared };
}

/** True when a BMS protection alarm is among the faults. */
export function hasProtectionAlarm(faults: readonly DetectedFault[]): boolean {
  return faults.some((fault) => fault.code === 'BMS_PROTECTION_ALARM');
}

/** The faults as one reason line, e.g. for a rejected command. */
export function describeFaults(faults: readonly DetectedFault[]): string {
  return faults.map((fault) => `${fault.code} (${fault.message})`).join('; ');
}
