import { z } from 'zod';
import { canTransportSpecSchema } from './can-transport-spec';

/**
 * The site file: which devices the EMS talks to and how it controls them.
 * Documented for technicians in docs/site-file.md; keep both in step. Shared: main validates
 * `--site` files and stored sites with it, and the renderer's site form validates field by
 * field with it, so both say the same thing about the same mistake.
 */

/**
 * The default of `bms.profile`: the name of the BMS CAN profile main uses when none is named
 * (DEFAULT_BMS_CAN_PROFILE; held equal by site-schema-shared.test.ts).
 */
export const DEFAULT_BMS_PROFILE = 'pylontech-v1.2';

const hostSchema = z.string().min(1).max(253);
const portSchema = z.number().int().min(1).max(65535);
const watts = z.number().finite().nonnegative().max(10_000_000);

/** An RS-485 port and its line settings (Modbus RTU through a USB adapter). */
const serialSchema = z.strictObject({
  /** "/dev/ttyUSB0" (Linux), "COM4" (Windows). */
  device: z.string().min(1).max(260),
  baudRate: z.number().int().min(300).max(921_600),
  parity: z.enum(['none', 'even', 'odd']),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  stopBits: z.union([z.literal(1), z.literal(2)]),
});

const modbusDeviceFields = {
  /** Modbus TCP (or a serial gateway with "framing": "rtu"): the peer's address. */
  host: hostSchema.optional(),
  port: portSchema.optional(),
  /** Over host/port: "tcp" (MBAP, the default) or "rtu" (RTU frames through a serial gateway). */
  framing: z.enum(['tcp', 'rtu']).optional(),
  /** Modbus RTU on a local serial port, instead of host/port. */
  serial: serialSchema.optional(),
  unitId: z.number().int().min(0).max(255).default(1),
  /** A built-in profile name (resources/profiles) or a path, relative to the site file's folder. */
  profile: z.string().min(1),
  /** Per-request timeout, ms. */
  timeoutMs: z.number().int().min(50).max(10_000).default(500),
};

type DeviceFields = {
  host?: string | undefined;
  port?: number | undefined;
  framing?: 'tcp' | 'rtu' | undefined;
  serial?: unknown;
};

/** A device without host and without serial block; exported so a form can say it early. */
export const NO_REACH_MESSAGE = 'give either "host" (Modbus TCP) or a "serial" block (Modbus RTU)';

/** A device is reached either over host/port or over a serial block, never both. */
function checkReach(d: DeviceFields, ctx: z.RefinementCtx): void {
  if (d.serial !== undefined) {
    for (const key of ['host', 'port', 'framing'] as const) {
      if (d[key] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `a device with a "serial" block takes no "${key}" (serial is RTU on a local port)`,
        });
      }
    }
  } else if (d.host === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['host'],
      message: NO_REACH_MESSAGE,
    });
  }
}

/** Over host/port, the port defaults to 502. */
function withDefaultPort<T extends DeviceFields>(d: T): T {
  return d.host !== undefined && d.port === undefined ? { ...d, port: 502 } : d;
}

/**
 * The grid meter: a Modbus device with the site's own sign correction. `powerSign: -1` turns
 * the reading around for a meter or CT mounted the other way (proposed by the meterSign
 * commissioning check, applied only when the technician confirms it).
 */
export const siteMeterSchema = z
  .strictObject({
    ...modbusDeviceFields,
    powerSign: z.union([z.literal(1), z.literal(-1)]).optional(),
  })
  .superRefine(checkReach)
  .transform(withDefaultPort);
const inverterSchema = z
  .strictObject({
    ...modbusDeviceFields,
    /** The inverter's rated charge power, W. */
    ratedChargeW: watts.positive(),
    /** The inverter's rated discharge power, W. */
    ratedDischargeW: watts.positive(),
  })
  .superRefine(checkReach)
  .transform(withDefaultPort);

/** The `control` section (exported for the site form's defaults). */
export const siteControlSchema = z
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
    pollIntervalMs: z.number().int().min(50).max(10_000).default(125),
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
    /**
     * A meter that answers with the same sample (value, or update counter where its profile
     * has one) for longer than this is METER_STALE, s. A live grid is never exactly constant.
     */
    meterMaxHoldS: z.number().min(5).max(3600).default(30),
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
export const siteFileSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    description: z.string().max(1000).optional(),
    meter: siteMeterSchema,
    inverter: inverterSchema,
    /** Absent: no CAN BMS; the SOC then comes from the inverter profile's socPoint. */
    bms: bmsSchema.optional(),
    control: siteControlSchema.default(siteControlSchema.parse({})),
  })
  .superRefine((site, ctx) => {
    const problem = sharedPortProblem(site.meter, site.inverter);
    if (problem !== null)
      ctx.addIssue({ code: 'custom', path: ['inverter', 'serial'], message: problem });
  });
/** A whole site file, as parsed (defaults applied). */
export type SiteFile = z.infer<typeof siteFileSchema>;
/** The `bms` section of a site file, as parsed. */
export type SiteBms = z.infer<typeof bmsSchema>;
/** A Modbus device entry of the site file. */
export type SiteModbusDevice = z.infer<typeof siteMeterSchema>;

/** A serial block as parsed. */
export type SiteSerial = z.infer<typeof serialSchema>;

/** "9600 8N1" for a serial block. */
function lineOf(s: SiteSerial): string {
  return `${s.baudRate} ${s.dataBits}${s.parity === 'none' ? 'N' : s.parity === 'even' ? 'E' : 'O'}${s.stopBits}`;
}

/**
 * Why the meter and the inverter cannot share their serial port (different line settings,
 * or the same unit id on one bus), or null when they do not share one or agree.
 */
function sharedPortProblem(
  meter: { serial?: SiteSerial | undefined; unitId: number },
  inverter: { serial?: SiteSerial | undefined; unitId: number },
): string | null {
  const a = meter.serial;
  const b = inverter.serial;
  if (a === undefined || b === undefined || a.device !== b.device) return null;
  if (lineOf(a) !== lineOf(b)) {
    return `meter and inverter share serial port ${a.device} but disagree on its settings (meter ${lineOf(a)}, inverter ${lineOf(b)}); one port runs at one setting`;
  }
  if (meter.unitId === inverter.unitId) {
    return `meter and inverter share serial port ${a.device} and both use unit id ${meter.unitId}; units on one bus need distinct ids`;
  }
  return null;
}
