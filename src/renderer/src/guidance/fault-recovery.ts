import type { RunMode } from '../../../shared/ems-names';
import type { EventView, FaultLogView } from '../../../shared/fault-view';
import type { EmsSnapshot } from '../../../shared/snapshot';

/**
 * What the operator must know once a fault has cleared: that it happened (the output was held
 * at 0 W meanwhile), and either that a mode must be chosen again or that auto-resume chose the
 * old one. Decided from main's fault log, events and snapshot, never from page-local memory,
 * so a reload shows the same banner.
 */
export interface FaultRecovery {
  /** The fault codes of the episode that ended, in the order they were raised. */
  readonly codes: readonly string[];
  /** When the episode's first fault was raised, ISO 8601. */
  readonly raisedAt: string;
  /** When its last fault cleared (or was acknowledged), ISO 8601: the banner's identity. */
  readonly clearedAt: string;
  /** The mode auto-resume returned to; null when the operator must choose one. */
  readonly resumed: RunMode | null;
}

/** The events from which the core's auto-resume is recognised (see core/supervise.ts). */
const AUTO_RESUME = /auto-resume/;

/**
 * The episode that ended last, or null while a fault is active, when the log is empty or ends
 * on a raise, in STOP (the operator stopped it: nothing to resume), or once the operator has
 * chosen a mode after it.
 */
export function faultRecovery(
  snapshot: Pick<EmsSnapshot, 'state' | 'mode' | 'faults' | 'needsAck'>,
  faultLog: readonly FaultLogView[],
  events: readonly EventView[],
): FaultRecovery | null {
  if (snapshot.state === 'FAULT' || snapshot.state === 'STOP') return null;
  if (snapshot.faults.length > 0 || snapshot.needsAck) return null;
  const last = faultLog[faultLog.length - 1];
  if (!last || last.kind === 'raised') return null;
  // The episode: back to the entry before which nothing was active.
  const active = new Set<string>();
  let start = faultLog.length;
  for (let i = faultLog.length - 1; i >= 0; i--) {
    const e = faultLog[i];
    if (!e) break;
    if (e.kind === 'raised') active.delete(e.code);
    else if (e.kind === 'cleared') active.add(e.code);
    start = i;
    if (e.kind === 'raised' && active.size === 0) break;
  }
  const episode = faultLog.slice(start);
  const codes = [...new Set(episode.filter((e) => e.kind === 'raised').map((e) => e.code))];
  const first = episode[0];
  if (!first) return null;
  const resumedEvent = events.some(
    (e) => e.kind === 'mode' && e.time >= last.time && AUTO_RESUME.test(e.message),
  );
  let resumed: RunMode | null = null;
  if (snapshot.mode !== 'IDLE') {
    // A mode other than IDLE after the clear: auto-resume's, or the operator's own choice.
    if (!resumedEvent) return null;
    resumed = snapshot.mode;
  }
  return { codes, raisedAt: first.time, clearedAt: last.time, resumed };
}
