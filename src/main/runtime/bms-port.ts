import type { BmsLink } from '../devices/can/bms-link';
import type { BmsPort } from './device-ports';

/** Adapts a CAN BMS link to the runtime's BMS port; the link's own problems become lastError. */
export function bmsPortFromLink(link: BmsLink): BmsPort {
  return {
    label: `BMS on ${link.stats().transport}`,
    latest: () => link.latest(),
    // The link knows what is wrong now: transport down, a recent transport error, or malformed frames.
    lastError: () => link.problem(),
    framesDecoded: () => link.stats().framesDecoded,
    close: () => link.close(),
  };
}
