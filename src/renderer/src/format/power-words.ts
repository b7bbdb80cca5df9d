/**
 * Power in words for the operator: a magnitude with its direction ("importing 1.20 kW"),
 * so nobody has to remember which sign means what while standing in a plant room.
 * Signs follow src/shared/ems-names.ts: grid + = import, inverter + = discharge.
 */

import { UNIT_GAP } from './format-values';

/** A power with its direction, ready to show. */
export interface PowerWords {
  /** The direction word, e.g. "importing"; "no exchange"/"idle" at 0 W. */
  readonly direction: string;
  /** The magnitude with its unit, e.g. "1.20 kW". */
  readonly magnitude: string;
  /** Both together, e.g. "importing 1.20 kW". */
  readonly text: string;
}

/** Below this magnitude a power counts as zero for its direction word, W. */
const ZERO_W = 0.5;

/**
 * Formats a magnitude: whole watts below 1 kW, kW with two decimals above (10 W
 * resolution is what a commissioning check needs; more digits only flicker).
 */
export function formatPower(watts: number): string {
  const abs = Math.abs(watts);
  if (abs < ZERO_W) return `0${UNIT_GAP}W`;
  if (abs < 999.5) return `${Math.round(abs)}${UNIT_GAP}W`;
  return `${(abs / 1000).toFixed(2)}${UNIT_GAP}kW`;
}

function words(watts: number, positive: string, negative: string, zero: string): PowerWords {
  const magnitude = formatPower(watts);
  const direction = Math.abs(watts) < ZERO_W ? zero : watts > 0 ? positive : negative;
  return { direction, magnitude, text: `${direction} ${magnitude}` };
}

/** Grid power (positive = import). */
export function gridWords(watts: number): PowerWords {
  return words(watts, 'importing', 'exporting', 'no exchange');
}

/** Battery/inverter power (positive = discharge). */
export function batteryWords(watts: number): PowerWords {
  return words(watts, 'discharging', 'charging', 'idle');
}

/** A setpoint (positive = discharge), phrased as an order. */
export function setpointWords(watts: number): PowerWords {
  return words(watts, 'discharge', 'charge', 'hold');
}

/**
 * The house's net power, derived: load - PV = grid + battery. The EMS measures neither
 * load nor PV on their own, so this is all it can honestly say about them.
 * Positive = the house consumes more than the PV makes.
 */
export function houseNetW(gridW: number | null, inverterW: number | null): number | null {
  if (gridW === null || inverterW === null) return null;
  return gridW + inverterW;
}

/** The derived house power in words. */
export function houseWords(watts: number): PowerWords {
  return words(watts, 'consuming', 'PV surplus', 'balanced');
}
