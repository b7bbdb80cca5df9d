import { z } from 'zod';
import { inverterSectionSchema, meterSectionSchema } from './device-sections-schema';
import { pointNameSchema, pointSchema, wordOrderSchema } from './point-schema';
import { checkProfileReferences } from './profile-references';

/**
 * The device profile format: how a meter or an inverter lays out its Modbus points and how
 * the EMS writes its setpoint. Profiles are JSON files under resources/profiles (or a path
 * named in the site file), validated with these schemas at load.
 */

// The register types and word orders belong to the codec (which must not need zod); the
// profile format names them, so they are offered here too.
export { REGISTER_TYPES, type RegisterType, type WordOrder } from './codec';
// The parts of the format live in their own files; importers keep using this one.
export { pointSchema, wordOrderSchema, type PointSpec } from './point-schema';
export {
  setpointMethodSchema,
  watchdogSchema,
  type SetpointMethod,
  type WatchdogSpec,
} from './setpoint-schema';
export { controlledSchema, type ControlledSpec } from './device-sections-schema';

/** How point addresses count: as protocol addresses, or as offsets inside SunSpec models. */
const addressingSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('absolute') }),
  z.strictObject({
    type: z.literal('sunspec'),
    /** Where to look for the 'SunS' marker, in order. */
    baseAddresses: z.array(z.number().int().min(0).max(65534)).min(1).default([40000, 0, 50000]),
  }),
]);

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
  .superRefine(checkProfileReferences);
/** A whole device profile, as parsed. */
export type DeviceProfile = z.infer<typeof deviceProfileSchema>;
