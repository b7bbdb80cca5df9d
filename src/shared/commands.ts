import { z } from 'zod';
import { runModeSchema } from './ems-names';

/**
 * Every command the EMS accepts, from any transport (IPC, WebSocket, REST, CLI).
 * Schemas are strict: unknown fields are rejected. Power uses the inverter's sign
 * (positive = discharge, negative = charge) except the override power, which is a
 * magnitude whose direction the mode gives.
 */
const finiteWatts = z.number().finite();

export const startCommandSchema = z.strictObject({ type: z.literal('start') });
export const stopCommandSchema = z.strictObject({ type: z.literal('stop') });
export const setModeCommandSchema = z.strictObject({
  type: z.literal('setMode'),
  mode: runModeSchema,
  /**
   * CHARGE_ONLY and DISCHARGE_ONLY only: the override power, W (a magnitude), set together
   * with the mode in one command; without it the mode uses the stored override power.
   */
  watts: finiteWatts.nonnegative().optional(),
});
export const setOverridePowerCommandSchema = z.strictObject({
  type: z.literal('setOverridePower'),
  /** Magnitude, W (>= 0): CHARGE_ONLY charges and DISCHARGE_ONLY discharges at this power. */
  watts: finiteWatts.nonnegative(),
});
export const setGridTargetCommandSchema = z.strictObject({
  type: z.literal('setGridTarget'),
  /** Grid exchange to steer to, W (positive = import). */
  watts: finiteWatts,
});
export const setExternalSetpointCommandSchema = z.strictObject({
  type: z.literal('setExternalSetpoint'),
  /** Inverter sign: positive = discharge, negative = charge. */
  watts: finiteWatts,
  /** Lifetime, s; the core's default when omitted. */
  ttlSeconds: z.number().finite().positive().optional(),
  /** Who sent it (shown to the operator). */
  source: z.string().max(64).optional(),
});
export const acknowledgeFaultCommandSchema = z.strictObject({
  type: z.literal('acknowledgeFault'),
});

/** Any command. */
export const emsCommandSchema = z.discriminatedUnion('type', [
  startCommandSchema,
  stopCommandSchema,
  setModeCommandSchema,
  setOverridePowerCommandSchema,
  setGridTargetCommandSchema,
  setExternalSetpointCommandSchema,
  acknowledgeFaultCommandSchema,
]);
/** Any command. */
export type EmsCommand = z.infer<typeof emsCommandSchema>;

/** The answer to a command: accepted (maybe held as pending intent) or rejected with a reason. */
export type CommandResult =
  | { readonly ok: true; readonly pending?: string }
  | { readonly ok: false; readonly reason: string };
