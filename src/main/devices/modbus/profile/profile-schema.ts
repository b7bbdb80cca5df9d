import { z } from 'zod';
import { REGISTER_TYPES, registerCount, WORD_ORDERS } from './codec';

/**
 * The device profile format: how a meter or an inverter lays out its Modbus points and how
 * the EMS writes its setpoint. Profiles are JSON files under resources/profiles (or a path
 * named in the site file), validated with these schemas at load.
 */

// The register types and word orders belong to the codec (which must not need zod); the
// profile format names them, so they are offered here too.
export { REGISTER_TYPES, type RegisterType, type WordOrder } from './codec';

/** Word order of 32-bit values: big = high word first (Modbus' usual), little = low word first. */
export const wordOrderSchema = z.enum(WORD_ORDERS);

const pointNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a point name: letters, digits, _');

/** One Modbus point. */
export const pointSchema = z.strictObject({
  /**
   * Register address. With absolute addressing, the 0-based protocol address. With SunSpec
   * addressing, the point's offset inside its model as the SunSpec model JSON counts it
   * (the model's ID register is offset 0, its length register offset 1).
   */
  address: z.number().int().min(0).max(65535),
  /** SunSpec model id the point belongs to (required with SunSpec addressing). */
  model: z.number().int().min(1).max(65534).optional(),
  kind: z.enum(['holding', 'input']).default('holding'),
  type: z.enum(REGISTER_TYPES),
  /** Overrides the profile's word order for this point. */
  wordOrder: wordOrderSchema.optional(),
  /** Engineering value = raw x scale (applied after the scale-factor point, if any). */
  scale: z.number().finite().positive().optional(),
  /** Name of an int16 point holding a SunSpec scale factor: value = raw x 10^sf. */
  scaleFactorPoint: pointNameSchema.optional(),
  /** Unit of the engineering value (W, %, V, A, s, ...). */
  unit: z.string().max(16).default(''),
  /** Whether the EMS may write it. */
  access: z.enum(['r', 'rw']).default('r'),
});
/** One Modbus point, as parsed. */
export type PointSpec = z.infer<typeof pointSchema>;

const signSchema = z.union([z.literal(1), z.literal(-1)]);

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

const addressingSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('absolute') }),
  z.strictObject({
    type: z.literal('sunspec'),
    /** Where to look for the 'SunS' marker, in order. */
    baseAddresses: z.array(z.number().int().min(0).max(65534)).min(1).default([40000, 0, 50000]),
  }),
]);

const meterSectionSchema = z.strictObject({
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
});

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

