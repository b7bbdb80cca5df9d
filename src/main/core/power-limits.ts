import type { LimitedBy } from '../../shared/ems-names';
import type { CoreConfig } from './core-config';
import type { FreshView } from './link-health';
import { finiteOr, finiteOrNull, nonNegative } from './safe-values';
import { controlledPowerW } from './measurements';
import type { SocGuard } from './soc-guard';

/**
 * The allowed output band [lowerW <= 0 <= upperW] (inverter sign: lower = most charge,
 * upper = most discharge) and the label of the limit that set each edge.
 */
export interface PowerBand {
  readonly lowerW: number;
  readonly upperW: number;
  readonly lowerBy: LimitedBy;
  readonly upperBy: LimitedBy;
}

/** A band that allows nothing: the state before any step. */
export const CLOSED_BAND: PowerBand = { lowerW: 0, upperW: 0, lowerBy: 'none', upperBy: 'none' };

/** One candidate bound on one side: a magnitude, W (>= 0), and its label. */
interface Bound {
  readonly w: number;
  readonly by: LimitedBy;
}

/** The tightest bound; on a tie the earlier one wins, so list the most telling reason first. */
function tightest(bounds: readonly Bound[]): Bound {
  let best: Bound = { w: Number.POSITIVE_INFINITY, by: 'none' };
  for (const b of bounds) if (b.w < best.w) best = b;
  return best;
}

/** BMS power limit = current limit x pack voltage; anything non-finite or negative is 0. */
function bmsPowerW(currentA: unknown, voltageV: unknown): number {
  return nonNegative(nonNegative(currentA) * nonNegative(voltageV));
}

/**
 * The inverter efficiency applied to the BMS discharge limit: at most 1 (it may only tighten
 * a limit), a non-finite setting counts as 1 and a negative one as 0 (discharge closed).
 */
function efficiency(config: CoreConfig): number {
  return Math.min(1, nonNegative(finiteOr(config.inverterEfficiency, 1)));
}

/**
 * Grid limits restrict only what the battery adds. `base` is the grid power the site would
 * have with the battery at 0 W. Unknown base (stale or non-finite): that side is closed.
 */
function gridBounds(fresh: FreshView, config: CoreConfig): { charge: Bound[]; discharge: Bound[] } {
  const inverterW = fresh.inverter === null ? null : finiteOrNull(controlledPowerW(fresh.inverter));
  const base =
    fresh.gridW === null || inverterW === null ? null : finiteOrNull(fresh.gridW + inverterW);
  const charge: Bound[] = [];
  const discharge: Bound[] = [];
  if (config.gridImportLimitW !== null && config.gridImportLimitW !== undefined) {
    const limit = finiteOr(config.gridImportLimitW, 0);
    // lower = max(lower, min(0, base - importLimit)): the charge magnitude is its negation.
    const w = base === null ? 0 : nonNegative(-Math.min(0, base - limit));
    charge.push({ w, by: 'gridImportLimit' });
  }
  if (config.gridExportLimitW !== null && config.gridExportLimitW !== undefined) {
    const limit = finiteOr(config.gridExportLimitW, 0);
    // upper = min(upper, max(0, base + exportLimit)).
    const w = base === null ? 0 : nonNegative(Math.max(0, base + limit));
    discharge.push({ w, by: 'gridExportLimit' });
  }
  return { charge, discharge };
}

/**
 * The allowed band for this step from every limit: BMS enable flags, unknown SOC, the SOC
 * window, BMS CCL/DCL x pack voltage (only with a BMS), the inverter rating and the grid
 * import/export limits. Non-finite numbers count as 0, which closes that direction.
 */
export function computePowerBand(
  fresh: FreshView,
  socGuard: SocGuard,
  config: CoreConfig,
): PowerBand {
  const charge: Bound[] = [];
  const discharge: Bound[] = [];
  if (config.hasBms === true) {
    const bms = fresh.bms;
    // A lost link must read as lost, not as a BMS that switched a direction off.
    if (bms === null) {
      charge.push({ w: 0, by: 'bmsLinkLost' });
      discharge.push({ w: 0, by: 'bmsLinkLost' });
    } else {
      charge.push({ w: bms.chargeEnabled ? Infinity : 0, by: 'bmsChargeDisabled' });
      discharge.push({ w: bms.dischargeEnabled ? Infinity : 0, by: 'bmsDischargeDisabled' });
    }
  }
  if (socGuard.socUnknown) {
    charge.push({ w: 0, by: 'socUnknown' });
    discharge.push({ w: 0, by: 'socUnknown' });
  }
  charge.push({ w: socGuard.chargeBlocked ? 0 : Infinity, by: 'socMax' });
  discharge.push({ w: socGuard.dischargeBlocked ? 0 : Infinity, by: 'socMin' });
  if (config.hasBms === true) {
    const bms = fresh.bms;
    charge.push({
      w: bms === null ? 0 : bmsPowerW(bms.chargeCurrentLimitA, bms.voltageV),
      by: 'bmsChargeCurrentLimit',
    });
    discharge.push({
      // The inverter's losses come out of the pack: the AC side gets DCL x V x efficiency.
      w:
        bms === null ? 0 : bmsPowerW(bms.dischargeCurrentLimitA, bms.voltageV) * efficiency(config),
      by: 'bmsDischargeCurrentLimit',
    });
  }
  charge.push({ w: nonNegative(config.inverterMaxChargeW), by: 'inverterRating' });
  discharge.push({ w: nonNegative(config.inverterMaxDischargeW), by: 'inverterRating' });
  const grid = gridBounds(fresh, config);
  const lower = tightest([...charge, ...grid.charge]);
  const upper = tightest([...discharge, ...grid.discharge]);
  return {
    lowerW: lower.w === 0 ? 0 : -lower.w,
    upperW: upper.w,
    lowerBy: lower.by,
    upperBy: upper.by,
  };
}

/**
 * Clamps `w` into the band. `by` names the edge that cut it, or null when `w` was inside.
 * A non-finite `w` becomes 0 (inside every band).
 */
export function clampToBand(w: number, band: PowerBand): { w: number; by: LimitedBy | null } {
  const value = finiteOr(w, 0);
  if (value > band.upperW) return { w: band.upperW, by: band.upperBy };
  if (value < band.lowerW) return { w: band.lowerW, by: band.lowerBy };
  return { w: value, by: null };
}
