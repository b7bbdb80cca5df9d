import type { EmsSnapshot } from '../../../shared/snapshot';
import { houseNetW } from '../format/power-words';

/**
 * What the power-flow picture draws, decided without React so every rule is tested: which way
 * each link carries power, how thick it is, and which links are stale (drawn broken).
 */

/** The places power moves between. "bus" is the house's AC connection point. */
export type FlowNode = 'grid' | 'pv' | 'house' | 'bus' | 'inverter' | 'battery';

/** One line of the picture. */
export interface FlowLink {
  readonly id: 'grid' | 'pv' | 'house' | 'inverter' | 'battery';
  /** Positive power flows from `from` to `to`. */
  readonly from: FlowNode;
  readonly to: FlowNode;
  /** Signed power along the link, W; null when stale or not measured. */
  readonly watts: number | null;
  /** 'forward' = from -> to, 'reverse' = to -> from, 'none' = about 0 W or unknown. */
  readonly direction: 'forward' | 'reverse' | 'none';
  /** Stroke width in picture units, growing with the power. */
  readonly width: number;
  /** True when the value is stale or not measured: drawn as a broken line. */
  readonly broken: boolean;
}

/** Below this a link counts as carrying nothing, W (meter noise, inverter standby). */
export const FLOW_IDLE_W = 20;
const MIN_WIDTH = 2;
const MAX_WIDTH = 12;

/** The widest line stands for this power: the larger inverter rating, at least 1 kW. */
function fullScaleW(s: Pick<EmsSnapshot, 'ratings'>): number {
  return Math.max(1000, s.ratings.maxChargeW, s.ratings.maxDischargeW);
}

function link(
  id: FlowLink['id'],
  from: FlowNode,
  to: FlowNode,
  watts: number | null,
  scaleW: number,
): FlowLink {
  if (watts === null || !Number.isFinite(watts))
    return { id, from, to, watts: null, direction: 'none', width: MIN_WIDTH, broken: true };
  const abs = Math.abs(watts);
  const direction = abs < FLOW_IDLE_W ? 'none' : watts > 0 ? 'forward' : 'reverse';
  // Square root: a 300 W house load is still visible beside a 5 kW battery.
  const width = MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * Math.sqrt(Math.min(1, abs / scaleW));
  return { id, from, to, watts, direction, width, broken: false };
}

/**
 * DC power of the battery (positive = out of the pack), from the BMS's voltage and current
 * when both are fresh (its current is positive into the pack), else the inverter's AC power.
 */
export function batteryDcW(s: Pick<EmsSnapshot, 'bms' | 'inverterW'>): {
  watts: number | null;
  source: 'bms' | 'inverter';
} {
  const v = s.bms?.voltageV ?? null;
  const a = s.bms?.currentA ?? null;
  if (v !== null && a !== null) return { watts: -(v * a), source: 'bms' };
  return { watts: s.inverterW, source: 'inverter' };
}

/** What the picture is made from; `current` false means the whole snapshot is stale. */
export type FlowInput = Pick<EmsSnapshot, 'gridW' | 'inverterW' | 'bms' | 'ratings'>;

/**
 * The five links. PV has no meter of its own on these sites, so its link is drawn broken
 * (not measured) and the house link carries load minus PV, derived as grid + battery.
 */
export function flowLinks(s: FlowInput, current: boolean): readonly FlowLink[] {
  const scale = fullScaleW(s);
  const fresh = (w: number | null): number | null => (current ? w : null);
  return [
    link('grid', 'grid', 'bus', fresh(s.gridW), scale),
    link('pv', 'pv', 'bus', null, scale),
    link('house', 'bus', 'house', fresh(houseNetW(s.gridW, s.inverterW)), scale),
    link('inverter', 'inverter', 'bus', fresh(s.inverterW), scale),
    link('battery', 'battery', 'inverter', fresh(batteryDcW(s).watts), scale),
  ];
}
