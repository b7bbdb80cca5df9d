import { z } from 'zod';
import { DEFAULT_BMS_PROFILE } from '../devices/can/bms-profile-loader';
import { canTransportSpecSchema } from '../devices/can/can-transport-spec';

/**
 * The site file: which devices the EMS talks to and how it controls them.
 * Documented for technicians in docs/site-file.md; keep both in step.
 */

const hostSchema = z.string().min(1).max(253);
const portSchema = z.number().int().min(1).max(65535);
const watts = z.number().finite().nonnegative().max(10_000_000);

const modbusDeviceSchema = z.strictObject({
  host: hostSchema,
  port: portSchema.default(502),
  unitId: z.number().int().min(0).max(255).default(1),
  /** A built-in profile name (resources/profiles) or a path, relative to the site file's folder. */
  profile: z.string().min(1),
  /** Per-request timeout, ms. */
  timeoutMs: z.number().int().min(50).max(10_000).default(500),
});

const inverterSchema = modbusDeviceSchema.extend({
  /** The inverter's rated charge power, W. */
  ratedChargeW: watts.positive(),
  /** The inverter's rated discharge power, W. */
  ratedDischargeW: watts.positive(),
});

const controlSchema = z
  .strictObject({
    gridTargetW: z.number().finite().min(-1_000_000).max(1_000_000).default(0),
    socMinPct: z.number().min(0).max(100).default(10),
    socMaxPct: z.number().min(0).max(100).default(95),
    socHysteresisPct: z.number().min(0).max(20).default(2),
    rampWPerS: watts.positive().default(2000),
    deadbandW: watts.max(100_000).default(50),
    gridImportLimitW: watts.nullable().default(null),
    gridExportLimitW: watts.nullable().default(null),
    /** Time between Modbus poll cycles, ms. */
    pollIntervalMs: z.number().int().min(50).max(10_000).default(250),
    /**
     * Consecutive failed polls a Modbus link survives: it is lost once this many failed AND
     * its last sample is older than the staleness time.
     */
    missedPolls: z.number().int().min(1).max(100).default(3),
    /** A lost link is back after this many fresh samples in a row... */
    recoverSamples: z.number().int().min(1).max(100).default(3),
    /** ...or after fresh samples without a break for this long, ms. */
    recoverHoldMs: z.number().int().min(0).max(600_000).default(10_000),
    /** A link still connecting this long after start is a fault, ms. */
    connectGraceMs: z.number().int().min(1000).max(600_000).default(15_000),
    externalDefaultTtlS: z.number().min(1).max(300).default(10),
    /** CHARGE_ONLY / DISCHARGE_ONLY power until the operator sets one, W. */
    defaultOverrideW: watts.default(1000),
    autoResume: z.boolean().default(false),
    /** Inverter efficiency: BMS DC current limits become AC power limits with it. */
    inverterEfficiency: z.number().min(0.5).max(1).default(0.95),
  })
  .refine((c) => c.socMinPct < c.socMaxPct, {
    message: 'socMinPct must be below socMaxPct',
    path: ['socMinPct'],
  })
  // Each blocked direction needs socHysteresisPct of room to unlatch; a narrower window can
  // block charge and discharge at once.
  .refine((c) => c.socMinPct >= c.socMaxPct || c.socMaxPct - c.socMinPct > 2 * c.socHysteresisPct, {
    message:
      'socMaxPct - socMinPct must be more than 2 x socHysteresisPct, or both directions can lock',
    path: ['socHysteresisPct'],
  });

const bmsSchema = z.strictObject({
  /** How the BMS frames reach the EMS: socketcan, slcan, socketcand, replay (or memory, built-in site only). */
  transport: canTransportSpecSchema,
  /** The BMS protocol: a built-in profile name or a path to a profile JSON, relative to the site file's folder. */
  profile: z.string().min(1).max(1000).default(DEFAULT_BMS_PROFILE),
  /** The BMS's frame period, ms (a Pylontech BMS sends each frame about once a second). */
  framePeriodMs: z.number().int().min(50).max(10_000).default(1000),
  /** Missed frame periods before the CAN link counts as lost. */
  missedFrames: z.number().int().min(1).max(100).default(3),
});

/** A whole site file. */
export const siteFileSchema = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
  meter: modbusDeviceSchema,
  inverter: inverterSchema,
  /** Absent: no CAN BMS; the SOC then comes from the inverter profile's socPoint. */
  bms: bmsSchema.optional(),
  control: controlSchema.default(controlSchema.parse({})),
});
/** A whole site file, as parsed (defaults applied). */
export type SiteFile = z.infer<typeof siteFileSchema>;
/** The `bms` section of a site file, as parsed. */
export type SiteBms = z.infer<typeof bmsSchema>;
/** A Modbus device entry of the site file. */
export type SiteModbusDevice = z.infer<typeof modbusDeviceSchema>;
