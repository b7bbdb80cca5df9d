import type { CoreConfig } from './core-config';
import type { CoreEvent, CoreState } from './core-state';
import { describeFaults, hasProtectionAlarm } from './faults';
import { linksNotOk } from './link-health';
import { enterFault, enterMode } from './transitions';

/**
 * The state supervision of one step, after links and faults are known: the fault rule,
 * recovery, the start-up intent and external expiry. Returns the new state; pushes events.
 */
export interface Supervised {
  readonly state: CoreState;
  /** True when the external setpoint expired on this step: the output goes to 0 W at once. */
  readonly externalExpired: boolean;
}

/** Why the core is (still) in FAULT, for the state event. */
function faultWhy(s: CoreState): string {
  if (s.activeFaults.length > 0) return describeFaults(s.activeFaults);
  return 'BMS protection alarm latched, awaiting acknowledge';
}

/**
 * FAULT rule: in any state but STOP, an active fault or a pending protection latch means
 * FAULT. A protection alarm outside STOP sets the latch (needsAck).
 */
function applyFaultRule(s: CoreState, now: number, events: CoreEvent[]): CoreState {
  if (s.state === 'STOP') return s;
  let next = s;
  if (hasProtectionAlarm(next.activeFaults)) next = { ...next, needsAck: true, resumeMode: null };
  if (next.state === 'FAULT' || (next.activeFaults.length === 0 && !next.needsAck)) return next;
  const t = enterFault(next, now, faultWhy(next));
  events.push(...t.events);
  return t.state;
}

/**
 * Recovery: FAULT leaves by itself once no fault is active, no latch is pending and every
 * configured link is fresh: into STANDBY, or (config.autoResume) the mode it had before.
 */
function applyRecovery(
  s: CoreState,
  now: number,
  config: CoreConfig,
  events: CoreEvent[],
): CoreState {
  if (s.state !== 'FAULT' || s.activeFaults.length > 0 || s.needsAck) return s;
  if (linksNotOk(s.links, config).length > 0) return s;
  const resume = config.autoResume === true && s.resumeMode !== null ? s.resumeMode : 'IDLE';
  const why = resume === 'IDLE' ? 'links recovered' : `links recovered, auto-resume ${resume}`;
  const t = enterMode({ ...s, resumeMode: null }, resume, now, why);
  events.push(...t.events);
  return t.state;
}

/** Start-up intent: STANDBY enters the pending mode once every configured link is fresh. */
function applyPendingIntent(
  s: CoreState,
  now: number,
  config: CoreConfig,
  events: CoreEvent[],
): CoreState {
  if (s.state !== 'STANDBY' || s.pendingMode === null) return s;
  if (linksNotOk(s.links, config).length > 0) return s;
  const t = enterMode(s, s.pendingMode, now, `links fresh, entering pending mode ${s.pendingMode}`);
  events.push(...t.events);
  return t.state;
}

/** External expiry: the setpoint is dropped (the mode stays EXTERNAL) and reported once. */
function applyExternalExpiry(s: CoreState, now: number, events: CoreEvent[]): Supervised {
  const ext = s.external;
  if (s.mode !== 'EXTERNAL' || ext === null || now < ext.expiresAt)
    return { state: s, externalExpired: false };
  events.push({
    at: now,
    kind: 'external-expired',
    code: ext.source,
    message: `External setpoint ${ext.watts} W from ${ext.source} expired: output 0 W until a new setpoint`,
  });
  return { state: { ...s, external: null }, externalExpired: true };
}

/** Runs fault rule, recovery, pending intent and expiry, in that order. */
export function supervise(
  s: CoreState,
  now: number,
  config: CoreConfig,
  events: CoreEvent[],
): Supervised {
  const faulted = applyFaultRule(s, now, events);
  const recovered = applyRecovery(faulted, now, config, events);
  const entered = applyPendingIntent(recovered, now, config, events);
  return applyExternalExpiry(entered, now, events);
}
