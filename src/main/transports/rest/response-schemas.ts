import { z } from 'zod';
import type { CommandResult } from '../../../shared/commands';
import type { TokenRotation } from '../../../shared/contract';
import {
  emsStateSchema,
  FAULT_CODES,
  LIMITED_BY,
  LINK_HEALTH,
  runModeSchema,
} from '../../../shared/ems-names';
import type { FaultLogView } from '../../../shared/fault-view';
import { HISTORY_WINDOWS, type HistorySeries } from '../../../shared/history';
import type { EmsSnapshot } from '../../../shared/snapshot';

/**
 * Zod schemas of what the REST API answers, written from the contract's types so the OpenAPI
 * document can describe every field. `describes<T>()` makes the compiler refuse a schema
 * whose output is not the contract's type, and the API tests parse live answers with these
 * (strict) schemas, so a field added to the contract without a schema fails them.
 */

/** Checks at compile time that `schema` produces values of the contract's type T. */
const describes =
  <T>() =>
  <S extends z.ZodType<T>>(schema: S): S =>
    schema;

const watts = z.number();
const nullableNumber = z.number().nullable();
const limitedBy = z.enum(LIMITED_BY);

const linkStatusSchema = z.strictObject({
  health: z.enum(LINK_HEALTH),
  ageMs: nullableNumber,
  lastError: z.string().nullable(),
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

/** GET /api/status: the snapshot (inverter sign: + discharge, - charge; grid: + import). */
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
  }),
);

const range = z.tuple([z.number(), z.number()]).nullable();

/** GET /api/history: min/max buckets of the window. */
export const historySeriesSchema = describes<HistorySeries>()(
  z.strictObject({
    window: z.enum(HISTORY_WINDOWS),
    bucketMs: z.number(),
    buckets: z.array(
      z.strictObject({
        t: z.number(),
        gridW: range,
        inverterW: range,
        soc: range,
        setpointW: range,
      }),
    ),
  }),
);

const historySampleSchema = z.strictObject({
  t: z.number(),
  gridW: nullableNumber,
  inverterW: nullableNumber,
  soc: nullableNumber,
  setpointW: z.number(),
});

/** GET /api/faults: the fault log, oldest first, each entry with the trend before it. */
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

/** An accepted command: 200, or 202 when it is held as intent (`pending` says what it waits for). */
export const commandAcceptedSchema = describes<CommandResult>()(
  z.strictObject({ ok: z.literal(true), pending: z.string().optional() }),
);

/** Every error: one line, naming the field first when a field was wrong. */
export const errorSchema = z.strictObject({
  error: z.string().describe('e.g. "watts: Invalid input: expected number, received string"'),
});

/** POST /api/token/rotate. */
export const tokenRotationSchema = describes<TokenRotation>()(
  z.strictObject({ token: z.string(), tokenFile: z.string() }),
);
