import { z } from 'zod';
import { describes } from './describes';
import { MAX_SCAN_ADDRESSES, parseScanTargets } from './scan-targets';
import type {
  LocalPortsView,
  ScanDeviceView,
  ScanStartView,
  ScanView,
  ScanProfileSuggestion,
} from './scan-views';

/**
 * The device scan's params and results in zod (views: scan-views.ts). The params schema is
 * the one main validates with and the renderer checks its form with, field by field.
 */

/** Ports probed when none are given. */
export const DEFAULT_SCAN_PORTS: readonly number[] = [502];
/** Unit ids probed when none are given: the usual defaults of meters, inverters, SunSpec and gateways. */
export const DEFAULT_SCAN_UNIT_IDS: readonly number[] = [1, 2, 3, 126, 247];
/** Per-probe timeout when none is given, ms. */
export const DEFAULT_SCAN_TIMEOUT_MS = 500;
/** The most ports and unit ids one scan may try. */
export const MAX_SCAN_PORTS = 8;
export const MAX_SCAN_UNIT_IDS = 32;

const unique = (values: readonly number[]): boolean => new Set(values).size === values.length;

/** `targets`: one host, range or CIDR block of at most 1,024 addresses. */
export const scanTargetsSchema = z
  .string()
  .max(200, 'at most 200 characters')
  .superRefine((text, ctx) => {
    const parsed = parseScanTargets(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

export const scanPortsSchema = z
  .array(
    z
      .number()
      .int('a whole number')
      .min(1, 'a TCP port (1 to 65535)')
      .max(65535, 'a TCP port (1 to 65535)'),
  )
  .min(1, 'at least one port')
  .max(MAX_SCAN_PORTS, `at most ${MAX_SCAN_PORTS} ports`)
  .refine(unique, 'a port is listed twice');

export const scanUnitIdsSchema = z
  .array(
    z
      .number()
      .int('a whole number')
      .min(0, 'a unit id (0 to 255)')
      .max(255, 'a unit id (0 to 255)'),
  )
  .min(1, 'at least one unit id')
  .max(MAX_SCAN_UNIT_IDS, `at most ${MAX_SCAN_UNIT_IDS} unit ids`)
  .refine(unique, 'a unit id is listed twice');

export const scanTimeoutSchema = z
  .number()
  .int('a whole number of ms')
  .min(50, 'at least 50 ms')
  .max(5000, 'at most 5000 ms');

/** The params of a scan request. */
export const scanParamsSchema = z.strictObject({
  targets: scanTargetsSchema,
  ports: scanPortsSchema.optional(),
  unitIds: scanUnitIdsSchema.optional(),
  /** Per-probe timeout, ms. */
  timeoutMs: scanTimeoutSchema.optional(),
});
/** A scan request as clients send it. */
export type ScanParams = z.input<typeof scanParamsSchema>;

/** Scan ids are chosen by the host: "scan-1", "scan-2", ... */
export const scanIdSchema = z.string().regex(/^scan-\d{1,9}$/, 'a scan id ("scan-1")');

const nullableText = z.string().nullable();
const suggestion = describes<ScanProfileSuggestion>()(
  z.strictObject({
    profile: z.string(),
    alternatives: z.array(z.strictObject({ profile: z.string(), question: z.string() })).optional(),
  }),
);

export const scanDeviceSchema = describes<ScanDeviceView>()(
  z.strictObject({
    host: z.string(),
    port: z.number(),
    unitId: z.number(),
    sunspec: z
      .strictObject({
        base: z.number(),
        models: z.array(z.number()),
        manufacturer: nullableText,
        model: nullableText,
        serial: nullableText,
        version: nullableText,
      })
      .nullable(),
    probes: z.array(
      z.strictObject({
        kind: z.enum(['holding', 'input']),
        address: z.number(),
        count: z.number(),
      }),
    ),
    suggested: z.strictObject({ meter: suggestion.optional(), inverter: suggestion.optional() }),
    sameAs: z.number().optional(),
  }),
);

export const scanSchema = describes<ScanView>()(
  z.strictObject({
    scanId: z.string(),
    targets: z.string(),
    ports: z.array(z.number()),
    unitIds: z.array(z.number()),
    done: z.boolean(),
    stopped: nullableText,
    probed: z.number(),
    total: z.number(),
    found: z.array(scanDeviceSchema),
  }),
);

export const scanStartSchema = describes<ScanStartView>()(
  z.strictObject({ scanId: z.string(), total: z.number() }),
);

export const localPortsSchema = describes<LocalPortsView>()(
  z.strictObject({
    serial: z.strictObject({
      ports: z.array(
        z.strictObject({
          path: z.string(),
          manufacturer: nullableText,
          serialNumber: nullableText,
          vendorId: nullableText,
          productId: nullableText,
        }),
      ),
      unavailable: nullableText,
    }),
    can: z.strictObject({
      interfaces: z.array(z.strictObject({ name: z.string(), state: z.string() })),
      unavailable: nullableText,
    }),
  }),
);

export { MAX_SCAN_ADDRESSES };
