import { z } from 'zod';

/**
 * Site ids: chosen by the app (never typed by the operator), safe as a file name and in a URL.
 * Shared so every transport refuses a malformed id before main touches a file.
 */

/** The id of the built-in simulated site, which has no site file. */
export const BUILT_IN_SITE_ID = 'built-in';

/** Lower-case letters, digits and dashes, starting with a letter or digit; at most 64. */
export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A site id as a request field. */
export const siteIdSchema = z
  .string()
  .regex(
    SITE_ID_PATTERN,
    'a site id: lower-case letters, digits and dashes (as listed by listSites)',
  );

/** The part of an id made from the site's name: "Plant room 2" -> "plant-room-2". */
export function siteSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? 'site' : slug;
}
