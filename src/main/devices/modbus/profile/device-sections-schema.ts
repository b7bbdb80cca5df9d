import { z } from 'zod';
import { pointNameSchema, signSchema } from './point-schema';
import { setpointMethodSchema, watchdogSchema } from './setpoint-schema';

/** What a meter profile adds to its points: which one is the grid power, and how to read it. */
export const meterSectionSchema = z.strictObject({
  /** Point with the grid power. */
  powerPoint: pointNameSchema,
  /** More points added to it: a meter that reports only per-phase powers (Victron GX 820..822). */
  addPoints: z.array(pointNameSchema).max(8).optional(),
  /** 1 when the device's positive is import (ours), -1 when its positive is export. */
  powerSign: signSchema.default(1),
  /**
   * Point the meter changes on every refresh of its readings (an update counter or a time
   * stamp), where it has one: the EMS then knows a new sample even when the power did not
   * change. Absent: a changed power marks a new sample.
   */
  updatePoint: pointNameSchema.optional(),
  /**
   * The meter's own counters of energy taken from the grid and fed into it, Wh after scale,
   * where it has them: the day's grid energy is then counted from their increase, which the
   * meter measures continuously, instead of integrating the polled power.
   */
  importEnergyPoint: pointNameSchema.optional(),
  exportEnergyPoint: pointNameSchema.optional(),
});
/** The meter section, as parsed. */
export type MeterSection = z.infer<typeof meterSectionSchema>;

/**
 * The quantity the setpoint acts on, and how to measure it from the device's points: the sum
 * of `terms`, each a point times its sign, in the project's sign (positive = discharge).
 * The control law's feedback and the follow check use it, so all three agree.
 */
export const controlledSchema = z.strictObject({
  /**
   * batteryPower: the battery's power (SunSpec 124 rates). acInputPower: the power at the
   * unit's AC input, negated so positive = out of the unit (a Victron ESS mode 3 setpoint).
   */
  quantity: z.enum(['batteryPower', 'acInputPower']),
  terms: z
    .array(z.strictObject({ point: pointNameSchema, sign: signSchema }))
    .min(1, 'needs at least one term')
    .max(4),
});
/** The controlled quantity's definition. */
export type ControlledSpec = z.infer<typeof controlledSchema>;

/** What an inverter profile adds to its points: its measurements, its setpoint and its watchdog. */
export const inverterSectionSchema = z.strictObject({
  /**
   * ac: a battery inverter beside the PV (its AC power is the battery's). hybrid: PV behind
   * the same inverter, so its AC power is PV plus battery and `controlled` must be declared.
   */
  coupling: z.enum(['ac', 'hybrid']).default('ac'),
  /**
   * What the device does when its watchdog runs out: zero = it goes to 0 W; deviceDefault =
   * it returns to its own dispatch (e.g. SunSpec 124 StorCtl_Mod 0). Defaults to the unsafe
   * answer, so an undeclared device is warned about.
   */
  onWatchdogExpiry: z.enum(['zero', 'deviceDefault']).default('deviceDefault'),
  /** The controlled quantity; absent: the AC power point (right for AC coupling only). */
  controlled: controlledSchema.optional(),
  /** Point with the PV input power, W, where the inverter has PV behind it. */
  pvPoint: pointNameSchema.optional(),
  /** More PV points added to it: one per MPP tracker (SunSpec 160 modules on a Fronius GEN24). */
  pvAddPoints: z.array(pointNameSchema).max(8).optional(),
  /** Point with the inverter's AC active power. */
  powerPoint: pointNameSchema,
  /** 1 when the device's positive is discharge (ours), -1 when its positive is charge. */
  powerSign: signSchema.default(1),
  /** Point with SOC in %, used when the site has no CAN BMS. */
  socPoint: pointNameSchema.optional(),
  /** Point with the rated (maximum) charge power, W, when the device reports it. */
  ratedChargePoint: pointNameSchema.optional(),
  /** Point with the rated (maximum) discharge power, W, when the device reports it. */
  ratedDischargePoint: pointNameSchema.optional(),
  setpoint: setpointMethodSchema,
  /** Null: the device has no revert timer (allowed, but warned about). */
  watchdog: watchdogSchema.nullable(),
});
/** The inverter section, as parsed. */
export type InverterSection = z.infer<typeof inverterSectionSchema>;
