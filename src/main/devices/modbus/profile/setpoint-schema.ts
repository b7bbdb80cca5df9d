import { z } from 'zod';
import { pointNameSchema, signSchema } from './point-schema';

/**
 * Fixed values written in the same request batch as every setpoint, by point name, in
 * engineering units: the mode register that makes a device obey the setpoint (SMA 40151 =
 * 802), flags that must stay clear (Victron DisableCharge/DisableFeedIn = 0), a command's
 * duration. Rewritten each time, so a device that restarted is put back in step.
 */
const withSchema = z.record(pointNameSchema, z.number().finite()).optional();

/** How the EMS commands the inverter's power. */
export const setpointMethodSchema = z.discriminatedUnion('method', [
  z.strictObject({
    /** One signed register in W (after scale): the device's sign times ours. */
    method: z.literal('signedWatts'),
    point: pointNameSchema,
    /** 1 when the device's positive is discharge (ours), -1 when its positive is charge. */
    sign: signSchema.default(1),
    with: withSchema,
  }),
  z.strictObject({
    /**
     * Two unsigned power registers and a command register (Huawei's forcible
     * charge/discharge): to discharge X W, dischargePoint = X and command = discharge; to
     * charge, chargePoint = X and command = charge; at 0 W both powers 0 and command = idle.
     */
    method: z.literal('splitWatts'),
    chargePoint: pointNameSchema,
    dischargePoint: pointNameSchema,
    commandPoint: pointNameSchema,
    commands: z.strictObject({
      idle: z.number().int(),
      charge: z.number().int(),
      discharge: z.number().int(),
    }),
    with: withSchema,
  }),
  z.strictObject({
    /**
     * SunSpec model 124: StorCtl_Mod enables both limits; OutWRte/InWRte are set in % of
     * WChaMax (to discharge at X %: OutWRte = X, InWRte = -X; to charge: the reverse).
     */
    method: z.literal('sunspecStorage'),
    modePoint: pointNameSchema,
    chargeRatePoint: pointNameSchema,
    dischargeRatePoint: pointNameSchema,
    maxPowerPoint: pointNameSchema,
  }),
]);
/** How the setpoint is written. */
export type SetpointMethod = z.infer<typeof setpointMethodSchema>;

/** The device's revert timer: it returns to its default power if not refreshed in time. */
export const watchdogSchema = z.strictObject({
  /**
   * Point holding the revert timeout, s; written at connect. Absent when the timeout is fixed
   * in the device (Victron's ESS setpoint) or rides with each setpoint (the setpoint's `with`).
   */
  timeoutPoint: pointNameSchema.optional(),
  timeoutS: z.number().int().min(1).max(3600),
  /**
   * What refreshes the timer each cycle: rewriting the setpoint itself ("setpointWrite") or
   * a heartbeat counter point incremented each cycle ("counter").
   */
  refresh: z.discriminatedUnion('by', [
    z.strictObject({ by: z.literal('setpointWrite') }),
    z.strictObject({ by: z.literal('counter'), point: pointNameSchema }),
  ]),
});
/** The device's revert timer. */
export type WatchdogSpec = z.infer<typeof watchdogSchema>;
