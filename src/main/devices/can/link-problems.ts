import type { Clock } from '../../../shared/clock';
import type { BmsDecodeResult } from './bms-frame-decoder';

/**
 * What is wrong with a BMS link now, and what the log hears about it. Transport errors,
 * transport hiccups and malformed frames are all counted; the log gets each kind in a
 * measure that a noisy bus or a gateway that stays down cannot turn into a flood.
 */

/** Bookkeeping of one link's problems. */
export interface LinkProblems {
  /** A failed open, send or close, or a lost connection: counted, logged unless a repeat. */
  transportError(message: string): void;
  /** A transport hiccup (adapter error reply, garbled line): counted, logged at most every 10 s. */
  hiccup(message: string): void;
  /** Every frame's decode result: a good frame ends the active transport error. */
  frame(result: BmsDecodeResult): void;
  readonly transportErrors: number;
  readonly lastTransportError: string | null;
  /**
   * The problem to show: while closed, the last transport error; else a transport error
   * since the last good frame; else the newest malformed frame whose id has not decoded since.
   */
  current(open: boolean, framesMalformed: number): string | null;
}

/** Shortest time between two logged hiccups, ms. */
const HICCUP_LOG_INTERVAL_MS = 10_000;
/** Ids whose first malformed frame is logged, at most. */
const MAX_LOGGED_MALFORMED_IDS = 64;

/** Creates the bookkeeping; `log` receives the lines worth logging, `name` prefixes frame reasons. */
export function createLinkProblems(
  name: string,
  log: (message: string) => void,
  clock: Clock,
): LinkProblems {
  let transportErrors = 0;
  let lastTransportError: string | null = null;
  /** True from a transport error until the next frame that decodes. */
  let active = false;
  let lastLogged: string | null = null;
  let lastHiccupLogAt = -Infinity;
  let suppressedHiccups = 0;
  const malformedNow = new Map<number, string>();
  const loggedMalformed = new Set<number>();

  function count(message: string): void {
    transportErrors++;
    lastTransportError = message;
    active = true;
  }

  return {
    transportError(message) {
      count(message);
      // A gateway that stays down fails every retry the same way: say it once.
      if (message !== lastLogged) log(message);
      lastLogged = message;
    },
    hiccup(message) {
      count(message);
      const now = clock.now();
      if (now - lastHiccupLogAt < HICCUP_LOG_INTERVAL_MS) {
        suppressedHiccups++;
        return;
      }
      log(
        suppressedHiccups > 0 ? `${message} (and ${suppressedHiccups} more not logged)` : message,
      );
      lastHiccupLogAt = now;
      suppressedHiccups = 0;
    },
    frame(result) {
      if (result.ok) {
        active = false;
        lastLogged = null;
        malformedNow.delete(result.id);
      } else if (result.kind === 'malformed') {
        // Re-inserted so the map's last entry is the newest.
        malformedNow.delete(result.id);
        malformedNow.set(result.id, result.reason);
        if (!loggedMalformed.has(result.id) && loggedMalformed.size < MAX_LOGGED_MALFORMED_IDS) {
          loggedMalformed.add(result.id);
          log(`${name}: ${result.reason} (further ones only counted)`);
        }
      }
    },
    get transportErrors() {
      return transportErrors;
    },
    get lastTransportError() {
      return lastTransportError;
    },
    current(open, framesMalformed) {
      if (!open) return lastTransportError ?? 'CAN transport not open';
      if (active) return lastTransportError;
      const newest = [...malformedNow.values()].pop();
      return newest === undefined
        ? null
        : `${newest} (${framesMalformed} malformed frame(s) so far)`;
    },
  };
}