const inverterSectionSchema = z.strictObject({
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

/** A whole device profile. */
export const deviceProfileSchema = z
  .strictObject({
    name: z.string().min(1).max(64),
    description: z.string().max(2000).optional(),
    kind: z.enum(['meter', 'inverter']),
    /**
     * True once every point the EMS uses has been checked against the vendor's document or a
     * real device. Built-in library profiles written from public sources ship false, and the
     * UI shows them as unverified.
     */
    verified: z.boolean().default(false),
    /** What the profile was written from: "owner/repo path", or a document's title. */
    sources: z.array(z.string().min(1).max(300)).max(30).default([]),
    /** Points or behaviours that no source confirmed, in a few words each. */
    unconfirmed: z.array(z.string().min(1).max(300)).max(30).default([]),
    wordOrder: wordOrderSchema.default('big'),
    addressing: addressingSchema.default({ type: 'absolute' }),
    /**
     * Unused registers a read may span to merge two blocks into one request. 0 (the default)
     * reads only registers the profile names, because some devices answer an exception for a
     * request that touches an unimplemented register.
     */
    maxReadGap: z.number().int().min(0).max(123).default(0),
    points: z.record(pointNameSchema, pointSchema),
    meter: meterSectionSchema.optional(),
    inverter: inverterSectionSchema.optional(),
  })
  .superRefine((profile, ctx) => {
    const names = new Set(Object.keys(profile.points));
    const need = (name: string | undefined, path: (string | number)[]): void => {
      if (name !== undefined && !names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `names point "${name}", which the profile does not define`,
        });
      }
    };
    if (profile.kind === 'meter' && !profile.meter) {
      ctx.addIssue({
        code: 'custom',
        path: ['meter'],
        message: 'a meter profile needs a "meter" section',
      });
    }
    if (profile.kind === 'inverter' && !profile.inverter) {
      ctx.addIssue({
        code: 'custom',
        path: ['inverter'],
        message: 'an inverter profile needs an "inverter" section',
      });
    }
    for (const [name, point] of Object.entries(profile.points)) {
      need(point.scaleFactorPoint, ['points', name, 'scaleFactorPoint']);
      const sf =
        point.scaleFactorPoint === undefined ? undefined : profile.points[point.scaleFactorPoint];
      if (sf !== undefined && sf.type !== 'int16') {
        ctx.addIssue({
          code: 'custom',
          path: ['points', name, 'scaleFactorPoint'],
          message: `scale factor point "${point.scaleFactorPoint}" must be int16, not ${sf.type}`,
        });
      }
      if (profile.addressing.type === 'sunspec' && point.model === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['points', name, 'model'],
          message: 'SunSpec addressing needs the model id of every point',
        });
      }
      if (point.address + registerCount(point.type) > 0x10000) {
        ctx.addIssue({
          code: 'custom',
          path: ['points', name, 'address'],
          message: `a ${point.type} at ${point.address} runs past register 65535`,
        });
      }
      if (point.access === 'rw' && point.kind === 'input') {
        ctx.addIssue({
          code: 'custom',
          path: ['points', name, 'access'],
          message: 'input registers cannot be written; use kind "holding"',
        });
      }
    }
    // Points the EMS writes must be declared writable, so a typo cannot aim a write at a measurement.
    const writable = (name: string | undefined, path: (string | number)[]): void => {
      const point = name === undefined ? undefined : profile.points[name];
      if (point !== undefined && point.access !== 'rw') {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `point "${name}" is written by the EMS and needs "access": "rw"`,
        });
      }
    };
    if (profile.meter) {
      need(profile.meter.powerPoint, ['meter', 'powerPoint']);
      (profile.meter.addPoints ?? []).forEach((n, i) => need(n, ['meter', 'addPoints', i]));
      need(profile.meter.updatePoint, ['meter', 'updatePoint']);
    }
    const inv = profile.inverter;
    if (inv) {
      need(inv.powerPoint, ['inverter', 'powerPoint']);
      need(inv.socPoint, ['inverter', 'socPoint']);
      need(inv.ratedChargePoint, ['inverter', 'ratedChargePoint']);
      need(inv.ratedDischargePoint, ['inverter', 'ratedDischargePoint']);
      need(inv.pvPoint, ['inverter', 'pvPoint']);
      (inv.pvAddPoints ?? []).forEach((n, i) => need(n, ['inverter', 'pvAddPoints', i]));
      if (inv.pvAddPoints !== undefined && inv.pvPoint === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['inverter', 'pvAddPoints'],
          message: 'pvAddPoints are added to pvPoint, which the profile does not name',
        });
      }
      inv.controlled?.terms.forEach((t, i) =>
        need(t.point, ['inverter', 'controlled', 'terms', i, 'point']),
      );
      if (inv.coupling === 'hybrid' && inv.controlled === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['inverter', 'controlled'],
          message:
            'a hybrid inverter\'s AC power includes its PV: declare "controlled" (e.g. battery power = W - DCW)',
        });
      }
      const sp = inv.setpoint;
      if (sp.method !== 'sunspecStorage') {
        for (const name of Object.keys(sp.with ?? {})) {
          need(name, ['inverter', 'setpoint', 'with', name]);
          writable(name, ['inverter', 'setpoint', 'with', name]);
        }
      }
      if (sp.method === 'signedWatts') {
        need(sp.point, ['inverter', 'setpoint', 'point']);
        writable(sp.point, ['inverter', 'setpoint', 'point']);
      } else if (sp.method === 'splitWatts') {
        for (const key of ['chargePoint', 'dischargePoint', 'commandPoint'] as const) {
          need(sp[key], ['inverter', 'setpoint', key]);
          writable(sp[key], ['inverter', 'setpoint', key]);
        }
      } else {
        need(sp.modePoint, ['inverter', 'setpoint', 'modePoint']);
        need(sp.chargeRatePoint, ['inverter', 'setpoint', 'chargeRatePoint']);
        need(sp.dischargeRatePoint, ['inverter', 'setpoint', 'dischargeRatePoint']);
        need(sp.maxPowerPoint, ['inverter', 'setpoint', 'maxPowerPoint']);
        writable(sp.modePoint, ['inverter', 'setpoint', 'modePoint']);
        writable(sp.chargeRatePoint, ['inverter', 'setpoint', 'chargeRatePoint']);
        writable(sp.dischargeRatePoint, ['inverter', 'setpoint', 'dischargeRatePoint']);
      }
      if (inv.watchdog) {
        if (inv.watchdog.timeoutPoint !== undefined) {
          need(inv.watchdog.timeoutPoint, ['inverter', 'watchdog', 'timeoutPoint']);
          writable(inv.watchdog.timeoutPoint, ['inverter', 'watchdog', 'timeoutPoint']);
        }
        if (inv.watchdog.refresh.by === 'counter') {
          need(inv.watchdog.refresh.point, ['inverter', 'watchdog', 'refresh', 'point']);
          writable(inv.watchdog.refresh.point, ['inverter', 'watchdog', 'refresh', 'point']);
        }
      }
    }
  });
/** A whole device profile, as parsed. */
export type DeviceProfile = z.infer<typeof deviceProfileSchema>;
