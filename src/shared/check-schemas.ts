import { z } from 'zod';
import {
  CHECK_IDS,
  CHECK_STATUSES,
  type CheckRunView,
  type CommissioningStatusView,
  type ReportMetaView,
  type ReportView,
} from './check-views';
import { describes } from './describes';

/** Schemas of the commissioning checks' requests and results (see check-views.ts). */

const checkId = z.enum(CHECK_IDS);
const measured = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const checkRunSchema = describes<CheckRunView>()(
  z.strictObject({
    runId: z.string(),
    check: checkId,
    status: z.enum(CHECK_STATUSES),
    measured: z.record(z.string(), measured),
    message: z.string(),
    startedAt: z.number(),
    finishedAt: z.number().nullable(),
    progress: z.string(),
    chart: z.strictObject({
      t: z.array(z.number()),
      series: z.array(z.strictObject({ name: z.string(), values: z.array(z.number().nullable()) })),
    }),
    proposedFix: z
      .strictObject({ meterPowerSign: z.union([z.literal(1), z.literal(-1)]) })
      .nullable(),
  }),
);

export const checkRunListSchema = describes<readonly CheckRunView[]>()(z.array(checkRunSchema));

export const checkStartedSchema = describes<{ readonly runId: string }>()(
  z.strictObject({ runId: z.string() }),
);

export const commissioningStatusSchema = describes<CommissioningStatusView>()(
  z.strictObject({
    commissioned: z.boolean(),
    passed: z.array(checkId),
    missing: z.array(z.strictObject({ check: checkId, why: z.string() })),
  }),
);

/** The report's typed-in fields: bounded, plain text (the report escapes them). */
export const reportMetaSchema = describes<ReportMetaView>()(
  z.strictObject({
    technician: z.string().trim().min(1, 'technician: type a name').max(100),
    notes: z.string().max(4000),
  }),
);

/** The fields as stored (the technician is empty until one was typed). */
export const reportMetaViewSchema = describes<ReportMetaView>()(
  z.strictObject({ technician: z.string(), notes: z.string() }),
);

export const reportSchema = describes<ReportView>()(
  z.strictObject({ html: z.string(), storedId: z.number().nullable() }),
);

/** Options of a check run; each check takes the ones it knows and refuses none. */
export const checkOptionsSchema = z.strictObject({
  /** inverterStep and meterSign: the step, W (default 1000). */
  stepW: z.number().finite().min(100).max(100_000).optional(),
  /** watchdog: the test power, W (default 500; at most 20 % of the rating). */
  testW: z.number().finite().min(50).max(100_000).optional(),
});

export const runCheckParamsSchema = z.strictObject({
  check: checkId,
  confirmed: z.literal(true),
  options: checkOptionsSchema.optional(),
});

export const meterSignFixParamsSchema = z.strictObject({
  runId: z.string().min(1).max(64),
  confirmed: z.literal(true),
});

export const meterSignFixSchema = describes<{
  readonly powerSign: 1 | -1;
  readonly message: string;
}>()(z.strictObject({ powerSign: z.union([z.literal(1), z.literal(-1)]), message: z.string() }));

/** A report saved as PDF by the desktop app; saved false when the technician cancelled. */
export const reportPdfSchema = describes<{
  readonly saved: boolean;
  readonly path: string | null;
}>()(z.strictObject({ saved: z.boolean(), path: z.string().nullable() }));

export const cancelCheckSchema = describes<{ readonly cancelled: boolean }>()(
  z.strictObject({ cancelled: z.boolean() }),
);
