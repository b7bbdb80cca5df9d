import { z } from 'zod';

/*
 * Sign conventions, stated once for the whole project:
 * - Grid power: positive = import from the grid, negative = export to the grid.
 * - Inverter (ESS) active power and setpoint: positive = discharge (battery feeds AC),
 *   negative = charge.
 * - Battery current from the BMS: positive = charge current into the pack (as the BMS reports it).
 */

/** Operating states of the EMS state machine (docs/state-machine.md). */
export const EMS_STATES = [
  'STOP',
  'STANDBY',
  'SELF_CONSUMPTION',
  'EXTERNAL_CONTROL',
  'FAULT',
] as const;
/** An operating state. */
export type EmsState = (typeof EMS_STATES)[number];
export const emsStateSchema = z.enum(EMS_STATES);

/** Run modes (docs/operating-modes.md). */
export const RUN_MODES = [
  'IDLE',
  'SELF_CONSUMPTION',
  'CHARGE_ONLY',
  'DISCHARGE_ONLY',
  'EXTERNAL',
] as const;
/** A run mode. */
export type RunMode = (typeof RUN_MODES)[number];
export const runModeSchema = z.enum(RUN_MODES);

/** The communication links the EMS watches. */
export const LINK_IDS = ['meter', 'inverter', 'bms'] as const;
/** A watched link. */
export type LinkId = (typeof LINK_IDS)[number];

/** Health of one link: connecting (no data yet, not a fault), ok (fresh), lost (stale: a fault). */
export const LINK_HEALTH = ['connecting', 'ok', 'lost'] as const;
/** Health of one link. */
export type LinkHealth = (typeof LINK_HEALTH)[number];

/** Fault codes the core raises. */
export const FAULT_CODES = [
  'METER_COMM_LOSS',
  'INVERTER_COMM_LOSS',
  'BMS_COMM_LOSS',
  'BMS_PROTECTION_ALARM',
  /** The inverter does not do what it is told (setpoint read back differs, or it delivers more than asked). */
  'INVERTER_NOT_FOLLOWING',
  /** The meter answers, but its sample (value or update counter) has not changed for too long. */
  'METER_STALE',
] as const;
/** A fault code. */
export type FaultCode = (typeof FAULT_CODES)[number];

/**
 * Which limit bound the output on the last step. "none" when the target passed unchanged.
 */
export const LIMITED_BY = [
  'none',
  'inverterRating',
  'bmsChargeCurrentLimit',
  'bmsDischargeCurrentLimit',
  'bmsChargeDisabled',
  'bmsDischargeDisabled',
  'socMax',
  'socMin',
  'gridImportLimit',
  'gridExportLimit',
  'ramp',
  'deadband',
  /** No trustworthy SOC: both directions blocked. */
  'socUnknown',
  /** The site has a BMS but no fresh data from it: both directions blocked. */
  'bmsLinkLost',
] as const;
/** A limit that can bind the output. */
export type LimitedBy = (typeof LIMITED_BY)[number];
