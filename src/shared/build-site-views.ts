import { z } from 'zod';
import { describes } from './describes';
import { siteMeterSchema } from './site-schema';

/**
 * Building a site from the app (docs/commissioning.md, "Build the site"): the built-in
 * profile library as the site form's picker shows it, and the connection test of one device
 * as typed in the form, before the site is saved or activated.
 */

/** What a library profile drives: a meter, a battery inverter or a CAN BMS. */
export type LibraryProfileRole = 'meter' | 'inverter' | 'bms';

/** One built-in profile. */
export interface LibraryProfileView {
  /** The name a site file uses ("sunspec-storage-124"). */
  readonly name: string;
  /** The profile's own title ("SunSpec storage inverter (models 103 + 124)"). */
  readonly title: string;
  readonly role: LibraryProfileRole;
  readonly description: string | null;
  /**
   * Whether every point the EMS uses was checked against the vendor's document or a real
   * device; null for a CAN BMS profile, whose format does not say.
   */
  readonly verified: boolean | null;
  /** What the profile was written from. */
  readonly sources: readonly string[];
  /** Points or behaviours no source confirmed. */
  readonly unconfirmed: readonly string[];
  /** The profile finds its registers through the SunSpec chain (model 1 is read on a test). */
  readonly sunspec: boolean;
}

export const libraryProfileSchema = describes<LibraryProfileView>()(
  z.strictObject({
    name: z.string(),
    title: z.string(),
    role: z.enum(['meter', 'inverter', 'bms']),
    description: z.string().nullable(),
    verified: z.boolean().nullable(),
    sources: z.array(z.string()),
    unconfirmed: z.array(z.string()),
    sunspec: z.boolean(),
  }),
);

/** The params of a connection test: the device exactly as a site file's entry, and its role. */
export const tryDeviceParamsSchema = z.strictObject({
  role: z.enum(['meter', 'inverter']),
  device: siteMeterSchema,
});
/** A connection test as clients send it. */
export type TryDeviceParams = z.input<typeof tryDeviceParamsSchema>;

/** One key live value read through the profile. */
export interface TriedValueView {
  /** "Grid power", "AC power", "Battery power", "SOC", "PV power". */
  readonly label: string;
  /** Engineering value in the project's sign; null when the device has none. */
  readonly value: number | null;
  readonly unit: string;
}

/** SunSpec model 1 of the device, and where its chain starts. */
export interface TriedIdentityView {
  readonly base: number;
  readonly models: readonly number[];
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly serial: string | null;
  readonly version: string | null;
}

/** The outcome of a connection test. */
export interface TryDeviceView {
  readonly role: 'meter' | 'inverter';
  /** Where the device was reached ("127.0.0.1:5020 unit 1"). */
  readonly reach: string;
  /** True when the key values were read. */
  readonly ok: boolean;
  /** What failed, one line ("read: ... timed out after 500 ms"); null when ok. */
  readonly error: string | null;
  /** Time of the profile's read of every point, ms; null when it failed. */
  readonly roundTripMs: number | null;
  readonly values: readonly TriedValueView[];
  /** Model 1 for a SunSpec profile; null otherwise or when the device had no 'SunS'. */
  readonly identity: TriedIdentityView | null;
}

const nullableText = z.string().nullable();

export const tryDeviceSchema = describes<TryDeviceView>()(
  z.strictObject({
    role: z.enum(['meter', 'inverter']),
    reach: z.string(),
    ok: z.boolean(),
    error: z.string().nullable(),
    roundTripMs: z.number().nullable(),
    values: z.array(
      z.strictObject({ label: z.string(), value: z.number().nullable(), unit: z.string() }),
    ),
    identity: z
      .strictObject({
        base: z.number(),
        models: z.array(z.number()),
        manufacturer: nullableText,
        model: nullableText,
        serial: nullableText,
        version: nullableText,
      })
      .nullable(),
  }),
);
