import { z } from 'zod';
import { siteIdSchema } from './site-ids';
import { siteFileSchema } from './site-schema';

/**
 * The managed sites as the contract carries them: the params of the site requests and what
 * they answer. A site file in a request is validated by the one site schema, so a bad field
 * is named the same way as in a `--site` file.
 */

/** One site in the list. */
export const siteListEntrySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The EMS runs this site now. */
  active: z.boolean(),
  /** The built-in simulated site: it can be activated, not edited or deleted. */
  builtIn: z.boolean(),
  /** Why the stored file cannot be used (edited by hand, say); null when it can. */
  problem: z.string().nullable(),
  /** Active and edited since it was activated: the edit takes effect at its next activation. */
  changedSinceActivation: z.boolean(),
});
/** One site in the list. */
export type SiteListEntry = z.output<typeof siteListEntrySchema>;

/** A stored site: its id and its file. */
export const siteDetailSchema = z.strictObject({
  id: z.string(),
  active: z.boolean(),
  changedSinceActivation: z.boolean(),
  site: siteFileSchema,
});
/** A stored site: its id and its file. */
export type SiteDetail = z.output<typeof siteDetailSchema>;

/** The id of a site just stored. */
export const siteIdResultSchema = z.strictObject({ id: z.string() });

/** A site as a file to save. */
export const siteExportSchema = z.strictObject({
  /** Suggested file name ("plant-room-3f9a.json"). */
  fileName: z.string(),
  /** The site file's JSON text. */
  text: z.string(),
});

/** What a switch did. */
export const siteActivationSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The old site's inverter confirmed 0 W before it was let go. */
  zeroWConfirmed: z.boolean(),
  /** Why 0 W was not confirmed (a forced switch); null when it was. */
  unconfirmedReason: z.string().nullable(),
});
/** What a switch did. */
export type SiteActivation = z.output<typeof siteActivationSchema>;

/** The largest site file text an import takes, characters. */
export const MAX_SITE_FILE_CHARS = 256 * 1024;

/** The params of the site requests, by request. */
export const siteParams = {
  id: z.strictObject({ id: siteIdSchema }),
  create: z.strictObject({ site: siteFileSchema }),
  update: z.strictObject({ id: siteIdSchema, site: siteFileSchema }),
  duplicate: z.strictObject({ id: siteIdSchema, name: z.string().min(1).max(100).optional() }),
  import: z.strictObject({
    /** The file's text, as read from disk. */
    text: z.string().max(MAX_SITE_FILE_CHARS),
    /** The file's name, to name it in errors. */
    fileName: z.string().max(260).optional(),
  }),
  activate: z.strictObject({
    id: siteIdSchema,
    /**
     * A forced switch: the operator acknowledges that the old site's inverter may still be
     * running, because 0 W could not be confirmed. Without it such a switch is refused.
     */
    oldInverterMayRun: z.literal(true).optional(),
  }),
} as const;
