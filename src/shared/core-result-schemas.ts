import { z } from 'zod';
import type { CommandResult } from './commands';
import { describes } from './describes';
import { emsStateSchema, FAULT_CODES, LIMITED_BY, LINK_HEALTH, runModeSchema } from './ems-names';
import type { FaultLogView } from './fault-view';
import {
  HISTORY_WINDOWS,
  type HistoryBucket,
  type HistorySample,
  type HistorySeries,
} from './history';
import type { EmsSnapshot } from './snapshot';

/**
 * Zod schemas of what the core requests answer (snapshot, trend, fault log, command), each
 * tied to its view type by `describes`. The contract table uses them as result schemas; the
 * REST API's OpenAPI document is generated from them and the API tests parse live answers
 * with them (they are strict: a field the server adds without a schema fails those tests).
 */

const watts = z.number();
const nullableNumber = z.number().nullable();
const limitedBy = z.enum(LIMITED_BY);

const linkStatusSchema = z.strictObject({
  health: z.enum(LINK_HEALTH),
  ageMs: nullableNumber,
  lastError: z.string().nullable(),
});

const energySchema = z.strictObject({
  gridImportWh: z.number().nonnegative(),
  gridExportWh: z.number().nonnegative(),
  chargeWh: z.number().nonnegative(),
  dischargeWh: z.number().nonnegative(),
  pvWh: z.number().nonnegative().nullable(),
});

const bmsStatusSchema = z.strictObject({
  socPct: nullableNumber,
  sohPct: nullableNumber,
  voltageV: nullableNumber,
  currentA: nullableNumber,
  temperatureC: nullableNumber,
  chargeCurrentLimitA: nullableNumber,
  dischargeCurrentLimitA: nullableNumber,
  chargeEnabled: z.boolean().nullable(),
  dischargeEnabled: z.boolean().nullable(),
  alarms: z.array(z.string()),
  warnings: z.array(z.string()),
});

/** The snapshot (inverter sign: + discharge, - charge; grid: + import). */
export const snapshotSchema = describes<EmsSnapshot>()(
  z.strictObject({
    time: z.string().describe('ISO 8601 wall-clock time of the control step'),
    site: z
      .strictObject({ id: z.string(), name: z.string() })
      .describe('the site file (id: its name without extension, or "built-in") and its name'),
    state: emsStateSchema,
    mode: runModeSchema,
    pendingMode: runModeSchema.nullable(),
    gridW: nullableNumber.describe('grid power, W, positive = import; null when stale'),
    inverterW: nullableNumber.describe('inverter power, W, positive = discharge; null when stale'),
    soc: nullableNumber,
    setpointW: watts.describe('setpoint sent to the inverter, W, positive = discharge'),
    limitedBy: limitedBy.describe('the limit that cut the output on the last step'),
    band: z.strictObject({ lowerW: watts, upperW: watts, lowerBy: limitedBy, upperBy: limitedBy }),
    ratings: z.strictObject({ maxChargeW: watts, maxDischargeW: watts }),
    socWindow: z.strictObject({ minPct: z.number(), maxPct: z.number() }),
    gridTargetW: watts,
    overrideW: watts,
    external: z
      .strictObject({ watts, remainingS: z.number(), source: z.string() })
      .nullable()
      .describe('the external setpoint in force (mode EXTERNAL) and its remaining lifetime'),
    modbusOk: z.boolean(),
    canOk: z.boolean().nullable(),
    links: z.strictObject({
      meter: linkStatusSchema,
      inverter: linkStatusSchema,
      bms: linkStatusSchema.nullable(),
    }),
    bms: bmsStatusSchema.nullable(),
    faults: z.array(
      z.strictObject({ code: z.enum(FAULT_CODES), message: z.string(), since: z.string() }),
    ),
    needsAck: z.boolean(),
    warnings: z.array(z.string()),
    energyToday: energySchema,
    energySession: energySchema,
    pvW: nullableNumber.describe('PV power, W, where the inverter measures it; null otherwise'),
    loadW: nullableNumber.describe('house load, W: grid + inverter AC (+ PV on its own feed)'),
  }),
);

const range = z.tuple([z.number(), z.number()]).nullable();

/** One min/max bucket of the trend series. */
export const historyBucketSchema = describes<HistoryBucket>()(
  z.strictObject({
    t: z.number(),
    gridW: range,
    inverterW: range,
    soc: range,
    setpointW: range,
    pvW: range,
    loadW: range,
  }),
);

/** A trend window: min/max buckets. */
export const historySeriesSchema = describes<HistorySeries>()(
  z.strictObject({
    window: z.enum(HISTORY_WINDOWS),
    bucketMs: z.number(),
    buckets: z.array(historyBucketSchema),
  }),
);

export const historySampleSchema = describes<HistorySample>()(
  z.strictObject({
    t: z.number(),
    gridW: nullableNumber,
    inverterW: nullableNumber,
    soc: nullableNumber,
    setpointW: z.number(),
    pvW: nullableNumber,
    loadW: nullableNumber,
  }),
);

/** The fault log, oldest first, each entry with the trend before it. */
export const faultLogSchema = describes<readonly FaultLogView[]>()(
  z.array(
    z.strictObject({
      time: z.string(),
      code: z.enum(FAULT_CODES),
      kind: z.enum(['raised', 'cleared', 'acknowledged']),
      message: z.string(),
      measurements: z.strictObject({
        gridW: nullableNumber,
        gridAgeMs: nullableNumber,
        inverterW: nullableNumber,
        inverterAgeMs: nullableNumber,
        socPct: nullableNumber,
        bmsAgeMs: nullableNumber,
        bmsAlarms: z.array(z.string()),
      }),
      before: z.array(historySampleSchema),
    }),
  ),
);

/** An accepted command: held as intent when `pending` says what it waits for. */
export const commandAcceptedSchema = describes<Extract<CommandResult, { ok: true }>>()(
  z.strictObject({ ok: z.literal(true), pending: z.string().optional() }),
);

/** The answer to a command: accepted, or rejected with the core's reason. */
export const commandResultSchema = describes<CommandResult>()(
  z.union([commandAcceptedSchema, z.strictObject({ ok: z.literal(false), reason: z.string() })]),
);
