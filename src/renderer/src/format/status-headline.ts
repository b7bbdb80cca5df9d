import type { EmsSnapshot } from '../../../shared/snapshot';
import { stateWords } from './ems-words';
import { formatPower } from './power-words';

/** How the headline is coloured: it names the kind of situation, not the state code. */
export type HeadlineTone = 'stopped' | 'standby' | 'auto' | 'manual' | 'external' | 'fault';

/** The state, mode and source of the output in one line, for the top bar. */
export interface StatusHeadline {
  /** E.g. "CHARGE_ONLY 2.00 kW (manual)" or "EXTERNAL from scada-1 (7 s left)". */
  readonly text: string;
  readonly tone: HeadlineTone;
}

/** What the headline is made from. */
export type HeadlineInput = Pick<
  EmsSnapshot,
  'state' | 'mode' | 'pendingMode' | 'overrideW' | 'external' | 'faults'
>;

/** A source name may be 64 characters; the badge shows the start (the External panel all). */
const SOURCE_SHOWN = 24;
function shortSource(source: string): string {
  return source.length > SOURCE_SHOWN ? `${source.slice(0, SOURCE_SHOWN - 1)}\u2026` : source;
}

/**
 * The state badge's words. The state alone hides a manual override (CHARGE_ONLY runs in state
 * SELF_CONSUMPTION), so the run mode, its power and who commands it are always named with it.
 */
export function statusHeadline(s: HeadlineInput): StatusHeadline {
  switch (s.state) {
    case 'FAULT': {
      // One code fits the bar; several are counted (the fault banner lists them).
      const n = s.faults.length;
      const what = n === 0 ? 'waiting for links' : n === 1 ? s.faults[0]?.code : `${n} faults`;
      return { text: `FAULT 0\u00a0W (${what})`, tone: 'fault' };
    }
    case 'STOP':
      return { text: 'STOP 0\u00a0W', tone: 'stopped' };
    case 'STANDBY':
      return {
        text: s.pendingMode
          ? `STANDBY 0\u00a0W (waiting to enter ${s.pendingMode})`
          : 'STANDBY 0\u00a0W (choose a mode)',
        tone: 'standby',
      };
    case 'EXTERNAL_CONTROL':
      return {
        text: s.external
          ? `EXTERNAL from ${shortSource(s.external.source)} (${s.external.remainingS}\u00a0s left)`
          : 'EXTERNAL (waiting for the controller, 0\u00a0W)',
        tone: 'external',
      };
    case 'SELF_CONSUMPTION':
      if (s.mode === 'CHARGE_ONLY' || s.mode === 'DISCHARGE_ONLY')
        return { text: `${s.mode} ${formatPower(s.overrideW)} (manual)`, tone: 'manual' };
      return { text: `${s.mode} (automatic)`, tone: 'auto' };
    default:
      return { text: String(s.state), tone: 'standby' };
  }
}

/**
 * What the state means for the output, in words. In a manual override the state's own words
 * ("controlling the battery") would hide that the house is ignored, so the override is named.
 */
export function stateDetail(s: Pick<EmsSnapshot, 'state' | 'mode' | 'overrideW'>): string {
  if (s.state === 'SELF_CONSUMPTION' && (s.mode === 'CHARGE_ONLY' || s.mode === 'DISCHARGE_ONLY')) {
    const verb = s.mode === 'CHARGE_ONLY' ? 'charging' : 'discharging';
    return `manual override: ${verb} at ${formatPower(s.overrideW)} whatever the house does`;
  }
  return stateWords(s.state);
}
