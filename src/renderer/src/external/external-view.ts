import type { EventView } from '../../../shared/fault-view';
import type { EmsSnapshot } from '../../../shared/snapshot';
import { setpointWords } from '../format/power-words';

/** The kind of the event main sends when an external setpoint's ttl ran out. */
export const EXTERNAL_EXPIRED_KIND = 'external-expired';

/** What the external-control panel shows; null when there is nothing to show. */
export interface ExternalView {
  /** The command in words ("charge 1.50 kW"), or the waiting line. */
  readonly command: string;
  /** The command in the inverter's sign, W (0 while waiting). */
  readonly watts: number;
  /** Who sent it; null while waiting. */
  readonly source: string | null;
  /** Seconds left of its ttl, rounded up; null while waiting. */
  readonly remainingS: number | null;
  /** True in mode EXTERNAL with no live setpoint: the output is 0 W until one arrives. */
  readonly waiting: boolean;
  /** The latest expiry that still explains the 0 W; null once a new setpoint is followed. */
  readonly expired: EventView | null;
}

/** The line shown in mode EXTERNAL before (or after) a controller's setpoint. */
export const WAITING_TEXT = '0 W \u2014 waiting for the controller';

/**
 * The external-control panel's content. Shown in mode EXTERNAL, and whenever a setpoint is
 * held (so a mode change that keeps one visible is not hidden). An expiry notice is shown
 * only while no newer setpoint is running, because then it is what explains the 0 W.
 */
export function externalView(
  snapshot: Pick<EmsSnapshot, 'mode' | 'external'>,
  events: readonly EventView[],
): ExternalView | null {
  const ext = snapshot.external;
  if (snapshot.mode !== 'EXTERNAL' && ext === null) return null;
  if (ext !== null) {
    return {
      command: setpointWords(ext.watts).text,
      watts: ext.watts,
      source: ext.source,
      remainingS: Math.max(0, Math.ceil(ext.remainingS)),
      waiting: false,
      expired: null,
    };
  }
  let expired: EventView | null = null;
  for (let i = events.length - 1; i >= 0 && expired === null; i--) {
    const e = events[i];
    if (e?.kind === EXTERNAL_EXPIRED_KIND) expired = e;
  }
  return {
    command: WAITING_TEXT,
    watts: 0,
    source: null,
    remainingS: null,
    waiting: true,
    expired,
  };
}

/** "7 s", "2 min 05 s": the ttl left, readable at a glance. */
export function formatRemaining(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
