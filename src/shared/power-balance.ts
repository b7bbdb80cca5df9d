/**
 * The site's power balance, stated once for main and the renderer. Signs (the field's, as in
 * OpenEMS): grid + = import, inverter AC + = discharge (feeds the AC side), PV >= 0.
 *
 * At the house's connection point power in equals power out:
 *   load = grid + inverter AC + PV on its own AC feed.
 * PV behind a hybrid inverter is already inside the inverter's AC power, so it is not added
 * again. Where PV is not measured at all, the same sum is the load net of that unmeasured PV
 * (what the house takes beyond what PV covers); the UI says so.
 */

/** Where a measured PV power sits in the balance. */
export type PvPlacement = 'behindInverter' | 'ownFeed';

/** One moment's measurements; null = stale or not measured. */
export interface BalanceInputs {
  /** Grid power, W (+ import). */
  readonly gridW: number | null;
  /** Inverter AC power, W (+ discharge). */
  readonly inverterAcW: number | null;
  /** PV power, W (>= 0); null where the site does not measure it. */
  readonly pvW: number | null;
  /** Where `pvW` is measured; PV read from a hybrid inverter is behind it. */
  readonly pvPlacement: PvPlacement;
}

/** PV and load as charted and shown; null when a needed value is stale or unknown. */
export interface PowerBalance {
  /** PV production, W (>= 0); null where not measured. */
  readonly pvW: number | null;
  /** The house's consumption, W (>= 0 on a sane site; a negative sum is passed on, not hidden). */
  readonly loadW: number | null;
}

const usable = (v: number | null): v is number => v !== null && Number.isFinite(v);

/** PV and load from one moment's measurements (see the balance above). */
export function powerBalance(inputs: BalanceInputs): PowerBalance {
  const pvW = usable(inputs.pvW) ? Math.max(0, inputs.pvW) : null;
  const { gridW, inverterAcW } = inputs;
  if (!usable(gridW) || !usable(inverterAcW)) return { pvW, loadW: null };
  const ownFeedPv = inputs.pvPlacement === 'ownFeed' ? pvW : 0;
  // PV on its own feed but not readable now: the sum would read low, so say unknown.
  if (ownFeedPv === null) return { pvW, loadW: null };
  return { pvW, loadW: gridW + inverterAcW + ownFeedPv };
}
